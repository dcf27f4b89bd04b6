"""The issue median on outlook pages: stored, refreshed when outlooks join or leave."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from outlook.models import Exposure, Issue, PublicationStatus
from outlook.publishing import workflow
from outlook.reading.issue_median import current_median, median
from tests.factories import IssueFactory, OutlookFactory, SkillAssessmentFactory
from tests.factories import TaskAssessmentFactory as Task
from tests.outlook.editors import content_editor

pytestmark = pytest.mark.django_db

HIGH, MEDIUM, LOW = Exposure.HIGH, Exposure.MEDIUM, Exposure.LOW


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, None),
        ({40: 1}, 40),
        ({10: 1, 50: 1, 90: 1}, 50),
        ({10: 1, 51: 1}, 31),  # 30.5 rounds up, as the index does
        ({20: 3, 80: 1}, 20),
        ({0: 2, 100: 2}, 50),
    ],
)
def test_median_of_counted_indexes(counts, expected):
    assert median(counts) == expected


def outlook_with(issue, *levels, **kwargs):
    outlook = OutlookFactory(issue=issue, **kwargs)
    for level in levels:
        Task(outlook=outlook, exposure=level)
    SkillAssessmentFactory(outlook=outlook)
    return outlook


def stored_median(issue):
    return Issue.objects.get(pk=issue.pk).median_index


def test_publishing_and_unpublishing_an_outlook_refresh_the_stored_median(
    django_capture_on_commit_callbacks,
):
    editor = content_editor()
    issue = IssueFactory()
    outlook_with(issue, HIGH)  # 100
    outlook_with(issue, LOW)  # 0
    draft = outlook_with(issue, HIGH, HIGH, MEDIUM, status=PublicationStatus.DRAFT)  # 83
    assert current_median(Issue.objects.get(pk=issue.pk)) == 50
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_outlook(outlook=draft, user=editor)
    assert stored_median(issue) == 83
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(outlook=draft, user=editor)
    assert stored_median(issue) == 50


def test_moving_an_outlook_to_another_issue_refreshes_both(django_capture_on_commit_callbacks):
    first, second = IssueFactory(), IssueFactory()
    outlook_with(first, LOW)
    moving = outlook_with(first, HIGH)
    outlook_with(second, MEDIUM)
    with django_capture_on_commit_callbacks(execute=True):
        moving.issue = second
        moving.save()
    assert (stored_median(first), stored_median(second)) == (0, 75)


def test_deleting_a_released_outlook_refreshes_its_issue(django_capture_on_commit_callbacks):
    issue = IssueFactory()
    outlook_with(issue, LOW)
    gone = outlook_with(issue, HIGH)
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    assert stored_median(issue) == 0


def test_one_outlooks_task_edit_waits_for_the_daily_refresh(django_capture_on_commit_callbacks):
    issue = IssueFactory()
    outlook = outlook_with(issue, LOW)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)):
        assert current_median(Issue.objects.get(pk=issue.pk)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        Task(outlook=outlook, exposure=HIGH)
    # A task edit does not touch the issue: its pages are not all changed by one outlook.
    assert stored_median(issue) == 0
    with time_machine.travel(datetime.datetime(2026, 5, 2, 11, tzinfo=datetime.UTC)):
        assert current_median(Issue.objects.get(pk=issue.pk)) == 0
    with time_machine.travel(datetime.datetime(2026, 5, 2, 13, tzinfo=datetime.UTC)):
        assert current_median(Issue.objects.get(pk=issue.pk)) == 50
    assert stored_median(issue) == 50


def test_a_rolled_back_publication_leaves_the_median_as_it_was(
    django_capture_on_commit_callbacks,
):
    editor = content_editor()
    issue = IssueFactory()
    outlook_with(issue, LOW)
    incomplete = OutlookFactory(issue=issue, status=PublicationStatus.DRAFT)
    Task(outlook=incomplete, exposure=HIGH)
    assert current_median(Issue.objects.get(pk=issue.pk)) == 0
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        workflow.publish_outlook(outlook=incomplete, user=editor)  # no skill: refused
    assert stored_median(issue) == 0
    assert Issue.objects.get(pk=issue.pk).median_refreshed_at is not None


def test_the_outlook_page_marks_the_issue_median_and_last_years_index(client):
    issue = IssueFactory()
    outlook_with(issue, LOW, LOW)
    current = outlook_with(issue, HIGH, MEDIUM)
    outlook_with(issue, HIGH, HIGH)
    OutlookFactory(profession=current.profession, year=current.year - 1)
    earlier = current.profession.outlooks.get(year=current.year - 1)
    Task(outlook=earlier, exposure=LOW)
    html = client.get(current.get_absolute_url()).content.decode()
    scale = html[html.index('id="index-scale-desc"') :]
    scale = scale[: scale.index("</desc>")]
    assert f"This outlook ({current.year}) 75" in scale
    assert "Median of this issue 75" in scale
    assert f"{current.year - 1} outlook 0" in scale
    assert "▼ down 75" not in html and "▲ up 75" in html
