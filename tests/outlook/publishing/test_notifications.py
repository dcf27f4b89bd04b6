"""Workflow emails: editors hear of a submission, the writer of a return, approval, publication."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outlook.models import PublicationStatus
from outlook.publishing import pipeline
from outlook.publishing import workflow as services
from tests.outlook.helpers import complete_outlook, staff_in
from tests.task_helpers import run_ready_tasks

pytestmark = pytest.mark.django_db


def step_url(outlook, step: str) -> str:
    return reverse("admin:outlook_outlook_workflow", args=[outlook.pk, step])


def admin_link(outlook) -> str:
    return settings.SITE_URL + reverse("admin:outlook_outlook_change", args=[outlook.pk])


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_submission_tells_every_editor_but_not_the_writer(
    client, contributor, editor, after_commit
):
    other_editor = staff_in("Editor", "erin")
    outlook = complete_outlook(writer=contributor)
    client.force_login(contributor)
    with after_commit():
        assert client.post(step_url(outlook, "submit")).status_code == 302
    assert sent_to() == sorted([editor.email, other_editor.email])
    message = mail.outbox[0]
    assert message.subject == f"Waiting for your review: {outlook}"
    assert admin_link(outlook) in message.body
    assert "casey" in message.body


def test_the_writer_hears_of_a_return_with_the_comment(client, contributor, editor, after_commit):
    outlook = complete_outlook(writer=contributor, status=PublicationStatus.IN_REVIEW)
    client.force_login(editor)
    with after_commit():
        client.post(step_url(outlook, "return"), {"comment": "Cite the 2025 survey."})
    [message] = mail.outbox
    assert message.to == [contributor.email]
    assert message.subject == f"Returned to you: {outlook}"
    assert "Cite the 2025 survey." in message.body
    assert admin_link(outlook) in message.body


def test_the_writer_hears_of_approval_and_of_publication(client, contributor, editor, after_commit):
    approved = complete_outlook(writer=contributor, status=PublicationStatus.IN_REVIEW)
    published = complete_outlook(writer=contributor, status=PublicationStatus.DRAFT)
    client.force_login(editor)
    with after_commit():
        client.post(step_url(approved, "approve"))
        client.post(step_url(published, "publish"))
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == sorted([f"Approved: {approved}", f"Published: {published}"])
    assert sent_to() == [contributor.email, contributor.email]


def test_nobody_is_told_of_their_own_step(client, editor, after_commit):
    outlook = complete_outlook(writer=editor, status=PublicationStatus.DRAFT)
    client.force_login(editor)
    with after_commit():
        client.post(step_url(outlook, "publish"))
    assert mail.outbox == []


def test_the_notice_is_a_queued_task_not_sent_during_the_request(
    client, contributor, editor, after_commit, database_queue
):
    outlook = complete_outlook(writer=contributor)
    client.force_login(contributor)
    with after_commit():
        client.post(step_url(outlook, "submit"))
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "outlook.publishing.notifications.send_workflow_notice"
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert sent_to() == [editor.email]


def test_a_scheduled_go_live_tells_the_writer_once_at_its_time(
    contributor, editor, after_commit, database_queue
):
    outlook = complete_outlook(writer=contributor)
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with after_commit():
        services.schedule(outlook=outlook, user=editor, go_live_at=go_live_at)
    run_ready_tasks()  # what the scheduling itself queued; the go-live waits for its time
    assert mail.outbox == []

    def at_the_go_live():
        with time_machine.travel(go_live_at + datetime.timedelta(seconds=1)):
            while True:
                with after_commit():
                    if not run_ready_tasks():
                        break

    at_the_go_live()
    assert [message.subject for message in mail.outbox] == [f"Published: {outlook}"]
    assert sent_to() == [contributor.email]
    assert admin_link(outlook) in mail.outbox[0].body

    # The go-live task run again (a retry, a second copy queued) sends nothing more.
    outlook.refresh_from_db()
    at = outlook.go_live_at.isoformat()
    pipeline.go_live_reached.enqueue(model="outlook", pk=outlook.pk, at=at)
    at_the_go_live()
    assert len(mail.outbox) == 1


def test_a_go_live_moved_later_tells_the_writer_at_the_new_time_only(
    contributor, editor, after_commit, database_queue
):
    outlook = complete_outlook(writer=contributor)
    first = timezone.now() + datetime.timedelta(hours=1)
    later = first + datetime.timedelta(days=1)
    with after_commit():
        services.schedule(outlook=outlook, user=editor, go_live_at=first)
        services.schedule(outlook=outlook, user=editor, go_live_at=later)
    for moment in (first, later):
        with time_machine.travel(moment + datetime.timedelta(seconds=1)):
            for _ in range(3):
                with after_commit():
                    run_ready_tasks()
        if moment == first:
            assert mail.outbox == []
    assert [message.subject for message in mail.outbox] == [f"Published: {outlook}"]
