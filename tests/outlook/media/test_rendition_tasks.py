"""Renditions are made by a task, and only when an image is uploaded or replaced."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from outlook.models import Issue, PublicationStatus
from outlook.publishing import workflow
from professions.models import Profession
from tests.factories import IssueFactory, ProfessionFactory
from tests.outlook.helpers import complete_outlook
from tests.outlook.image_files import png_bytes, upload
from tests.outlook.media.test_images import post_cover
from tests.task_helpers import run_ready_tasks

pytestmark = pytest.mark.django_db

RENDITIONS_TASK = "outlook.media.renditions.make_renditions_of"


@pytest.fixture
def queued(database_queue):
    """Return the rendition tasks queued so far."""
    return lambda: list(
        DBTaskResult.objects.filter(task_path=RENDITIONS_TASK).order_by("enqueued_at")
    )


def with_cover(issue: Issue, width=800) -> Issue:
    issue.cover = SimpleUploadedFile("cover.png", png_bytes(width, 400))
    issue.cover_alt = "A newsroom"
    return issue


def test_an_uploaded_image_queues_one_rendition_task_after_commit(queued, after_commit):
    issue = IssueFactory()
    with after_commit():
        with_cover(issue).save()
    [task] = queued()
    assert task.args_kwargs["args"] == [issue.cover.name, 800]
    assert not default_storage.exists("renditions"), "nothing made inside the request"


def test_saves_that_leave_the_image_alone_queue_nothing(queued, after_commit):
    with after_commit():
        issue = with_cover(IssueFactory())
        issue.save()
        profession = ProfessionFactory(
            image=SimpleUploadedFile("p.png", png_bytes()), image_alt="A"
        )
    assert len(queued()) == 1 + 1
    with after_commit():
        loaded = Issue.objects.get(pk=issue.pk)
        loaded.title = "Renamed"
        loaded.save()
        Issue.objects.only("status").get(pk=issue.pk).save(update_fields=["status"])
        loaded_profession = Profession.objects.get(pk=profession.pk)
        loaded_profession.name = "Renamed profession"
        loaded_profession.save()
    assert len(queued()) == 2


def test_publishing_an_issue_with_a_cover_queues_no_rendition(queued, after_commit, editor):
    with after_commit():
        issue = with_cover(IssueFactory(status=PublicationStatus.DRAFT, go_live_at=None))
        issue.save()
        complete_outlook(issue=issue, status=PublicationStatus.IN_REVIEW)
    with after_commit():
        workflow.publish_issue(issue=Issue.objects.get(pk=issue.pk), user=editor)
    assert Issue.objects.get(pk=issue.pk).status == PublicationStatus.PUBLISHED
    assert len(queued()) == 1


def test_replacing_an_image_queues_its_renditions(queued, after_commit):
    with after_commit():
        issue = with_cover(IssueFactory())
        issue.save()
    with after_commit():
        loaded = with_cover(Issue.objects.get(pk=issue.pk), width=600)
        loaded.save()
    assert [task.args_kwargs["args"][1] for task in queued()] == [800, 600]


def test_the_task_makes_the_renditions_and_a_storage_outage_is_retried(
    queued, after_commit, monkeypatch
):
    with after_commit():
        issue = with_cover(IssueFactory(), width=1600)
        issue.save()

    def bucket_down(*args, **kwargs):
        raise ConnectionError("bucket unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(default_storage, "exists", bucket_down)
        assert run_ready_tasks() == 1
    [failed, retry] = queued()
    assert failed.status == "FAILED"
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert run_ready_tasks() == 0, "the retry waits for its backoff"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    assert run_ready_tasks() == 1
    assert len(default_storage.listdir("renditions")[1]) == 4


def test_an_admin_upload_is_served_once_the_task_ran(editor_client):
    issue = IssueFactory()
    post_cover(editor_client, issue, upload("a.png", png_bytes(600, 300)))
    assert len(default_storage.listdir("renditions")[1]) == 4
