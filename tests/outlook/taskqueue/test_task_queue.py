"""The task queue's additions to django-tasks: retries, stuck-task recovery, heartbeat, pruning."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outlook.taskqueue.housekeeping import prune_task_results, recover_stuck_tasks
from outlook.taskqueue.models import WorkerHeartbeat
from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task
from tests.task_helpers import run_ready_tasks

pytestmark = pytest.mark.django_db

GIVEN_UP = "test-task-queue-given-up"
FAILURES_LEFT = "test-task-queue-failures-left"


def record_give_up(label):
    cache.set(GIVEN_UP, label)


@retried_task(attempts=3, backoff=Backoff(first_seconds=10, factor=3), on_give_up=record_give_up)
def flaky(label: str) -> str:
    """Fail as many times as the test says, then succeed."""
    left = cache.get(FAILURES_LEFT, 0)
    if left:
        cache.set(FAILURES_LEFT, left - 1)
        raise ConnectionError(f"{label}: service away")
    return label


def results():
    # An attempt and the retry it queues share a frozen clock: the one that ran comes first.
    return list(DBTaskResult.objects.order_by("enqueued_at", F("started_at").asc(nulls_last=True)))


def test_a_task_is_enqueued_only_once_its_transaction_commits(database_queue, after_commit):
    with after_commit():
        enqueue_on_commit(flaky, "x")
        assert results() == []
    assert len(results()) == 1


def test_a_failing_task_is_retried_with_growing_waits_then_given_up(database_queue):
    cache.set(FAILURES_LEFT, 5)
    start = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        flaky.enqueue("x")
        assert run_ready_tasks() == 1
    first, retry = results()
    assert first.status == "FAILED" and "service away" in first.traceback
    assert retry.status == "READY"
    assert retry.run_after == start + dt.timedelta(seconds=10)
    assert retry.args_kwargs == {"args": ["x"], "kwargs": {"attempt": 2}}

    with time_machine.travel(start + dt.timedelta(seconds=9), tick=False):
        assert run_ready_tasks() == 0, "not before its wait is over"
    with time_machine.travel(start + dt.timedelta(seconds=10), tick=False):
        assert run_ready_tasks() == 1
    third = results()[-1]
    assert third.run_after == start + dt.timedelta(seconds=10 + 30)
    assert cache.get(GIVEN_UP) is None
    with time_machine.travel(start + dt.timedelta(seconds=40), tick=False):
        assert run_ready_tasks() == 1
        assert cache.get(GIVEN_UP) == "x"
    assert [result.status for result in results()] == ["FAILED"] * 3, "three attempts in all"


def test_a_retry_that_succeeds_ends_the_retries(database_queue):
    cache.set(FAILURES_LEFT, 1)
    flaky.enqueue("x")
    run_ready_tasks()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_ready_tasks()
    assert [result.status for result in results()] == ["FAILED", "SUCCESSFUL"]
    assert results()[-1].return_value == "x"


def test_without_a_worker_a_failure_is_given_up_at_once():
    cache.set(FAILURES_LEFT, 1)
    result = flaky.enqueue("y")
    assert result.status == "FAILED"
    assert cache.get(GIVEN_UP) == "y"


def beat(worker_id: str, at: dt.datetime) -> WorkerHeartbeat:
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, hostname="app-1", pid=1234, queues="default", started_at=at, beat_at=at
    )


def claimed(worker_id: str) -> DBTaskResult:
    flaky.enqueue("stuck")
    result = DBTaskResult.objects.ready().get()
    result.claim(worker_id)
    return result


def test_a_task_left_running_by_a_dead_worker_is_retried(database_queue, settings):
    start = timezone.now()
    beat("dead", start)
    stuck = claimed("dead")
    stale = start + dt.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS + 1)
    with time_machine.travel(start + dt.timedelta(seconds=5)):
        assert recover_stuck_tasks() == 0, "its worker still beats"
    with time_machine.travel(stale):
        assert recover_stuck_tasks() == 1
        assert recover_stuck_tasks() == 0
    stuck.refresh_from_db()
    assert stuck.status == "FAILED"
    assert "worker dead stopped" in stuck.traceback
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs == {"args": ["stuck"], "kwargs": {"attempt": 2}}


def test_a_long_task_on_a_live_worker_is_left_alone(database_queue, settings):
    stuck = claimed("alive")
    later = timezone.now() + dt.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS * 3)
    beat("alive", later)
    with time_machine.travel(later):
        assert recover_stuck_tasks() == 0
    stuck.refresh_from_db()
    assert stuck.status == "RUNNING"


def test_readyz_shows_the_worker_and_fails_only_when_asked_to(client, database_queue):
    answer = client.get(reverse("readyz"))
    assert answer.status_code == 200
    assert answer.json()["task_worker"] == {"ok": False, "detail": "no task worker has ever run"}
    required = client.get(reverse("readyz"), {"require": "worker"})
    assert required.status_code == 503
    assert required.json()["reasons"] == ["task worker: no task worker has ever run"]

    beat("w1", timezone.now())
    answer = client.get(reverse("readyz"), {"require": "worker"})
    assert answer.status_code == 200
    assert answer.json()["task_worker"] == {"ok": True, "detail": "1 worker(s) alive"}


def test_readyz_reports_a_worker_gone_silent(client, database_queue, settings):
    beat("w1", timezone.now() - dt.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS + 30))
    answer = client.get(reverse("readyz"), {"require": "worker"})
    assert answer.status_code == 503
    assert answer.json()["task_worker"]["detail"].startswith("no task worker seen for ")


def test_readyz_needs_no_worker_when_tasks_run_where_enqueued(client):
    answer = client.get(reverse("readyz"), {"require": "worker"})
    assert answer.status_code == 200
    assert answer.json()["task_worker"]["ok"] is True


def test_the_admin_shows_the_workers_heartbeats(admin_client, database_queue, settings):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "no task worker has ever run" in index
    beat("w1", timezone.now())
    beat("w0", timezone.now() - dt.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS + 1))
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 worker(s) alive" in index
    listing = admin_client.get(reverse("admin:taskqueue_workerheartbeat_changelist"))
    page = listing.content.decode()
    assert "w1" in page and "w0" in page
    assert page.count('alt="True"') == 1 and page.count('alt="False"') == 1


def test_old_results_are_pruned_and_recent_or_unfinished_ones_kept(database_queue):
    long_ago = timezone.now() - dt.timedelta(days=30)
    with time_machine.travel(long_ago):
        flaky.enqueue("old")
        flaky.enqueue("old, never run")
        beat("gone", long_ago)
    old = DBTaskResult.objects.get(args_kwargs__args=["old"])
    old.claim("gone")
    old.set_successful("done")
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=long_ago)
    flaky.enqueue("recent")
    run_ready_tasks()
    assert prune_task_results(keep_days=14) == 1
    assert sorted(r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()) == [
        "old, never run",
        "recent",
    ]
    assert not WorkerHeartbeat.objects.exists()


def test_the_housekeeping_command_recovers_and_prunes(database_queue):
    output = StringIO()
    call_command("task_housekeeping", "--keep-days=7", stdout=output)
    assert output.getvalue().strip() == "Recovered 0 stuck task(s); pruned 0 old result(s)."
