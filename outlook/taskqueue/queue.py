"""Enqueueing after commit, tasks that retry with backoff, and tasks that run at most once.

A task enqueued inside a transaction that later rolls back must never run, and one that runs
before the commit would not see the rows it was given: every task is enqueued on commit.
"""

import datetime
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# What to do with a task whose worker died while running it, by the task's module path:
# called with the task's args and kwargs once its result is marked failed.
WORKER_LOST_HANDLERS: dict[str, Callable[[list, dict], None]] = {}


class WorkerLost(Exception):
    """The worker running the task stopped beating before the task finished."""


def enqueue_on_commit(queued_task: Task, *args, **kwargs) -> None:
    """Enqueue the task once the current transaction commits (at once outside one)."""

    def enqueue():
        queued_task.enqueue(*args, **kwargs)

    # Robust: the transaction is already committed; a queue that cannot take the task must
    # not turn the reader's answer into an error. It is logged.
    transaction.on_commit(enqueue, robust=True)


@dataclass(frozen=True)
class Backoff:
    """Wait `first_seconds`, then `factor` times longer after each failure, up to a cap."""

    first_seconds: float = 30
    factor: float = 2
    max_seconds: float = 3600

    def delay(self, attempt: int) -> datetime.timedelta:
        seconds = self.first_seconds * self.factor ** (attempt - 1)
        return datetime.timedelta(seconds=min(seconds, self.max_seconds))


def retried_task(
    *,
    attempts: int,
    backoff: Backoff = Backoff(),
    on_give_up: Callable | None = None,
    **task_options,
):
    """Make a task that is enqueued again, later, when it fails (or its worker dies).

    Each attempt is its own task result, so every failure stays recorded. After `attempts`
    failures, or at once where the backend cannot defer (the immediate backend),
    `on_give_up(*args, **kwargs)` runs. Only for idempotent work: an attempt may have done part
    of its job before it failed.
    """

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:
                _retry_or_give_up(queued, args, kwargs, attempt=attempt, error=error)
                raise

        def worker_lost(args, kwargs):
            kwargs = dict(kwargs)
            attempt = kwargs.pop("attempt", 1)
            _retry_or_give_up(queued, args, kwargs, attempt=attempt, error=WorkerLost())

        def _retry_or_give_up(queued_task, args, kwargs, *, attempt, error):
            if attempt < attempts and queued_task.get_backend().supports_defer:
                run_after = timezone.now() + backoff.delay(attempt)
                logger.warning(
                    "Task %s failed (attempt %d of %d: %r); retrying after %s",
                    queued_task.name,
                    attempt,
                    attempts,
                    error,
                    run_after.isoformat(),
                )
                queued_task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
                return
            logger.error(
                "Task %s failed for good after %d attempt(s): %r", queued_task.name, attempt, error
            )
            if on_give_up is not None:
                on_give_up(*args, **kwargs)

        queued = task(**task_options)(run)
        WORKER_LOST_HANDLERS[queued.module_path] = worker_lost
        return queued

    return decorate


def at_most_once_task(*, on_worker_lost: Callable, **task_options):
    """Make a task that is never run again on its own, even if its worker died mid-way.

    The task must itself refuse to run twice (claim its row first); `on_worker_lost(*args,
    **kwargs)` records that the outcome is unknown, for a person to decide.
    """

    def decorate(function):
        queued = task(**task_options)(function)
        WORKER_LOST_HANDLERS[queued.module_path] = lambda args, kwargs: on_worker_lost(
            *args, **kwargs
        )
        return queued

    return decorate
