import pytest

from outlook.models import Exposure, Issue, Outlook, PublicationStatus, exposure_index
from tests.factories import IssueFactory, OutlookFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db


def outlook_with(exposures, **kwargs):
    outlook = OutlookFactory(**kwargs)
    for position, level in enumerate(exposures):
        TaskAssessmentFactory(outlook=outlook, exposure=level, position=position)
    return outlook


@pytest.mark.parametrize(
    ("high", "medium", "low", "expected"),
    [(1, 1, 1, 50), (3, 0, 0, 100), (0, 0, 4, 0), (1, 0, 2, 33), (0, 1, 0, 50), (0, 0, 0, None)],
)
def test_exposure_index_averages_task_scores(high, medium, low, expected):
    assert exposure_index(high=high, medium=medium, low=low) == expected


def test_the_index_is_the_same_from_annotations_and_from_prefetched_rows():
    outlook = outlook_with([Exposure.HIGH, Exposure.HIGH, Exposure.LOW, Exposure.MEDIUM])
    annotated = Outlook.objects.with_exposure_counts().get(pk=outlook.pk)
    prefetched = Outlook.objects.with_page_data().get(pk=outlook.pk)
    assert annotated.exposure_counts == {"high": 2, "medium": 1, "low": 1}
    assert annotated.exposure_index == prefetched.exposure_index == 63
    assert annotated.exposure_summary == "2 high · 1 medium · 1 low"


def test_ranking_puts_the_most_exposed_first_and_outlooks_without_tasks_last():
    issue = IssueFactory()
    low = outlook_with([Exposure.LOW], issue=issue, profession__name="Gardener")
    empty = outlook_with([], issue=issue, profession__name="Abbot")
    high = outlook_with([Exposure.HIGH, Exposure.MEDIUM], issue=issue, profession__name="Typist")
    tied = outlook_with([Exposure.LOW], issue=issue, profession__name="Florist")
    ranked = Outlook.objects.published().filter(issue=issue).ranked_by_exposure()
    assert ranked == [(1, high), (2, tied), (2, low), (None, empty)]


def test_issue_outlook_counts_only_count_published_outlooks():
    issue = IssueFactory()
    OutlookFactory(issue=issue)
    OutlookFactory(issue=issue, status=PublicationStatus.DRAFT)
    assert Issue.objects.with_outlook_counts().get(pk=issue.pk).outlook_count == 1
    empty = IssueFactory()
    assert Issue.objects.with_outlook_counts().get(pk=empty.pk).outlook_count == 0
