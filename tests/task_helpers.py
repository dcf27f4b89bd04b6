"""Running queued tasks inside a test, as a worker would, without its loop."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

TEST_WORKER_ID = "test-worker"


def run_ready_tasks() -> int:
    """Claim and run every task that is due now, one by one; return how many ran.

    The worker's own loop closes database connections between tasks, which a test's
    transaction cannot survive; claiming and running is the rest of what it does.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=TEST_WORKER_ID,
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(TEST_WORKER_ID)
        worker.run_task(result)
        ran += 1
    return ran
