"""Staff review of signups in the admin, and the Signup reviewer role."""

import csv
import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import ReportDelivery, Seniority, Signup, SignupStatus
from tests.accounts.conftest import confirm_matches, report_url
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SignupFactory,
    TaskAssessmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_signup_changelist")


@pytest.fixture
def reviewer(db):
    user = UserFactory(username="rita", is_staff=True)
    user.groups.add(Group.objects.get(name="Signup reviewer"))
    return user


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_reviewer_group_has_exactly_the_signup_permissions():
    group = Group.objects.get(name="Signup reviewer")
    assert sorted(group.permissions.values_list("content_type__model", "codename")) == [
        ("signup", "add_signup"),
        ("signup", "change_signup"),
        ("signup", "delete_signup"),
        ("signup", "send_report"),
        ("signup", "view_signup"),
    ]


def test_a_reviewer_sees_only_signups_in_the_admin(reviewer_client):
    response = reviewer_client.get(reverse("admin:index"))
    assert response.status_code == 200
    models = [m["object_name"] for app in response.context["app_list"] for m in app["models"]]
    assert models == ["Signup"]
    assert reviewer_client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:outlook_outlook_changelist",
        "admin:outlook_outlook_add",
        "admin:outlook_issue_changelist",
        "admin:professions_profession_changelist",
        "admin:accounts_user_changelist",
        "admin:auth_group_changelist",
    ],
)
def test_a_reviewer_gets_403_on_content_admin_pages(reviewer_client, url_name):
    assert reviewer_client.get(reverse(url_name)).status_code == 403


def test_a_reviewer_cannot_open_an_outlook_in_the_admin(reviewer_client):
    signup = SignupFactory()
    outlook = OutlookFactory()
    outlook_url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    assert reviewer_client.get(outlook_url).status_code == 403
    # …while their own part of the admin is open to them.
    change_url = reverse("admin:accounts_signup_change", args=[signup.pk])
    assert reviewer_client.get(change_url).status_code == 200


def test_the_admin_index_shows_how_many_new_confirmed_signups_wait(reviewer_client):
    SignupFactory.create_batch(3)
    SignupFactory(confirmed_at=None)
    SignupFactory(status=SignupStatus.REVIEWED)
    html = reviewer_client.get(reverse("admin:index")).content.decode()
    assert "<strong>3</strong> new confirmed signups waiting for review" in html


def test_the_admin_index_does_not_show_the_count_to_content_staff(client):
    editor = UserFactory(username="ed", is_staff=True)
    client.force_login(editor)
    assert "waiting for review" not in client.get(reverse("admin:index")).content.decode()


def test_the_signup_list_filters_and_searches(admin_client, django_assert_max_num_queries):
    nurse = ProfessionFactory(name="Nurse")
    issue = IssueFactory()
    SignupFactory(email="ann@example.com", profession=nurse, issue=issue)
    SignupFactory(email="bob@example.com", status=SignupStatus.SPAM)
    SignupFactory(email="cy@example.com", confirmed_at=None)
    SignupFactory.create_batch(20)

    def emails(**params):
        response = admin_client.get(CHANGELIST, params)
        assert response.status_code == 200
        return {signup.email for signup in response.context["cl"].result_list}

    assert emails(q="ann@") == {"ann@example.com"}
    assert emails(status__exact="spam") == {"bob@example.com"}
    assert emails(profession__id__exact=nurse.pk) == {"ann@example.com"}
    assert emails(issue__id__exact=issue.pk) == {"ann@example.com"}
    assert emails(confirmed="no") == {"cy@example.com"}
    assert len(emails(confirmed="yes")) == 22
    assert len(emails(created_at__year=timezone.now().year)) == 23
    # prevents N+1: the list costs the same with 23 rows as with one.
    with django_assert_max_num_queries(12):
        admin_client.get(CHANGELIST)


def test_marking_reviewed_records_who_and_when_and_skips_unconfirmed(admin_client, superuser):
    confirmed = SignupFactory()
    unconfirmed = SignupFactory(confirmed_at=None)
    response = admin_client.post(
        CHANGELIST,
        {"action": "mark_reviewed", "_selected_action": [confirmed.pk, unconfirmed.pk]},
        follow=True,
    )
    assert "1 signup(s) marked “Reviewed”" in response.content.decode()
    confirmed.refresh_from_db()
    unconfirmed.refresh_from_db()
    assert confirmed.status == SignupStatus.REVIEWED
    assert confirmed.reviewed_by == superuser
    assert confirmed.reviewed_at is not None
    assert unconfirmed.status == SignupStatus.NEW
    assert unconfirmed.reviewed_by is None


