"""The personalised report: preview, send once, and send again after a certain failure."""

import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import report_sending
from accounts.models import ReportDelivery, Signup, SignupStatus
from accounts.reports import build_report, match_tasks
from outlook.models import Exposure, SkillVerdict
from tests.accounts.conftest import confirm_matches, report_url
from tests.factories import (
    InsightFactory,
    OutlookFactory,
    SignupFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """An email backend whose server is down: connecting fails, before any message leaves."""

    def open(self):
        raise ConnectionRefusedError("SMTP server unreachable")

    def send_messages(self, email_messages):
        self.open()


@pytest.fixture
def outlook(db):
    outlook = OutlookFactory(profession__name="Backend Developer", profession__slug="backend")
    TaskAssessmentFactory(
        outlook=outlook,
        task="Write production code",
        exposure=Exposure.HIGH,
        rationale="LLMs draft and transform code quickly.",
    )
    TaskAssessmentFactory(
        outlook=outlook,
        task="Design systems and technical approaches",
        exposure=Exposure.LOW,
        rationale="Depends on business context and long-horizon judgment.",
    )
    SkillAssessmentFactory(outlook=outlook, skill__name="Python", verdict=SkillVerdict.VULNERABLE)
    InsightFactory(outlook=outlook, text="Review skills matter more than typing speed.")
    return outlook


@pytest.fixture
def signup(outlook, admin_client):
    """A reviewed signup whose task matches a reviewer confirmed as the rule proposed them."""
    signup = SignupFactory(
        email="reader@example.com",
        profession=outlook.profession,
        status=SignupStatus.REVIEWED,
        tasks="writing code for new features\ndesigning the system architecture\nbaking bread",
    )
    confirm_matches(admin_client, signup)
    return signup


def test_the_readers_tasks_map_to_assessed_tasks_where_the_text_matches(signup):
    report = build_report(signup)
    mapped = {match.reader_task: match.assessment for match in report.task_matches}
    assert mapped["writing code for new features"].task == "Write production code"
    assert mapped["designing the system architecture"].task.startswith("Design systems")
    assert mapped["baking bread"] is None
    assert report.matched_count == 2


def test_matching_with_no_assessed_tasks_maps_nothing():
    [match] = match_tasks(["anything"], [])
    assert (match.reader_task, match.assessment) == ("anything", None)


def test_staff_preview_the_report_before_sending(admin_client, signup, outlook):
    response = admin_client.get(report_url(signup))
    assert response.status_code == 200
    message = response.context["message"]
    assert message.to == ["reader@example.com"]
    assert outlook.headline in message.subject
    for text in (
        "Write production code",
        "HIGH",
        "Python",
        "Review skills matter more than typing speed.",
        "writing code for new features",
        "baking bread",
        "We have not assessed this task",
    ):
        assert text in message.body
        assert text in response.context["html"]
    assert "Send this report" in response.content.decode()
    assert mail.outbox == [], "previewing sends nothing"


def test_the_report_comes_from_the_published_outlook_only(admin_client, signup, outlook):
    OutlookFactory(profession=outlook.profession, year=outlook.year + 1, status="draft")
    report = build_report(signup)
    assert report.outlook == outlook


def test_a_profession_without_a_published_outlook_cannot_be_sent(
    admin_client, signup, outlook, after_commit
):
    outlook.status = "draft"
    outlook.save()
    response = admin_client.get(report_url(signup))
    assert "has no published outlook" in response.content.decode()
    with after_commit():
        admin_client.post(report_url(signup))
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REVIEWED
    assert signup.report_delivery == ReportDelivery.FAILED
    assert "has no published outlook" in signup.report_error
    assert mail.outbox == []


def test_sending_queues_the_report_and_records_the_send(
    admin_client, signup, superuser, after_commit
):
    with after_commit():
        response = admin_client.post(report_url(signup), follow=True)
    assert "Queued 1 report(s)" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REPORT_SENT
    assert signup.report_delivery == ReportDelivery.SENT
    assert signup.report_sent_by == superuser
    assert signup.report_sent_at is not None


def test_the_action_only_queues_the_send(admin_client, signup, settings, after_commit):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with after_commit():
        admin_client.post(report_url(signup))
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "accounts.report_sending.send_report"
    assert queued.args_kwargs["args"] == [signup.pk]
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.QUEUED
    assert signup.status == SignupStatus.REVIEWED
    assert mail.outbox == [], "the request never talks to the SMTP server"


def test_sending_a_report_twice_sends_one_email(admin_client, signup, after_commit):
    with after_commit():
        admin_client.post(report_url(signup))
    with after_commit():
        response = admin_client.post(report_url(signup), follow=True)
    assert "Nothing was sent twice" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_send_task_run_twice_sends_once(signup, superuser, after_commit):
    with after_commit():
        report_sending.request_reports(signups=Signup.objects.all(), by=superuser)
    assert report_sending.send_report.call(signup.pk) == "not queued"
    with after_commit():
        outcome = report_sending.request_reports(signups=Signup.objects.all(), by=superuser)
    assert (outcome.queued, outcome.skipped) == (0, 1)
    assert len(mail.outbox) == 1


def test_an_unreachable_server_leaves_the_report_ready_to_send_again(
    admin_client, signup, settings, after_commit
):
    settings.EMAIL_BACKEND = "tests.accounts.test_reports.FailingBackend"
    with after_commit():
        admin_client.post(report_url(signup))
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REVIEWED
    assert signup.report_delivery == ReportDelivery.FAILED
    assert signup.report_sent_at is None
    assert "SMTP server unreachable" in signup.report_error
    changelist = admin_client.get(reverse("admin:accounts_signup_changelist")).content.decode()
    assert "Not sent (can be sent again)" in changelist

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with after_commit():
        admin_client.post(report_url(signup))
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REPORT_SENT
    assert signup.report_error == ""
    assert len(mail.outbox) == 1


def test_only_reviewed_signups_are_sent_a_report(admin_client, outlook, after_commit):
    new = SignupFactory(profession=outlook.profession)
    with after_commit():
        admin_client.post(report_url(new))
    new.refresh_from_db()
    assert (new.status, new.report_delivery) == (SignupStatus.NEW, ReportDelivery.NOT_ASKED)
    assert mail.outbox == []


def test_sending_to_a_selection_asks_first_then_sends_the_reviewed_ones(
    admin_client, outlook, after_commit
):
    reviewed = SignupFactory.create_batch(
        2, profession=outlook.profession, status=SignupStatus.REVIEWED
    )
    new = SignupFactory(profession=outlook.profession)
    selected = [signup.pk for signup in [*reviewed, new]]
    changelist = reverse("admin:accounts_signup_changelist")
    ask = admin_client.post(changelist, {"action": "send_reports", "_selected_action": selected})
    assert ask.status_code == 200
    assert "2 reviewed signups will be sent their report" in ask.content.decode()
    assert mail.outbox == []
    with after_commit():
        admin_client.post(
            changelist,
            {"action": "send_reports", "_selected_action": selected, "confirm": "yes"},
        )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(s.email for s in reviewed)
    assert Signup.objects.get(pk=new.pk).status == SignupStatus.NEW


def test_sending_needs_the_send_report_permission(client, signup):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_signup"))
    client.force_login(viewer)
    assert client.get(report_url(signup)).status_code == 403
    assert client.post(report_url(signup)).status_code == 403
    assert client.post(report_url(signup), {"decision": "arrived"}).status_code == 403
    assert mail.outbox == []
    signup.refresh_from_db()
    assert signup.report_delivery == ReportDelivery.NOT_ASKED


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_report_send_one_email(outlook):
    signup = SignupFactory(profession=outlook.profession, status=SignupStatus.REVIEWED)
    staff = UserFactory(username="staff", is_staff=True)
    start = threading.Barrier(5)
    results, errors = [], []

    def send():
        try:
            start.wait()
            outcome = report_sending.request_reports(
                signups=Signup.objects.filter(pk=signup.pk), by=staff
            )
            results.append(outcome.queued)
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [0, 0, 0, 0, 1]
    assert len(mail.outbox) == 1


def test_the_preview_page_never_runs_what_a_reader_typed(admin_client, signup):
    signup.tasks = '<script>alert(1)</script>\n"><img src=x onerror=alert(2)>'
    signup.save()
    html = admin_client.get(report_url(signup)).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)" in html
