import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from outlook.models import Exposure, Issue, Outlook, PublicationStatus, SkillVerdict
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def page_outlook(outlook):
    """Reload an outlook the way the page does, with its rows prefetched."""
    return Outlook.objects.with_page_data().get(pk=outlook.pk)


class TestIssue:
    def test_masthead_has_roman_volume_padded_number_and_long_date(self):
        issue = IssueFactory(volume=1, number=4, publication_date=datetime.date(2026, 4, 20))
        assert issue.masthead == "Vol. I · No. 04 · April 20, 2026"

    def test_masthead_for_a_later_volume(self):
        issue = IssueFactory(volume=12, number=11, publication_date=datetime.date(2037, 1, 2))
        assert issue.masthead == "Vol. XII · No. 11 · January 2, 2037"

    def test_database_rejects_a_duplicate_volume_and_number(self):
        IssueFactory(volume=1, number=4)
        with pytest.raises(IntegrityError), transaction.atomic():
            Issue.objects.create(
                volume=1, number=4, publication_date=datetime.date(2026, 5, 1), title="Again"
            )

    def test_full_clean_explains_a_duplicate_volume_and_number(self):
        IssueFactory(volume=1, number=4)
        duplicate = Issue(volume=1, number=4, publication_date=datetime.date(2026, 5, 1), title="x")
        with pytest.raises(ValidationError, match="volume and number already exists"):
            duplicate.full_clean()

    def test_database_rejects_volume_zero(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Issue.objects.create(
                volume=0, number=1, publication_date=datetime.date(2026, 5, 1), title="Zero"
            )

    def test_published_returns_only_published_issues(self):
        published = IssueFactory(status=PublicationStatus.PUBLISHED)
        IssueFactory(status=PublicationStatus.DRAFT)
        assert list(Issue.objects.published()) == [published]


class TestOutlook:
    def test_headline_is_derived_from_profession_and_year(self):
        outlook = OutlookFactory(profession__name="Backend Developer", year=2026)
        assert outlook.headline == "Will AI Replace Backend Developer in 2026?"

    def test_year_defaults_to_the_issue_year(self):
        outlook = OutlookFactory(issue__publication_date=datetime.date(2027, 3, 1))
        assert outlook.year == 2027

    def test_database_rejects_the_same_profession_twice_in_one_issue(self):
        outlook = OutlookFactory(year=2026)
        with pytest.raises(IntegrityError), transaction.atomic():
            Outlook.objects.create(
                issue=outlook.issue, profession=outlook.profession, year=2025, standfirst="x"
            )

    def test_database_rejects_two_outlooks_of_a_profession_for_one_year(self):
        outlook = OutlookFactory(year=2026)
        with pytest.raises(IntegrityError), transaction.atomic():
            Outlook.objects.create(
                issue=IssueFactory(), profession=outlook.profession, year=2026, standfirst="x"
            )

    def test_database_rejects_an_unknown_status(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            OutlookFactory(status="archived")

    def test_published_needs_a_published_outlook_in_a_published_issue(self):
        visible = OutlookFactory()
        OutlookFactory(status=PublicationStatus.DRAFT)
        OutlookFactory(issue__status=PublicationStatus.DRAFT)
        assert list(Outlook.objects.published()) == [visible]

    def test_visible_to_shows_drafts_only_to_content_staff(self, superuser, django_user_model):
        draft = OutlookFactory(status=PublicationStatus.DRAFT)
        reader = django_user_model.objects.create_user("reader", password="x")
        assert list(Outlook.objects.visible_to(superuser)) == [draft]
        assert list(Outlook.objects.visible_to(reader)) == []


class TestSummaryCountsAndDerivedInsights:
    def test_an_outlook_with_nothing_assessed(self):
        outlook = page_outlook(OutlookFactory())
        assert outlook.summary_counts == [
            "0 high-exposure tasks",
            "0 low-exposure tasks",
            "0 skills assessed",
        ]
        assert outlook.derived_insights == []

    def test_one_of_each(self):
        outlook = OutlookFactory()
        TaskAssessmentFactory(outlook=outlook, task="Write production code", exposure="high")
        TaskAssessmentFactory(outlook=outlook, task="Design systems", exposure=Exposure.LOW)
        TaskAssessmentFactory(outlook=outlook, task="Maintain APIs", exposure=Exposure.MEDIUM)
        SkillAssessmentFactory(outlook=outlook, skill=SkillFactory(name="Python"))
        outlook = page_outlook(outlook)
        assert outlook.summary_counts == [
            "1 high-exposure task",
            "1 low-exposure task",
            "1 skill assessed",
        ]
        assert outlook.derived_insights == [
            "1 of 3 tasks face high AI exposure: Write production code.",
            "1 of 3 tasks have low AI exposure: Design systems.",
            "Python is assessed as a vulnerable skill.",
        ]

    def test_many_of_each(self):
        outlook = OutlookFactory()
        for task in ("Draft copy", "Write variants"):
            TaskAssessmentFactory(outlook=outlook, task=task, exposure=Exposure.HIGH)
        for task in ("Pitch ideas", "Lead the campaign"):
            TaskAssessmentFactory(outlook=outlook, task=task, exposure=Exposure.LOW)
        for name in ("Coding delivery", "Python", "SQL", "REST API"):
            SkillAssessmentFactory(outlook=outlook, skill=SkillFactory(name=name))
        for name in ("System design", "Negotiation"):
            SkillAssessmentFactory(
                outlook=outlook, skill=SkillFactory(name=name), verdict=SkillVerdict.RESILIENT
            )
        outlook = page_outlook(outlook)
        assert outlook.summary_counts == [
            "2 high-exposure tasks",
            "2 low-exposure tasks",
            "6 skills assessed",
        ]
        assert outlook.derived_insights == [
            "2 of 4 tasks face high AI exposure: Draft copy and Write variants.",
            "2 of 4 tasks have low AI exposure: Pitch ideas and Lead the campaign.",
            "Coding delivery, Python, SQL and REST API are assessed as vulnerable skills.",
            "System design and Negotiation are assessed as resilient skills.",
        ]

    def test_no_high_exposure_task_is_said_plainly(self):
        outlook = OutlookFactory()
        TaskAssessmentFactory(outlook=outlook, exposure=Exposure.MEDIUM)
        outlook = page_outlook(outlook)
        assert outlook.derived_insights == ["None of the 1 task faces high AI exposure."]

    def test_a_single_task_that_is_highly_exposed(self):
        outlook = OutlookFactory()
        TaskAssessmentFactory(outlook=outlook, task="Translate", exposure=Exposure.HIGH)
        outlook = page_outlook(outlook)
        assert outlook.derived_insights == ["1 of 1 task faces high AI exposure: Translate."]

    def test_rows_follow_their_position(self):
        outlook = OutlookFactory()
        TaskAssessmentFactory(outlook=outlook, task="Second", position=2)
        TaskAssessmentFactory(outlook=outlook, task="First", position=1)
        assert [t.task for t in page_outlook(outlook).task_assessments.all()] == [
            "First",
            "Second",
        ]

    def test_database_rejects_an_unknown_exposure(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            TaskAssessmentFactory(exposure="extreme")

    def test_database_rejects_the_same_task_twice_in_an_outlook(self):
        task = TaskAssessmentFactory(task="Write code")
        with pytest.raises(IntegrityError), transaction.atomic():
            TaskAssessmentFactory(outlook=task.outlook, task="Write code")

    def test_database_rejects_the_same_skill_twice_in_an_outlook(self):
        assessment = SkillAssessmentFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            SkillAssessmentFactory(outlook=assessment.outlook, skill=assessment.skill)


def test_profession_slug_is_unique_in_the_database(db):
    ProfessionFactory(slug="nurse", name="Nurse")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfessionFactory(slug="nurse", name="Another nurse")
