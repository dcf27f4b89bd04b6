"""The admin's schedule: what goes live when, with overdue and incomplete work flagged."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outlook.models import PublicationStatus
from outlook.publishing.schedule import build_schedule
from tests.factories import IssueFactory, OutlookFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)
SCHEDULE_URL = reverse("admin:outlook_schedule")


def at(hours: int) -> datetime.datetime:
    return NOW + datetime.timedelta(hours=hours)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_lists_what_goes_live_soonest_first_and_leaves_out_what_is_live(clock):
    live = complete_outlook(status=PublicationStatus.PUBLISHED)
    later = complete_outlook(status=PublicationStatus.SCHEDULED, go_live_at=at(5))
    sooner = complete_outlook(
        status=PublicationStatus.SCHEDULED, go_live_at=at(2), profession__name="Sooner"
    )
    issue = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=at(3))
    in_issue = complete_outlook(
        status=PublicationStatus.SCHEDULED, go_live_at=at(3), issue=issue, profession__name="In"
    )
    rows = build_schedule()
    assert [(row.obj, row.when) for row in rows] == [
        (sooner, at(2)),
        (issue, at(3)),
        (in_issue, at(3)),
        (later, at(5)),
    ]
    assert live not in [row.obj for row in rows]
    assert not any(row.overdue or row.missing for row in rows)


def test_flags_an_approved_outlook_whose_time_passed_in_an_unscheduled_issue(clock):
    issue = IssueFactory(status=PublicationStatus.DRAFT, publication_date=datetime.date(2026, 7, 1))
    stuck = complete_outlook(status=PublicationStatus.SCHEDULED, go_live_at=at(-1), issue=issue)
    row = next(row for row in build_schedule() if row.obj == stuck)
    assert row.overdue
    assert row.when is None
    assert row.note == "Approved; waiting for its issue (draft) to be scheduled"
    assert row.waiting_from == at(-1)


def test_a_scheduled_outlook_in_a_draft_issue_is_not_listed_as_not_scheduled(clock, editor_client):
    issue = IssueFactory(status=PublicationStatus.DRAFT)
    complete_outlook(status=PublicationStatus.SCHEDULED, go_live_at=at(5), issue=issue)
    html = editor_client.get(SCHEDULE_URL).content.decode()
    # Only the draft issue itself is "not scheduled"; the outlook waits with its own time.
    assert html.count("not scheduled") == 1
    assert "when its issue goes live (its own time: 1 June 2026, 14:00" in html
    assert "Scheduled" in html


def test_flags_an_issue_past_its_date_that_nobody_scheduled(clock):
    issue = IssueFactory(
        status=PublicationStatus.DRAFT, publication_date=datetime.date(2026, 5, 20)
    )
    row = next(row for row in build_schedule() if row.obj == issue)
    assert row.overdue
    assert "has passed" in row.note


def test_flags_incomplete_work_and_an_issue_with_nothing_ready(clock):
    issue = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=at(4))
    incomplete = OutlookFactory(status=PublicationStatus.IN_REVIEW, issue=issue)
    rows = {row.obj: row for row in build_schedule()}
    assert "Add at least one task assessment." in rows[incomplete].missing
    assert rows[issue].missing == []
    empty = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=at(6))
    rows = {row.obj: row for row in build_schedule()}
    assert rows[empty].missing == ["No outlook in it is ready."]


def test_the_page_shows_times_in_the_publication_zone_with_flags(
    clock, editor_client, django_assert_max_num_queries
):
    complete_outlook(status=PublicationStatus.SCHEDULED, go_live_at=at(2))
    stuck_issue = IssueFactory(status=PublicationStatus.DRAFT)
    OutlookFactory(status=PublicationStatus.IN_REVIEW, issue=stuck_issue)
    for i in range(10):
        complete_outlook(
            status=PublicationStatus.SCHEDULED, go_live_at=at(3), profession__name=f"P{i}"
        )
    # prevents N+1: one query per kind, however many rows.
    with django_assert_max_num_queries(11):
        response = editor_client.get(SCHEDULE_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 June 2026, 11:00 BST (Europe/London)" in html
    assert html.count('class="flag flag--overdue"') == 2  # the issue and its outlook
    assert 'class="flag flag--incomplete"' in html


def test_the_outlook_changelist_links_to_the_schedule(editor_client):
    response = editor_client.get(reverse("admin:outlook_outlook_changelist"))
    assert SCHEDULE_URL in response.content.decode()


def test_the_schedule_needs_a_staff_login(client):
    response = client.get(SCHEDULE_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
