import pytest

from outlook.models import Exposure, Issue, Outlook, PublicationStatus, exposure_index
from tests.factories import IssueFactory, OutlookFactory, TaskAssessmentFactory
from tests.outlook.helpers import stored_counts_match_the_tasks

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


def test_the_index_is_the_same_from_stored_counts_and_from_prefetched_rows():
    outlook = outlook_with([Exposure.HIGH, Exposure.HIGH, Exposure.LOW, Exposure.MEDIUM])
    stored = Outlook.objects.get(pk=outlook.pk)
    prefetched = Outlook.objects.with_page_data().get(pk=outlook.pk)
    assert stored.exposure_counts == {"high": 2, "medium": 1, "low": 1}
    assert stored.exposure_index == prefetched.exposure_index == 63
    assert stored.exposure_summary == "2 high · 1 medium · 1 low"


def test_stored_counts_follow_every_task_change():
    outlook = outlook_with([Exposure.HIGH, Exposure.LOW])
    other = outlook_with([Exposure.MEDIUM])
    task = outlook.task_assessments.get(exposure=Exposure.HIGH)
    task.exposure = Exposure.MEDIUM
    task.save()
    assert stored_counts_match_the_tasks()
    task.delete()
    assert stored_counts_match_the_tasks()
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.HIGH, position=9)
    assert stored_counts_match_the_tasks()
    other.task_assessments.all().delete()
    assert stored_counts_match_the_tasks()
    assert Outlook.objects.get(pk=other.pk).exposure_index is None


def test_a_task_moved_to_another_outlook_leaves_both_counts_right():
    source = outlook_with([Exposure.HIGH, Exposure.LOW])
    target = outlook_with([Exposure.LOW])
    moved = source.task_assessments.get(exposure=Exposure.HIGH)
    moved.outlook = target
    moved.save()
    assert stored_counts_match_the_tasks()
    assert Outlook.objects.get(pk=source.pk).exposure_counts["high"] == 0


def test_saving_an_outlook_loaded_before_a_task_change_keeps_the_new_counts():
    outlook = outlook_with([Exposure.LOW])
    loaded_earlier = Outlook.objects.get(pk=outlook.pk)
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.HIGH, position=5)
    loaded_earlier.standfirst = "Edited in another tab."
    loaded_earlier.save()
    assert stored_counts_match_the_tasks()


def test_the_stored_counts_of_outlooks_with_wrong_counts_can_be_refreshed():
    outlook = outlook_with([Exposure.HIGH, Exposure.HIGH])
    Outlook.objects.filter(pk=outlook.pk).update(high_count=0, low_count=5)
    assert not stored_counts_match_the_tasks()
    assert Outlook.objects.all().refresh_exposure_counts() == 1
    assert stored_counts_match_the_tasks()


def test_ranking_puts_the_most_exposed_first_and_outlooks_without_tasks_last():
    issue = IssueFactory()
    low = outlook_with([Exposure.LOW], issue=issue, profession__name="Gardener")
    empty = outlook_with([], issue=issue, profession__name="Abbot")
    high = outlook_with([Exposure.HIGH, Exposure.MEDIUM], issue=issue, profession__name="Typist")
    tied = outlook_with([Exposure.LOW], issue=issue, profession__name="Florist")
    ranked = Outlook.objects.published().filter(issue=issue).ranking_ends(size=4).top
    assert ranked == [(1, high), (2, tied), (2, low), (None, empty)]


def test_issue_outlook_counts_only_count_published_outlooks():
    issue = IssueFactory()
    OutlookFactory(issue=issue)
    OutlookFactory(issue=issue, status=PublicationStatus.DRAFT)
    assert Issue.objects.with_outlook_counts().get(pk=issue.pk).outlook_count == 1
    empty = IssueFactory()
    assert Issue.objects.with_outlook_counts().get(pk=empty.pk).outlook_count == 0


