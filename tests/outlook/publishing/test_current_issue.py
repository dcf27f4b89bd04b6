"""The current issue: editors choose it, the home page follows it, releases ask first."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from outlook.models import AuditAction, AuditEntry, Issue, PublicationStatus
from outlook.publishing import current_issue
from tests.factories import IssueFactory
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook, staff_in

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# The machine's "today" for these tests: 30 April 2026, after every factory go-live.
TODAY = datetime.datetime(2026, 4, 30, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    # Ticking: the page cache orders its versions by the clock.
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(content_editor())
    return client


def step_url(issue, step: str) -> str:
    return reverse("admin:outlook_issue_workflow", args=[issue.pk, step])


def change_url(issue) -> str:
    return reverse("admin:outlook_issue_change", args=[issue.pk])


def live_issue(number: int, day: datetime.date, title: str) -> Issue:
    issue = IssueFactory(number=number, publication_date=day, title=title)
    complete_outlook(issue=issue, status=PublicationStatus.PUBLISHED, go_live_at=issue.go_live_at)
    return issue


@pytest.fixture
def march():
    return live_issue(3, datetime.date(2026, 3, 20), "March Outlook")


@pytest.fixture
def april():
    return live_issue(4, datetime.date(2026, 4, 20), "April Outlook")


def home_title(client) -> str:
    """Return the title of the issue the home page shows (its page title starts with it)."""
    html = client.get(reverse("outlook:home")).content.decode()
    title = html.split("<title>", 1)[1]
    return title.split(":", 1)[0]


class TestTheHomePage:
    def test_without_a_current_issue_it_shows_the_newest_live_one(self, client, march, april):
        assert Issue.objects.current() == april
        assert home_title(client) == "April Outlook"

    def test_it_follows_the_issue_editors_make_current(self, editor_client, client, march, april):
        response = editor_client.post(step_url(march, "make_current"), follow=True)
        assert "is the current issue: the home page shows it now." in response.content.decode()
        march.refresh_from_db()
        assert march.is_current
        assert Issue.objects.current() == march
        assert home_title(client) == "March Outlook"
        entry = AuditEntry.objects.get(issue=march, action=AuditAction.MADE_CURRENT)
        assert entry.actor.username == "editor"
        assert entry.comment == f"In place of {april}."

        # Making another current moves the mark: one current issue at a time.
        editor_client.post(step_url(april, "make_current"))
        assert list(Issue.objects.filter(is_current=True)) == [april]

    def test_the_change_page_offers_the_button_and_says_what_the_home_shows(
        self, editor_client, march, april
    ):
        html = editor_client.get(change_url(march)).content.decode()
        assert 'data-step="make_current"' in html
        assert f"The home page shows {april} (the newest live issue)." in html
        editor_client.post(step_url(march, "make_current"))
        html = editor_client.get(change_url(march)).content.decode()
        assert 'data-step="make_current"' not in html
        assert "This is the current issue: the home page shows it." in html

    @pytest.mark.usefixtures("page_cache")
    def test_a_cached_home_page_changes_at_once(
        self, editor_client, client, march, april, after_commit
    ):
        assert client.get(reverse("outlook:home"))["X-Cache"] == "miss"
        assert client.get(reverse("outlook:home"))["X-Cache"] == "hit"
        with after_commit():
            editor_client.post(step_url(march, "make_current"))
        response = client.get(reverse("outlook:home"))
        assert response["X-Cache"] == "miss"
        assert "March Outlook" in response.content.decode()
        # The issue pages themselves were not touched.
        assert client.get(april.get_absolute_url())["X-Cache"] == "miss"
        assert client.get(april.get_absolute_url())["X-Cache"] == "hit"
        with after_commit():
            editor_client.post(step_url(april, "make_current"))
        assert client.get(april.get_absolute_url())["X-Cache"] == "hit"
        assert "April Outlook" in client.get(reverse("outlook:home")).content.decode()


class TestOnlyALiveIssue:
    @pytest.mark.parametrize(
        "status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, "scheduled"]
    )
    def test_an_issue_readers_cannot_see_is_refused(self, editor_client, april, status):
        go_live_at = TODAY + datetime.timedelta(days=3) if status == "scheduled" else None
        issue = IssueFactory(number=9, status=status, go_live_at=go_live_at)
        html = editor_client.get(change_url(issue)).content.decode()
        assert 'data-step="make_current"' not in html
        response = editor_client.post(step_url(issue, "make_current"))
        assert response.status_code == 400
        assert "only a live issue can be the current one" in response.content.decode()
        assert not Issue.objects.filter(is_current=True).exists()

    def test_a_contributor_cannot_choose(self, client, march):
        client.force_login(staff_in("Contributor", "casey"))
        response = client.post(step_url(march, "make_current"))
        assert response.status_code == 403
        assert not Issue.objects.filter(is_current=True).exists()

    def test_unpublishing_the_current_issue_falls_back_to_the_newest_live_one(
        self, editor_client, client, march, april
    ):
        editor_client.post(step_url(april, "make_current"))
        response = editor_client.post(step_url(april, "unpublish"), follow=True)
        html = response.content.decode()
        assert f"It was the current issue: the home page now shows {march}" in html
        april.refresh_from_db()
        assert (april.status, april.is_current) == (PublicationStatus.DRAFT, False)
        assert home_title(client) == "March Outlook"
        entry = AuditEntry.objects.get(issue=april, action=AuditAction.UNPUBLISHED)
        assert "It was the current issue" in entry.comment


def ready_issue(number: int, day: datetime.date) -> Issue:
    issue = IssueFactory(number=number, publication_date=day, status=PublicationStatus.DRAFT)
    complete_outlook(issue=issue, status=PublicationStatus.IN_REVIEW)
    return issue


class TestReleasingAsksFirst:
    def test_an_issue_dated_ahead_asks_before_it_is_published(self, editor_client, client):
        may = ready_issue(5, datetime.date(2026, 5, 14))
        page = editor_client.get(change_url(may))
        data = form_data(page, "issue_form") | {"_workflow": "publish"}
        response = editor_client.post(change_url(may), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "This issue is dated 14 May 2026, two weeks ahead." in html
        assert "Publish anyway" in html
        may.refresh_from_db()
        assert may.status == PublicationStatus.DRAFT

        response = editor_client.post(step_url(may, "publish"), form_data(response, "confirm-step"))
        assert response.status_code == 302
        may.refresh_from_db()
        assert may.status == PublicationStatus.PUBLISHED
        # No other issue was live: it is the home page's now, as the editor was told.
        assert home_title(client) == "2026 Outlook"

    def test_a_newer_issue_says_it_does_not_replace_the_current_one(self, editor_client, march):
        editor_client.post(step_url(march, "make_current"))
        april = ready_issue(4, datetime.date(2026, 4, 20))
        response = editor_client.post(step_url(april, "publish"))
        html = response.content.decode()
        assert response.status_code == 200
        assert f"It is newer than {march}, the current issue, and does not replace it" in html
        assert "dated" not in html.split("workflow-confirm")[1].split("</ul>")[0]

        editor_client.post(step_url(april, "publish"), {"confirmed": "on"})
        april.refresh_from_db()
        assert april.is_live
        assert Issue.objects.current() == march

    def test_a_newer_issue_without_a_current_one_says_it_takes_the_home_page(
        self, editor_client, march
    ):
        april = ready_issue(4, datetime.date(2026, 4, 20))
        html = editor_client.post(step_url(april, "publish")).content.decode()
        assert f"this issue replaces {march} there once it is live" in html
        assert "make it current first" in html

    def test_scheduling_on_its_own_date_asks_nothing(self, editor_client):
        may = ready_issue(5, datetime.date(2026, 5, 14))
        response = editor_client.post(
            step_url(may, "schedule"), {"go_live_at": "2026-05-14T08:00", "later": "on"}
        )
        assert response.status_code == 302
        may.refresh_from_db()
        assert may.status == PublicationStatus.SCHEDULED

    def test_scheduling_before_its_date_asks_and_keeps_the_time(self, editor_client):
        may = ready_issue(5, datetime.date(2026, 5, 14))
        data = {"go_live_at": "2026-05-01T08:00", "later": "on"}
        response = editor_client.post(step_url(may, "schedule"), data)
        html = response.content.decode()
        assert "This issue is dated 14 May 2026, 13 days after the day it goes live" in html
        assert 'value="2026-05-01T08:00"' in html
        assert "Schedule anyway" in html
        response = editor_client.post(step_url(may, "schedule"), data | {"confirmed": "on"})
        assert response.status_code == 302
        may.refresh_from_db()
        assert may.status == PublicationStatus.SCHEDULED
        assert may.go_live_at == datetime.datetime(2026, 5, 1, 7, 0, tzinfo=UTC)  # BST

    def test_an_older_issue_dated_today_asks_nothing(self, editor_client, april):
        march = ready_issue(3, datetime.date(2026, 3, 20))
        response = editor_client.post(step_url(march, "publish"))
        assert response.status_code == 302
        assert Issue.objects.current() == april


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "one day"), (5, "five days"), (7, "one week"), (14, "two weeks"), (13, "13 days")],
)
def test_how_far_ahead_is_said_in_words(days, words):
    issue = IssueFactory.build(publication_date=TODAY.date() + datetime.timedelta(days=days))
    assert f", {words} ahead." in current_issue.release_notes(issue)[0]


def test_the_issue_list_marks_the_current_issue(editor_client, march, april):
    editor_client.post(step_url(march, "make_current"))
    html = editor_client.get(reverse("admin:outlook_issue_changelist")).content.decode()
    rows = {row.split("</th>")[0]: row for row in html.split("<tr")[1:]}
    march_row = next(row for key, row in rows.items() if "March Outlook" in key)
    april_row = next(row for key, row in rows.items() if "April Outlook" in key)
    assert 'alt="True"' in march_row
    assert 'alt="False"' in april_row
