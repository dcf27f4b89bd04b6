"""The outlook page's rows read inside the outlook's own query (outlook/models/inline_rows.py)."""

import datetime

import pytest

from outlook.models import Correction, Outlook
from outlook.models.outlook_queryset import PAGE_ROWS
from tests.factories import (
    InsightFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    WhatChangedFactory,
)

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 5, 3, 11, 0, 30, 250000, tzinfo=datetime.UTC)


def fields_of(rows) -> list[dict]:
    return [
        {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
        for row in rows
    ]


@pytest.fixture
def outlook():
    outlook = OutlookFactory()
    # Positions out of insertion order: the page shows them sorted as the models order them.
    for position, text in ((2, "Later & <b>bold</b>"), (0, "First “quoted”"), (1, "Middle")):
        WhatChangedFactory(outlook=outlook, text=text, position=position)
        InsightFactory(outlook=outlook, text=f"Insight {text}", position=position)
    for position in (1, 0):
        TaskAssessmentFactory(outlook=outlook, task=f"Task {position}", position=position)
        SkillAssessmentFactory(outlook=outlook, rationale=f"Why {position}", position=position)
    Correction.objects.create(outlook=outlook, text="Second.", created_at=NOON)
    Correction.objects.create(outlook=outlook, text="First.", created_at=NOON.replace(hour=9))
    return outlook


def test_inline_rows_equal_the_prefetched_ones_field_by_field(outlook):
    inline = Outlook.objects.with_page_rows().get(pk=outlook.pk)
    prefetched = Outlook.objects.with_page_data().get(pk=outlook.pk)
    for name in PAGE_ROWS:
        assert fields_of(getattr(inline, name).all()) == fields_of(
            getattr(prefetched, name).all()
        ), name
    assert [a.skill.name for a in inline.skill_assessments.all()] == [
        a.skill.name for a in prefetched.skill_assessments.all()
    ]
    assert [c.created_at for c in inline.corrections.all()] == [NOON.replace(hour=9), NOON]
    assert inline.last_modified == prefetched.last_modified
    assert inline.derived_insights == prefetched.derived_insights


def test_one_query_reads_the_outlook_and_every_row(outlook, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = Outlook.objects.with_page_rows().filter(pk=outlook.pk).first()
        assert len(found.changes.all()) == 3
        assert found.skill_assessments.all()[0].skill.name
        assert found.exposure_index is not None
        assert found.summary_counts


def test_an_outlook_without_rows_has_empty_lists(django_assert_num_queries):
    bare = OutlookFactory()
    with django_assert_num_queries(1):
        found = Outlook.objects.with_page_rows().get(pk=bare.pk)
        assert [list(getattr(found, name).all()) for name in PAGE_ROWS] == [[]] * len(PAGE_ROWS)