@pytest.fixture
def varied_issue():
    """Twelve outlooks: ties, a half that rounds up, and two without tasks."""
    issue = IssueFactory()
    levels = [
        [Exposure.HIGH],
        [Exposure.HIGH, Exposure.HIGH, Exposure.LOW, Exposure.MEDIUM],
        [Exposure.MEDIUM],
        [Exposure.LOW, Exposure.HIGH],
        [Exposure.LOW],
        [Exposure.LOW, Exposure.LOW, Exposure.MEDIUM],
        [],
        [Exposure.HIGH],
        [Exposure.LOW],
        [Exposure.MEDIUM, Exposure.HIGH],
        [],
        [Exposure.LOW, Exposure.MEDIUM],
    ]
    for number, exposures in enumerate(levels):
        outlook_with(exposures, issue=issue, profession__name=f"Job {(number * 7) % 12:02d}")
    OutlookFactory(issue=issue, status=PublicationStatus.DRAFT)
    return Outlook.objects.published().filter(issue=issue)


def ranked_in_python(outlooks):
    """Rank as readers are told: most exposed first, ties share a rank, no tasks come last."""
    ordered = sorted(
        outlooks,
        key=lambda o: (o.exposure_index is None, -(o.exposure_index or 0), o.profession.name),
    )
    ranked = []
    for position, outlook in enumerate(ordered, start=1):
        tied = ranked and ranked[-1][1].exposure_index == outlook.exposure_index
        rank = ranked[-1][0] if tied else position
        ranked.append((None if outlook.exposure_index is None else rank, outlook))
    return ranked


@pytest.mark.parametrize("size", [1, 3, 5, 6, 7, 12, 20])
def test_ranking_ends_are_the_two_ends_of_the_full_ranking(varied_issue, size):
    full = ranked_in_python(varied_issue)
    ends = varied_issue.ranking_ends(size)
    assert ends.top == full[:size]
    assert ends.bottom == full[size:][-size:]
    assert ends.hidden == max(0, 12 - 2 * size)
    assert ends.total == 12
    assert [outlook.exposure_index for _rank, outlook in ends.top] == [
        outlook.exposure_index for _rank, outlook in full[:size]
    ]


def test_ranking_ends_leave_outlooks_without_tasks_out_of_the_least_exposed(varied_issue):
    ends = varied_issue.ranking_ends(3)
    assert [rank for rank, _outlook in ends.bottom] == [9, None, None]
    assert [o.exposure_index for o in ends.most_exposed] == [100, 100, 75]
    assert [o.exposure_index for o in ends.least_exposed] == [0]
    assert len(ends.outlooks) == 6


def test_ranking_ends_of_an_empty_issue_are_empty():
    ends = Outlook.objects.published().filter(issue=IssueFactory()).ranking_ends(5)
    assert not ends
    assert (ends.top, ends.bottom, ends.hidden, ends.total) == ([], [], 0, 0)


def test_a_reader_names_a_profession_by_its_name_in_any_case_or_its_slug():
    issue = IssueFactory()
    analyst = OutlookFactory(issue=issue, profession__name="Data Analyst")
    # A slug that is not its name's: found by name, and by its own slug.
    nurse = OutlookFactory(issue=issue, profession__name="Nurse", profession__slug="rn")
    OutlookFactory(profession__name="Accountant")
    found = Outlook.objects.filter(issue=issue).matching_professions(
        ["data analyst", "DATA-ANALYST", "Nurse", "rn", "nurse ", "Accountant", "Astronaut"]
    )
    assert found == {
        "data analyst": analyst,
        "DATA-ANALYST": analyst,
        "Nurse": nurse,
        "rn": nurse,
        "nurse ": None,
        "Accountant": None,
        "Astronaut": None,
    }


def test_a_name_match_wins_over_another_professions_slug():
    issue = IssueFactory()
    named = OutlookFactory(issue=issue, profession__name="Rn", profession__slug="registered")
    OutlookFactory(issue=issue, profession__name="Registered Nurse", profession__slug="rn")
    found = Outlook.objects.filter(issue=issue).matching_professions(["RN"])
    assert found == {"RN": named}
