"""Publishing events through the queue: purge tasks, their retries, and go-lives at their time."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outlook.models import PublicationStatus
from outlook.publishing import edits, pipeline
from outlook.publishing import workflow as services
from outlook.web import purge
from tests.factories import UserFactory
from tests.outlook.helpers import complete_outlook
from tests.outlook.web.test_purge import FakeApi, cache_check
from tests.task_helpers import run_ready_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def varnish_api(settings):
    server = FakeApi(cache_check)
    settings.PURGE_BACKEND = "varnish"
    settings.PURGE_URLS = [server.url]
    yield server
    server.close()
    assert not server.problems


@pytest.fixture
def editor():
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


def queued(task) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


def purged_keys(server) -> set[str]:
    return {key for request in server.requests for key in request["headers"]["xkey-purge"].split()}


def test_a_live_edit_queues_a_purge_of_its_keys_which_a_worker_sends(
    varnish_api, editor, after_commit
):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    with after_commit():
        edits.edit_fields(obj=outlook, user=editor, standfirst="Edited while live.")
    assert len(queued(pipeline.purge_pages)) == 1
    assert varnish_api.requests == []  # nothing is sent inside the editor's request

    run_ready_tasks()
    keys = purged_keys(varnish_api)
    assert f"outlook-{outlook.pk}" in keys
    assert f"issue-{outlook.issue_id}-contents" in keys
    assert "site" not in keys


def test_a_draft_edit_queues_no_purge(varnish_api, editor, after_commit):
    draft = complete_outlook(status=PublicationStatus.DRAFT)
    with after_commit():
        edits.edit_fields(obj=draft, user=editor, standfirst="Nobody sees this yet.")
    assert queued(pipeline.purge_pages) == []


def test_a_failed_purge_is_counted_and_retried_later(varnish_api, editor, after_commit):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    with after_commit():
        edits.edit_fields(obj=outlook, user=editor, standfirst="Edited while live.")
    varnish_api.fail_next = 1
    run_ready_tasks()
    assert purge.failure_count() == 1
    first, retry = queued(pipeline.purge_pages)
    assert first.status == "FAILED"
    assert retry.status == "READY" and retry.run_after > timezone.now()

    with time_machine.travel(retry.run_after + datetime.timedelta(seconds=1)):
        assert run_ready_tasks() == 1
    assert f"outlook-{outlook.pk}" in purged_keys(varnish_api)
    assert purge.failure_count() == 1


def test_a_go_live_queues_its_purge_for_its_moment(varnish_api, editor, after_commit):
    coming = complete_outlook()
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with after_commit():
        services.schedule(outlook=coming, user=editor, go_live_at=go_live_at)
    [due] = queued(pipeline.go_live_reached)
    assert due.run_after == go_live_at
    run_ready_tasks()  # the event's own purge; the go-live's waits
    varnish_api.requests.clear()

    with time_machine.travel(go_live_at + datetime.timedelta(seconds=1)):
        run_ready_tasks()
    assert f"outlook-{coming.pk}" in purged_keys(varnish_api)


def test_a_go_live_moved_since_does_nothing_at_the_old_time(varnish_api, editor, after_commit):
    coming = complete_outlook()
    first = timezone.now() + datetime.timedelta(hours=1)
    with after_commit():
        services.schedule(outlook=coming, user=editor, go_live_at=first)
        services.schedule(
            outlook=coming, user=editor, go_live_at=first + datetime.timedelta(days=1)
        )
    run_ready_tasks()
    varnish_api.requests.clear()
    with time_machine.travel(first + datetime.timedelta(seconds=1)):
        run_ready_tasks()
    assert varnish_api.requests == []