def test_marking_spam_works_for_unconfirmed_signups(admin_client):
    unconfirmed = SignupFactory(confirmed_at=None)
    admin_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [unconfirmed.pk]})
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == SignupStatus.SPAM


def test_the_change_form_records_the_reviewer_and_keeps_notes(reviewer_client, reviewer):
    signup = SignupFactory()
    url = reverse("admin:accounts_signup_change", args=[signup.pk])
    response = reviewer_client.post(url, {"status": "reviewed", "notes": "Real person."})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert (signup.status, signup.notes, signup.reviewed_by) == (
        "reviewed",
        "Real person.",
        reviewer,
    )


def test_the_change_form_refuses_to_review_an_unconfirmed_signup(reviewer_client):
    signup = SignupFactory(confirmed_at=None)
    url = reverse("admin:accounts_signup_change", args=[signup.pk])
    response = reviewer_client.post(url, {"status": "reviewed", "notes": ""})
    assert response.status_code == 200
    assert "Only confirmed signups can be reviewed" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.NEW


def test_report_sent_cannot_be_chosen_by_hand(reviewer_client):
    signup = SignupFactory(status=SignupStatus.REVIEWED)
    url = reverse("admin:accounts_signup_change", args=[signup.pk])
    response = reviewer_client.post(url, {"status": "report_sent", "notes": ""})
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.status == SignupStatus.REVIEWED


def test_staff_cannot_add_signups_by_hand(admin_client):
    assert admin_client.get(reverse("admin:accounts_signup_add")).status_code == 403


def test_the_csv_export_streams_the_selection(admin_client):
    ann = SignupFactory(email="ann@example.com", tasks="=HYPERLINK(evil)", notes="ok")
    SignupFactory(email="bob@example.com")
    response = admin_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [ann.pk]})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,email,profession")
    assert len(lines) == 2
    assert "ann@example.com" in lines[1]
    # A reader's text never runs as a spreadsheet formula.
    assert "'=HYPERLINK(evil)" in lines[1]


def test_the_csv_export_writes_labels_and_times_to_the_second(admin_client):
    signed_up = timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 15, 42, 123456))
    signup = SignupFactory(
        seniority=Seniority.JUNIOR, status=SignupStatus.NEW, created_at=signed_up
    )
    response = admin_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [signup.pk]}
    )
    header, row = csv.reader(b"".join(response.streaming_content).decode().splitlines())
    cells = dict(zip(header, row, strict=True))
    assert cells["seniority"] == "Junior (0–2 years)"
    assert cells["status"] == "New"
    assert cells["report delivery"] == "Not asked"
    assert cells["signed up"] == timezone.localtime(signed_up).isoformat(timespec="seconds")
    assert datetime.datetime.fromisoformat(cells["signed up"]).microsecond == 0
    assert "." not in cells["confirmed"]


def test_deleting_a_signup_in_the_admin_removes_the_row(reviewer_client):
    signup = SignupFactory()
    url = reverse("admin:accounts_signup_delete", args=[signup.pk])
    assert reviewer_client.post(url, {"post": "yes"}).status_code == 302
    assert not Signup.objects.filter(pk=signup.pk).exists()


def report_link(client, signup) -> str:
    """Return the text of the change page's link to the report page."""
    response = client.get(reverse("admin:accounts_signup_change", args=[signup.pk]))
    assert response.status_code == 200
    [text] = [
        text
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', response.content.decode())
        if href == report_url(signup)
    ]
    return text


def test_the_report_link_says_the_matches_come_first_until_they_are_confirmed(
    reviewer_client, outlook
):
    TaskAssessmentFactory(outlook=outlook, task="Write production code")
    signup = SignupFactory(profession=outlook.profession, tasks="Write production code")
    assert report_link(reviewer_client, signup) == "Preview the report and review the matches"

    Signup.objects.filter(pk=signup.pk).update(status=SignupStatus.REVIEWED)
    assert report_link(reviewer_client, signup) == "Review the matches, then send the report"

    confirm_matches(reviewer_client, signup)
    assert report_link(reviewer_client, signup) == "Preview the report and send it"

    Signup.objects.filter(pk=signup.pk).update(report_delivery=ReportDelivery.UNKNOWN)
    assert report_link(reviewer_client, signup) == (
        "Preview the report and decide whether it arrived"
    )
    Signup.objects.filter(pk=signup.pk).update(
        status=SignupStatus.REPORT_SENT, report_delivery=ReportDelivery.SENT
    )
    assert report_link(reviewer_client, signup) == "Preview the report"


def test_a_reader_without_tasks_has_nothing_to_match(reviewer_client, outlook):
    signup = SignupFactory(profession=outlook.profession, tasks="", status=SignupStatus.REVIEWED)
    assert report_link(reviewer_client, signup) == "Preview the report and send it"
