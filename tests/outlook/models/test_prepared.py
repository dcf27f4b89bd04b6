"""Querysets compiled once and bound per call (outlook/models/prepared.py)."""

import datetime
import json
import threading
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from outlook.models import Outlook
from outlook.models.prepared import PreparedQuery
from outlook.models.states import PublicationStatus
from outlook.reading.views import READER_OUTLOOK_PAGE
from professions.models import Profession
from tests.factories import LIVE_SINCE, IssueFactory, OutlookFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db

YEAR = Outlook._meta.get_field("year")
SLUG = Profession._meta.get_field("slug")
MOMENT = Outlook._meta.get_field("go_live_at")


def by_year_and_slug(year, slug, now):
    return Outlook.objects.published(now=now).filter(year=year, profession__slug=slug)


def prepared():
    return PreparedQuery(Outlook, by_year_and_slug, year=YEAR, slug=SLUG, now=MOMENT)


@pytest.fixture
def outlooks():
    later = LIVE_SINCE + datetime.timedelta(days=30)
    return [
        OutlookFactory(year=2026),
        OutlookFactory(year=2027, issue=IssueFactory(go_live_at=later)),
        OutlookFactory(year=2026, status=PublicationStatus.DRAFT),
    ]


def test_each_call_finds_what_the_queryset_finds_with_its_own_values(outlooks):
    query = prepared()
    moments = [LIVE_SINCE - datetime.timedelta(days=1), LIVE_SINCE, LIVE_SINCE.replace(month=6)]
    for outlook in outlooks:
        for now in moments:
            values = {"year": outlook.year, "slug": outlook.profession.slug, "now": now}
            assert query(**values) == list(by_year_and_slug(**values))
    # Live at its issue's later moment only; a draft never.
    assert query(year=2027, slug=outlooks[1].profession.slug, now=LIVE_SINCE) == []
    later = LIVE_SINCE + datetime.timedelta(days=31)
    assert query(year=2027, slug=outlooks[1].profession.slug, now=later) == [outlooks[1]]
    assert query(year=2026, slug=outlooks[2].profession.slug, now=later) == []


def test_the_sql_is_written_once_then_only_run(outlooks, django_assert_num_queries):
    query = prepared()
    outlook = outlooks[0]
    query(year=2026, slug=outlook.profession.slug, now=LIVE_SINCE)
    slug = outlook.profession.slug
    with (
        mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql,
        django_assert_num_queries(1),
    ):
        found = query(year=2026, slug=slug, now=LIVE_SINCE)
    assert found == [outlook]
    assert as_sql.call_count == 0


def test_a_value_its_column_cannot_hold_matches_nothing_without_asking(
    outlooks, django_assert_num_queries
):
    slug = outlooks[0].profession.slug
    with django_assert_num_queries(0):
        assert prepared()(year=10**20, slug=slug, now=LIVE_SINCE) == []


def test_a_query_whose_sql_changes_with_a_value_is_refused():
    def sliced_by_year(year):
        return Outlook.objects.order_by("pk")[:year]

    query = PreparedQuery(Outlook, sliced_by_year, year=YEAR)
    with pytest.raises(ImproperlyConfigured, match="changes with 'year'"):
        query(year=3)


def test_a_value_the_query_does_not_use_is_refused():
    query = PreparedQuery(
        Outlook, lambda year, slug: Outlook.objects.filter(year=year), year=YEAR, slug=SLUG
    )
    with pytest.raises(ImproperlyConfigured, match="'slug' is not a parameter"):
        query(year=2026, slug="x")


def test_the_reader_page_query_loads_every_row_the_page_shows(outlooks):
    outlook = outlooks[0]
    TaskAssessmentFactory(outlook=outlook, task="Drafting letters")
    earlier = OutlookFactory(profession=outlook.profession, year=2025)
    TaskAssessmentFactory(outlook=earlier, exposure="high")
    [found] = READER_OUTLOOK_PAGE(year=2026, slug=outlook.profession.slug, now=LIVE_SINCE)
    assert [task.task for task in found.task_assessments.all()] == ["Drafting letters"]
    years = sorted(row["year"] for row in json.loads(found.profession_years))
    assert years == [2025, 2026]


@pytest.mark.django_db(transaction=True)
def test_a_query_compiled_in_one_thread_runs_in_another_on_its_own_connection():
    outlook = OutlookFactory(year=2026)
    query = prepared()
    values = {"year": 2026, "slug": outlook.profession.slug, "now": LIVE_SINCE}
    assert query(**values) == [outlook]
    found, errors = [], []

    def read():
        try:
            found.extend(query(**values))
        except Exception as error:  # reported below: a thread's exception is otherwise lost
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert errors == []
    assert found == [outlook]
