"""The admin's outlook search, answered from PostgreSQL's full-text indexes.

Django's admin search runs `LIKE '%word%'` over every search field, which reads every outlook
and task: 689 ms at 40 000 outlooks. On PostgreSQL the same box matches the stored, indexed
documents that the public search uses (outlook/search.py): an outlook's own text, its
profession's name, or one of its tasks, each holding every word (stemmed, so "reports" finds
"report"). Elsewhere (SQLite) the admin's own search is kept.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, Q

from outlook.models import TaskAssessment
from outlook.reading.full_text import EqualsAny, Matches, StoredDocument
from outlook.reading.search import full_text_query, search_terms, uses_full_text_search
from professions.models import Profession


def professions_named(search_query):
    return Profession.objects.filter(
        Matches(StoredDocument("name_document"), search_query)
    ).order_by()


def outlooks_matching(query: str) -> Q:
    """Return which outlooks match `query`, in a form PostgreSQL answers from its indexes."""
    search_query = full_text_query(query)
    professions = professions_named(search_query)
    tasks = TaskAssessment.objects.filter(Matches(StoredDocument(), search_query)).order_by()
    return (
        Q(Matches(StoredDocument(), search_query))
        | Q(EqualsAny(F("profession"), ArraySubquery(professions.values("pk"))))
        | Q(EqualsAny(F("pk"), ArraySubquery(tasks.values("outlook_id").distinct())))
    )


def tasks_matching(query: str) -> Q:
    """Return which tasks match `query`: by their own text or their profession's name."""
    search_query = full_text_query(query)
    return Q(Matches(StoredDocument(), search_query)) | Q(
        EqualsAny(
            F("outlook__profession"), ArraySubquery(professions_named(search_query).values("pk"))
        )
    )


class FullTextSearchMixin:
    """Put before ModelAdmin among an admin's bases; `full_text_condition` says what matches."""

    full_text_condition = staticmethod(outlooks_matching)

    def get_search_results(self, request, queryset, search_term):
        if not search_terms(search_term) or not uses_full_text_search():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(self.full_text_condition(search_term)), False
