"""Is a task worker alive? Read from the heartbeats workers write."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from outlook.taskqueue.models import WorkerHeartbeat


def queue_needs_worker() -> bool:
    """Return True when tasks wait in the database for a worker (not run where enqueued)."""
    return settings.TASKS_BACKEND == "database"


def stale_before() -> datetime.datetime:
    """Return the moment before which a heartbeat no longer shows a live worker."""
    return timezone.now() - datetime.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS)


def alive_workers():
    return WorkerHeartbeat.objects.filter(beat_at__gte=stale_before())


@dataclass(frozen=True)
class WorkerStatus:
    needed: bool
    alive: int
    last_beat_at: datetime.datetime | None

    @property
    def ok(self) -> bool:
        return not self.needed or self.alive > 0

    def describe(self) -> str:
        if not self.needed:
            return "not needed: tasks run where they are enqueued"
        if self.alive:
            return f"{self.alive} worker(s) alive"
        if self.last_beat_at is None:
            return "no task worker has ever run"
        seconds = int((timezone.now() - self.last_beat_at).total_seconds())
        return f"no task worker seen for {seconds} s"


def worker_status() -> WorkerStatus:
    if not queue_needs_worker():
        return WorkerStatus(needed=False, alive=0, last_beat_at=None)
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    return WorkerStatus(needed=True, alive=alive_workers().count(), last_beat_at=last)
