"""The workflow's model side: states, go-live constraints, `published()` and the audit log."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from outlook.models import AuditEntry, Issue, Outlook, PublicationStatus
from tests.factories import IssueFactory, OutlookFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)
LATER = NOW + datetime.timedelta(hours=1)


@pytest.mark.parametrize("status", [PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHED])
def test_the_database_refuses_a_released_row_without_a_go_live_time(status):
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(status=status, go_live_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutlookFactory(status=status, go_live_at=None)


def test_clean_explains_a_missing_go_live_time():
    outlook = OutlookFactory.build(
        issue=IssueFactory(), status=PublicationStatus.SCHEDULED, go_live_at=None, year=2026
    )
    with pytest.raises(ValidationError, match="needs a go-live time"):
        outlook.clean()


def test_published_needs_both_the_outlook_and_its_issue_to_have_gone_live():
    with time_machine.travel(NOW, tick=False):
        live = OutlookFactory()
        OutlookFactory(status=PublicationStatus.SCHEDULED, go_live_at=LATER)
        OutlookFactory(issue__status=PublicationStatus.SCHEDULED, issue__go_live_at=LATER)
        OutlookFactory(status=PublicationStatus.IN_REVIEW)
        assert list(Outlook.objects.published()) == [live]
        assert Issue.objects.published().count() == 3
    with time_machine.travel(LATER, tick=False):
        assert Outlook.objects.published().count() == 3


def test_is_published_agrees_with_published_and_the_state_label_follows_the_clock():
    outlook = OutlookFactory(status=PublicationStatus.SCHEDULED, go_live_at=LATER)
    with time_machine.travel(LATER - datetime.timedelta(seconds=1), tick=False):
        assert not outlook.is_published
        assert outlook.state_label == "Scheduled"
    with time_machine.travel(LATER, tick=False):
        assert outlook.is_published
        assert outlook.state_label == "Published"


def test_readers_see_an_outlook_from_the_later_of_its_and_its_issues_time():
    issue = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=LATER)
    outlook = OutlookFactory(issue=issue, status=PublicationStatus.PUBLISHED, go_live_at=NOW)
    assert outlook.reader_go_live_at == LATER
    issue.status, issue.go_live_at = PublicationStatus.DRAFT, None
    assert outlook.reader_go_live_at is None


def test_the_database_refuses_an_audit_entry_about_two_things():
    outlook = OutlookFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(
            action="published", subject="x", issue=outlook.issue, outlook=outlook
        )


def test_the_changelists_name_the_time_zone(editor_client):
    OutlookFactory(go_live_at=datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC))
    html = editor_client.get(reverse("admin:outlook_outlook_changelist")).content.decode()
    assert "1 July 2026, 09:00 BST (Europe/London)" in html
    html = editor_client.get(reverse("admin:outlook_issue_changelist")).content.decode()
    assert "20 April 2026, 07:00 BST (Europe/London)" in html


def test_creating_an_issue_in_the_admin_is_audited(editor_client):
    response = editor_client.post(
        reverse("admin:outlook_issue_add"),
        {
            "volume": "2",
            "number": "1",
            "publication_date": "2027-04-19",
            "title": "2027 Outlook",
            "editors_note": "",
        },
    )
    assert response.status_code == 302
    issue = Issue.objects.get(volume=2)
    assert issue.status == PublicationStatus.DRAFT
    entry = AuditEntry.objects.for_object(issue).get()
    assert (entry.action, entry.actor.username) == ("created", "eden")


def test_admin_outlook_pages_run_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    small = OutlookFactory(status=PublicationStatus.DRAFT)
    large = OutlookFactory(status=PublicationStatus.DRAFT)
    for i in range(20):
        TaskAssessmentFactory(outlook=large, rationale="" if i % 2 else "Why.")
        OutlookFactory(status=PublicationStatus.SCHEDULED, go_live_at=LATER)
    # prevents N+1: the change page (with its workflow panel, completeness check and the
    # writer choice) costs the same for 0 or 20 tasks, and the list the same for 1 or 20 more
    # outlooks; one more per inline (co-authors, sources). (Skill rows are left out: Django's
    # autocomplete widget looks up each row's selected skill.)
    for outlook in (small, large):
        with django_assert_max_num_queries(27):
            url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
            assert editor_client.get(url).status_code == 200
    # The list's writer filter reads the staff once, whatever the number of outlooks.
    with django_assert_max_num_queries(13):
        assert editor_client.get(reverse("admin:outlook_outlook_changelist")).status_code == 200
