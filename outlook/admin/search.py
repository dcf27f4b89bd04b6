"""The admin's searches of outlooks and their rows, answered from PostgreSQL's full-text indexes.

Django's admin search runs `LIKE '%word%'` over every search field, which reads every outlook
and row: up to 2 s at 40 000 outlooks (240 000 tasks, 240 000 skill assessments). On
PostgreSQL the same box matches stored, indexed documents (the search-document migrations):
the public search's documents of outlooks and tasks (outlook/reading/search.py), each outlook's
document of its tasks (models/task_documents.py), the admin's own of skill assessments,
what-changed bullets and insights, and the profession's (or skill's)
name, each holding every word (stemmed, so "reports" finds "report"). Each condition is one an
index answers, ORed by key (`= ANY(array)`) rather than through a join, so PostgreSQL combines
index scans instead of reading every row. Elsewhere (SQLite) the admin's own search is kept.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVector
from django.db.models import F, Q

from outlook.models import Outlook
from outlook.reading.full_text import EqualsAny, Matches, StoredDocument
from outlook.reading.search import full_text_query, search_terms, uses_full_text_search
from professions.models import Profession, Skill


def professions_named(search_query):
    return Profession.objects.filter(
        Matches(StoredDocument("name_document"), search_query)
    ).order_by()


def outlooks_of_professions_named(search_query):
    professions = professions_named(search_query).values("pk")
    return Outlook.objects.filter(EqualsAny(F("profession"), ArraySubquery(professions))).order_by()


def outlooks_matching(query: str) -> Q:
    """Return which outlooks match `query`, in a form PostgreSQL answers from its indexes."""
    search_query = full_text_query(query)
    professions = professions_named(search_query)
    return (
        Q(Matches(StoredDocument(), search_query))
        # Each outlook's copy of its tasks' text (models/task_documents.py): matching the tasks
        # themselves read most of the task table for a common word, once to count, once to list.
        | Q(Matches(StoredDocument("task_document"), search_query))
        | Q(EqualsAny(F("profession"), ArraySubquery(professions.values("pk"))))
    )


def rows_matching(query: str) -> Q:
    """Return which rows of outlooks match `query`: by their own text or their profession's name.

    For TaskAssessment, SkillAssessment, WhatChanged and Insight, whose tables hold a
    `search_document` (outlook/migrations/0006 and 0016).
    """
    search_query = full_text_query(query)
    outlooks = outlooks_of_professions_named(search_query).values("pk")
    return Q(Matches(StoredDocument(), search_query)) | Q(
        EqualsAny(F("outlook"), ArraySubquery(outlooks))
    )


def skill_assessments_matching(query: str) -> Q:
    """Return which skill assessments match `query`: as rows, or by their skill's name."""
    # The catalogue is a few hundred skills: their names are read, not indexed.
    skills = Skill.objects.annotate(name_document=SearchVector("name", config="english")).filter(
        name_document=full_text_query(query)
    )
    return rows_matching(query) | Q(
        EqualsAny(F("skill"), ArraySubquery(skills.order_by().values("pk")))
    )


class FullTextSearchMixin:
    """Put before ModelAdmin among an admin's bases; `full_text_condition` says what matches."""

    full_text_condition = staticmethod(outlooks_matching)

    def get_search_results(self, request, queryset, search_term):
        if not search_terms(search_term) or not uses_full_text_search():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(self.full_text_condition(search_term)), False
