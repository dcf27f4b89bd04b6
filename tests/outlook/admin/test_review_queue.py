"""The admin index's review queue: counts that link to the changelist filtered the same way."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from outlook.models import Outlook, PublicationStatus
from outlook.publishing import workflow
from tests.factories import IssueFactory, OutlookFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:outlook_outlook_changelist")


def counts_on(page: str) -> dict[str, int]:
    """Read the queue table on the admin index: label → count."""
    rows = re.findall(
        r'<th scope="row"><a href="[^"]*queue=(\w+)">[^<]*</a></th><td><a [^>]*>(\d+)</a>', page
    )
    return {key: int(count) for key, count in rows}


def listed(client, queue: str) -> set[str]:
    response = client.get(CHANGELIST, {"queue": queue})
    assert response.status_code == 200
    return {outlook.profession.name for outlook in response.context["cl"].result_list}


@pytest.fixture
def desk(contributor, editor):
    """One outlook in each queue, and some in none."""
    now = timezone.now()
    upcoming = IssueFactory(
        status=PublicationStatus.DRAFT,
        go_live_at=None,
        publication_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    complete_outlook(writer=contributor, issue=upcoming, profession__name="Draft")
    returned = complete_outlook(writer=contributor, issue=upcoming, profession__name="Returned")
    workflow.submit_for_review(outlook=returned, user=contributor)
    workflow.return_to_draft(outlook=returned, user=editor, comment="Add a source.")
    complete_outlook(
        status=PublicationStatus.IN_REVIEW, issue=upcoming, profession__name="Submitted"
    )
    # In review although its issue's date has passed.
    complete_outlook(status=PublicationStatus.IN_REVIEW, profession__name="Late")
    OutlookFactory(
        status=PublicationStatus.SCHEDULED,
        go_live_at=now + datetime.timedelta(days=3),
        profession__name="Soon",
    )
    OutlookFactory(
        status=PublicationStatus.SCHEDULED,
        go_live_at=now + datetime.timedelta(days=30),
        profession__name="Next month",
    )
    complete_outlook(status=PublicationStatus.DRAFT, profession__name="Someone else's")
    OutlookFactory(profession__name="Live")


def test_an_editor_sees_every_queue_with_links_that_list_the_same_outlooks(
    editor_client, desk, django_assert_max_num_queries
):
    # prevents N+1: the five counts are one query
    with django_assert_max_num_queries(12):
        page = editor_client.get(INDEX).content.decode()
    assert "Waiting for my review" in page
    assert counts_on(page) == {"review": 2, "drafts": 0, "returned": 0, "week": 1, "overdue": 1}
    assert listed(editor_client, "review") == {"Submitted", "Late"}
    assert listed(editor_client, "week") == {"Soon"}
    assert listed(editor_client, "overdue") == {"Late"}


def test_a_contributor_sees_their_drafts_and_what_came_back(contributor_client, desk):
    page = contributor_client.get(INDEX).content.decode()
    assert counts_on(page) == {"drafts": 2, "returned": 1}
    assert "Waiting for my review" not in page
    assert listed(contributor_client, "drafts") == {"Draft", "Returned"}
    assert listed(contributor_client, "returned") == {"Returned"}


def test_a_returned_outlook_leaves_returned_once_resubmitted(contributor_client, contributor, desk):
    returned = Outlook.objects.get(profession__name="Returned")
    workflow.submit_for_review(outlook=returned, user=contributor)
    workflow.withdraw_submission(outlook=returned, user=contributor)
    assert listed(contributor_client, "returned") == set()
    assert listed(contributor_client, "drafts") == {"Draft", "Returned"}
