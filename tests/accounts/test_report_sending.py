"""Report sends are at most once: an unknown outcome is held for a reviewer, never resent."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import report_sending
from accounts.models import ReportDelivery, Signup, SignupStatus
from outlook.taskqueue.housekeeping import recover_stuck_tasks
from tests.factories import OutlookFactory, SignupFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db


class TimeoutAfterDataBackend(LocmemBackend):
    """The server took the message, then the connection timed out before it said "250 OK"."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise TimeoutError("timed out waiting for the answer to DATA")


class RefusingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"reader@example.com": (550, b"No such user")})


class WorkerKilled(BaseException):
    """Stands for the worker process dying mid-send: nothing after it runs."""


class DyingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise WorkerKilled


@pytest.fixture
def signup(db):
    outlook = OutlookFactory(profession__name="Nurse", profession__slug="nurse")
    TaskAssessmentFactory(outlook=outlook)
    return SignupFactory(
        email="reader@example.com", profession=outlook.profession, status=SignupStatus.REVIEWED
    )


def report_url(signup):
    return reverse("admin:accounts_signup_report", args=[signup.pk])


def hold(admin_client, signup, settings, after_commit):
    """Send the report through a server whose answer to the message never comes."""
    settings.EMAIL_BACKEND = "tests.accounts.test_report_sending.TimeoutAfterDataBackend"
    with after_commit():
        admin_client.post(report_url(signup))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    signup.refresh_from_db()


def test_a_timeout_after_the_message_left_holds_the_report(
    admin_client, signup, settings, after_commit
):
    hold(admin_client, signup, settings, after_commit)
    assert len(mail.outbox) == 1, "the message may well have arrived"
    assert signup.report_delivery == ReportDelivery.UNKNOWN
    assert signup.status == SignupStatus.REVIEWED
    assert "TimeoutError" in signup.report_error
    change = admin_client.get(reverse("admin:accounts_signup_change", args=[signup.pk]))
    page = change.content.decode()
    assert "Outcome unknown: held for a reviewer" in page
    assert "timed out waiting for the answer to DATA" in page


def test_a_held_report_is_never_resent_by_asking_again(
    admin_client, signup, settings, after_commit
):
    hold(admin_client, signup, settings, after_commit)
    changelist = reverse("admin:accounts_signup_changelist")
    with after_commit():
        admin_client.post(report_url(signup))
        admin_client.post(
            changelist,
            {"action": "send_reports", "_selected_action": [signup.pk], "confirm": "yes"},
        )
    assert len(mail.outbox) == 1
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.UNKNOWN


def test_the_reviewer_says_a_held_report_arrived(
    admin_client, signup, settings, after_commit, superuser
):
    hold(admin_client, signup, settings, after_commit)
    preview = admin_client.get(report_url(signup)).content.decode()
    assert "It arrived: mark as sent" in preview
    with after_commit():
        admin_client.post(report_url(signup), {"decision": "arrived"})
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REPORT_SENT
    assert signup.report_delivery == ReportDelivery.SENT
    assert signup.report_sent_by == superuser
    assert len(mail.outbox) == 1, "marking it sent sends nothing"


def test_the_reviewer_has_a_held_report_sent_again(admin_client, signup, settings, after_commit):
    hold(admin_client, signup, settings, after_commit)
    with after_commit():
        admin_client.post(report_url(signup), {"decision": "resend"})
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REPORT_SENT
    assert len(mail.outbox) == 2


def test_a_decision_on_a_report_that_is_not_held_changes_nothing(
    admin_client, signup, after_commit
):
    with after_commit():
        response = admin_client.post(report_url(signup), {"decision": "arrived"}, follow=True)
    assert "not held for a decision" in response.content.decode()
    signup.refresh_from_db()
    assert (signup.status, signup.report_delivery) == (
        SignupStatus.REVIEWED,
        ReportDelivery.NOT_ASKED,
    )


def test_a_refused_message_may_be_sent_again(admin_client, signup, settings, after_commit):
    settings.EMAIL_BACKEND = "tests.accounts.test_report_sending.RefusingBackend"
    with after_commit():
        admin_client.post(report_url(signup))
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.FAILED
    assert "No such user" in signup.report_error


def test_a_worker_that_dies_mid_send_leaves_the_report_held_not_resent(
    signup, settings, superuser, after_commit
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.accounts.test_report_sending.DyingBackend"
    with after_commit():
        report_sending.request_reports(signups=Signup.objects.all(), by=superuser)
    [queued] = DBTaskResult.objects.all()
    queued.claim("worker-that-dies")
    with pytest.raises(WorkerKilled):
        queued.task.call(*queued.args_kwargs["args"])
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.SENDING

    later = timezone.now() + dt.timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS + 1)
    with time_machine.travel(later):
        assert recover_stuck_tasks() == 1
    queued.refresh_from_db()
    assert queued.status == "FAILED"
    assert queued.exception_class_path == "outlook.taskqueue.queue.WorkerLost"
    assert DBTaskResult.objects.count() == 1, "nothing was queued to send it again"
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.UNKNOWN
    assert "may or may not have arrived" in signup.report_error
