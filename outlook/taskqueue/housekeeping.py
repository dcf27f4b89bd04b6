"""Recovery of tasks left running by a dead worker, and pruning of old results."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from outlook.taskqueue.models import WorkerHeartbeat
from outlook.taskqueue.queue import WORKER_LOST_HANDLERS, WorkerLost
from outlook.taskqueue.status import alive_workers, stale_before

logger = logging.getLogger(__name__)


def recover_stuck_tasks() -> int:
    """Fail each task whose worker stopped beating mid-run, then apply the task's own policy.

    Tasks that retry are enqueued again; tasks run at most once are handed to their
    `on_worker_lost`, which holds them for a person. Return how many were recovered.
    """
    live = set(alive_workers().values_list("worker_id", flat=True))
    candidates = DBTaskResult.objects.running().filter(started_at__lt=stale_before())
    recovered = 0
    for result_id, worker_ids in candidates.values_list("id", "worker_ids"):
        if worker_ids and worker_ids[-1] in live:
            continue  # a long task on a live worker
        if _recover(result_id):
            recovered += 1
    return recovered


def _recover(result_id) -> bool:
    with transaction.atomic():
        result = (
            DBTaskResult.objects.running()
            .select_for_update(skip_locked=True)
            .filter(id=result_id)
            .first()
        )
        if result is None:  # finished meanwhile, or another worker is recovering it
            return False
        worker = result.worker_ids[-1] if result.worker_ids else "unknown"
        result.set_failed(WorkerLost(f"worker {worker} stopped while running this task"))
        handler = _worker_lost_handler(result)
        logger.warning(
            "Recovered task %s (%s) left running by worker %s", result.id, result.task_path, worker
        )
        if handler is not None:
            handler(result.args_kwargs["args"], result.args_kwargs["kwargs"])
    return True


def _worker_lost_handler(result: DBTaskResult):
    try:
        result.task  # noqa: B018 -- importing the task's module registers its handler
    except Exception:
        logger.exception("Task %s points to no task (%s)", result.id, result.task_path)
        return None
    return WORKER_LOST_HANDLERS.get(result.task_path)


def prune_task_results(*, keep_days: int | None = None) -> int:
    """Delete finished results and silent workers' heartbeats older than `keep_days`."""
    if keep_days is None:
        keep_days = settings.TASK_RESULTS_KEEP_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    deleted, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return deleted
