"""The admin keeps exactly what each reader was sent, as it was handed to the mail server."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import SignupStatus
from accounts.report_archive import SentReport
from outlook.models import TaskAssessment
from tests.factories import OutlookFactory, SignupFactory, TaskAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup(db):
    outlook = OutlookFactory(profession__name="Nurse", profession__slug="nurse")
    TaskAssessmentFactory(outlook=outlook, task="Triage patients", rationale="Judgement.")
    return SignupFactory(
        email="reader@example.com", profession=outlook.profession, status=SignupStatus.REVIEWED
    )


@pytest.fixture
def reviewer_client(client):
    reviewer = UserFactory(username="rita", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Signup reviewer"))
    client.force_login(reviewer)
    return client


def send(client, signup, after_commit):
    with after_commit():
        client.post(reverse("admin:accounts_signup_report", args=[signup.pk]))


def test_a_sent_report_is_archived_exactly_as_the_reader_got_it(admin_client, signup, after_commit):
    send(admin_client, signup, after_commit)
    [sent] = mail.outbox
    [archived] = SentReport.objects.filter(signup=signup)
    assert archived.to == "reader@example.com"
    assert archived.subject == sent.subject
    assert archived.text_body == sent.body
    assert archived.html_body == sent.alternatives[0][0]
    assert "Triage patients" in archived.text_body


def test_the_archive_keeps_what_was_sent_when_the_outlook_changes_later(
    admin_client, signup, after_commit
):
    send(admin_client, signup, after_commit)
    TaskAssessment.objects.filter(task="Triage patients").update(task="Hand over shifts")
    [archived] = SentReport.objects.all()
    page = admin_client.get(archived.get_admin_url()).content.decode()
    assert "Triage patients" in page
    assert "Hand over shifts" not in page
    preview = admin_client.get(reverse("admin:accounts_signup_report", args=[signup.pk]))
    assert "Hand over shifts" in preview.content.decode(), "the preview is rebuilt; not the archive"


def test_a_refused_report_is_not_archived(admin_client, signup, settings, after_commit):
    settings.EMAIL_BACKEND = "tests.accounts.test_report_sending.RefusingBackend"
    send(admin_client, signup, after_commit)
    assert not SentReport.objects.exists()


def test_a_report_held_for_a_decision_is_archived(admin_client, signup, settings, after_commit):
    settings.EMAIL_BACKEND = "tests.accounts.test_report_sending.TimeoutAfterDataBackend"
    send(admin_client, signup, after_commit)
    assert SentReport.objects.filter(signup=signup).count() == 1, "it may well have arrived"


def test_a_reviewer_reads_the_archive_from_the_signup(
    reviewer_client, signup, after_commit, django_assert_max_num_queries, superuser
):
    change_url = reverse("admin:accounts_signup_change", args=[signup.pk])
    assert "Nothing yet" in reviewer_client.get(change_url).content.decode()
    superuser_client = reviewer_client.__class__()
    superuser_client.force_login(superuser)
    send(superuser_client, signup, after_commit)
    [archived] = SentReport.objects.all()
    # prevents N+1
    with django_assert_max_num_queries(12):
        page = reviewer_client.get(change_url).content.decode()
    assert archived.get_admin_url() in page
    response = reviewer_client.get(archived.get_admin_url())
    assert response.status_code == 200
    assert archived.subject in response.content.decode()


def test_an_archived_report_is_found_only_under_its_own_signup(admin_client, signup, after_commit):
    send(admin_client, signup, after_commit)
    [archived] = SentReport.objects.all()
    other = SignupFactory()
    url = reverse("admin:accounts_signup_sent_report", args=[other.pk, archived.pk])
    assert admin_client.get(url).status_code == 404


def test_staff_without_signup_permissions_cannot_read_the_archive(
    client, admin_client, signup, after_commit
):
    send(admin_client, signup, after_commit)
    [archived] = SentReport.objects.all()
    client.force_login(UserFactory(username="ed", is_staff=True))
    assert client.get(archived.get_admin_url()).status_code == 403


def test_deleting_the_signup_deletes_what_it_was_sent(admin_client, signup, after_commit):
    send(admin_client, signup, after_commit)
    url = reverse("admin:accounts_signup_delete", args=[signup.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not SentReport.objects.exists()
