"""Search over professions, outlooks, tasks and skills that readers may see.

PostgreSQL ranks with its full-text search (stemmed, English) over documents it stores and
indexes itself (generated columns, see the search-document migrations), so a search reads only
the rows that match. Other databases fall back to matching every word as a substring, which
finds the same rows for plain words. Highlighting escapes the editor's text first and only
then adds <mark>, so no editor text becomes HTML.
"""

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Expression, F, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from outlook.models import Outlook, TaskAssessment
from outlook.reading.full_text import AnyWordOf, EqualsAny, Matches, StoredDocument
from professions.models import Profession, Skill

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Each kind contributes at most this many results; the page paginates what is left.
MAX_RESULTS_PER_KIND = 200
SNIPPET_LENGTH = 220
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}


def search_terms(query: str) -> list[str]:
    """Return the words of a query, lower-cased, at most MAX_TERMS of them."""
    return re.findall(r"\w+", query.casefold())[:MAX_TERMS]


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def full_text_query(query: str) -> SearchQuery:
    """Return what PostgreSQL looks for: every word of `query`, stemmed as English."""
    return SearchQuery(query, search_type="plain", config="english")


@dataclass(frozen=True)
class SearchResult:
    """One matching row; how it is shown is worked out only if a page shows it.

    A search ranks hundreds of rows but a page shows twenty: building every link and snippet
    up front cost more than the search itself.
    """

    source: "Source"
    row: object
    terms: tuple[str, ...]
    rank: float

    @property
    def kind(self) -> str:
        return self.source.kind

    @cached_property
    def title(self) -> str:
        return self.source.title(self.row)

    @cached_property
    def title_html(self) -> SafeString:
        return highlight(self.title, list(self.terms))

    @cached_property
    def url(self) -> str:
        return self.source.url(self.row)

    @cached_property
    def context(self) -> str:
        return self.source.context(self.row)

    @cached_property
    def snippet(self) -> SafeString:
        return self.source.snippet(self.row, list(self.terms))


@dataclass(frozen=True)
class Source(ABC):
    """One kind of searchable thing: its public rows, weighted fields and how to show one."""

    kind: str
    fields: tuple[tuple[str, str], ...]  # (field path, weight A/B/C)

    @abstractmethod
    def queryset(self) -> QuerySet:
        """Return the rows readers may see, starting from published()."""

    @abstractmethod
    def title(self, obj) -> str:
        """Return the result's heading."""

    @abstractmethod
    def url(self, obj) -> str:
        """Return where the result links to."""

    @abstractmethod
    def context(self, obj) -> str:
        """Return the line above the heading that places the result."""

    def values(self, obj) -> list[tuple[str, str]]:
        return [(attrgetter(path.replace("__", "."))(obj) or "", w) for path, w in self.fields]

    def document(self) -> Expression:
        """Return the weighted text of `fields` PostgreSQL searches, as it stores it."""
        return StoredDocument()

    def condition(self, search_query: SearchQuery) -> Q:
        """Return which rows match, in a form PostgreSQL can answer from indexes."""
        return Q(Matches(self.document(), search_query))

    def full_text_matches(self, query: str) -> QuerySet:
        """Return the rows matching `query`, best first (PostgreSQL)."""
        vector = self.document()
        search_query = full_text_query(query)
        return (
            self.queryset()
            .filter(self.condition(search_query))
            .annotate(rank=SearchRank(vector, search_query))
            # Equal ranks in key order: the cap keeps the same rows on every read.
            .order_by("-rank", "pk")[:MAX_RESULTS_PER_KIND]
        )

    def matching(self, query: str, terms: list[str]) -> list[tuple[object, float]]:
        queryset = self.queryset()
        if uses_full_text_search():
            return [(row, row.rank) for row in self.full_text_matches(query)]
        condition = Q()
        for term in terms:
            any_field = Q()
            for path, _weight in self.fields:
                any_field |= Q(**{f"{path}__icontains": term})
            condition &= any_field
        rows = list(queryset.filter(condition)[:MAX_RESULTS_PER_KIND])
        return sorted(
            ((row, self.fallback_rank(row, terms)) for row in rows), key=lambda pair: -pair[1]
        )

    def fallback_rank(self, obj, terms: list[str]) -> float:
        """Score each word by the most important field it appears in."""
        values = self.values(obj)
        score = 0.0
        for term in terms:
            score += max(
                (WEIGHTS[weight] for text, weight in values if term in text.casefold()), default=0
            )
        return score

    def snippet(self, obj, terms: list[str]) -> SafeString:
        """Return the first text field after the title that matches, highlighted."""
        texts = [text for text, _weight in self.values(obj)[1:] if text] or [""]
        pattern = highlight_pattern(terms)
        text = next((text for text in texts if pattern and pattern.search(text)), texts[0])
        return highlight(excerpt(text, terms), terms)


class ProfessionSource(Source):
    def queryset(self):
        return Profession.objects.with_published_outlooks().select_related("category")

    def title(self, obj):
        return obj.name

    def url(self, obj):
        return obj.get_absolute_url()

    def context(self, obj):
        return obj.category.name

    def snippet(self, obj, terms):
        return highlight(excerpt(obj.description or obj.name, terms), terms)


class OutlookSource(Source):
    """An outlook's document is its profession's name followed by its own text.

    Each table stores and indexes its own part, so an outlook matches through its own text or
    through its profession's name (one index each, joined by key), and the whole document then
    decides, as if it were stored in one piece.
    """

    def queryset(self):
        return Outlook.objects.published().select_related("issue", "profession")

    def document(self):
        return CombinedExpression(
            StoredDocument("name_document", relation="profession"), "||", StoredDocument()
        )

    def condition(self, search_query):
        # A matching outlook has every word in its own text, or some word in its profession's
        # name: the indexes find those; the whole document then decides.
        named = Profession.objects.filter(
            Matches(StoredDocument("name_document"), AnyWordOf(search_query))
        ).order_by()
        candidates = Q(Matches(StoredDocument(), search_query)) | Q(
            EqualsAny(F("profession"), ArraySubquery(named.values("pk")))
        )
        return candidates & Q(Matches(self.document(), search_query))

    def title(self, obj):
        return obj.headline

    def url(self, obj):
        return obj.get_absolute_url()

    def context(self, obj):
        return obj.issue.masthead


class TaskSource(Source):
    def queryset(self):
        # A common word matches thousands of tasks: load only what a result shows.
        return (
            TaskAssessment.objects.filter(outlook__in=Outlook.objects.published())
            .select_related("outlook__profession")
            .only(
                "task",
                "rationale",
                "exposure",
                "outlook__year",
                "outlook__profession__name",
                "outlook__profession__slug",
            )
        )

    def title(self, obj):
        return obj.task

    def url(self, obj):
        return f"{obj.outlook.get_absolute_url()}#task-exposure"

    def context(self, obj):
        return (
            f"{obj.get_exposure_display()} exposure · {obj.outlook.profession.name}, "
            f"{obj.outlook.year}"
        )

    def snippet(self, obj, terms):
        return highlight(excerpt(obj.rationale, terms), terms)


class SkillSource(Source):
    def queryset(self):
        return Skill.objects.with_published_assessments()

    def title(self, obj):
        return obj.name

    def url(self, obj):
        return obj.get_absolute_url()

    def context(self, obj):
        return "Skill"

    def snippet(self, obj, terms):
        return highlight(excerpt(obj.description or obj.name, terms), terms)


SOURCES = (
    ProfessionSource(kind="Profession", fields=(("name", "A"), ("description", "B"))),
    OutlookSource(
        kind="Outlook",
        fields=(("profession__name", "A"), ("standfirst", "B"), ("body", "C")),
    ),
    TaskSource(kind="Task", fields=(("task", "A"), ("rationale", "B"))),
    SkillSource(kind="Skill", fields=(("name", "A"), ("description", "B"))),
)


def search(query: str) -> list[SearchResult]:
    """Return what readers may see that matches every word of `query`, best first."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    if not terms:
        return []
    results = []
    for order, source in enumerate(SOURCES):
        for obj, rank in source.matching(" ".join(terms), terms):
            results.append((order, SearchResult(source, obj, tuple(terms), rank)))
    results.sort(key=lambda pair: (-pair[1].rank, pair[0], pair[1].title.casefold()))
    return [result for _, result in results]


def highlight_pattern(terms: list[str]) -> re.Pattern | None:
    # A shortened prefix also marks inflected forms the full-text search matched by stem
    # ("automation" marks "automated").
    prefixes = sorted({term[: max(4, len(term) - 3)] for term in terms}, key=len, reverse=True)
    if not prefixes:
        return None
    alternatives = "|".join(map(re.escape, prefixes))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap the words that match in <mark>."""
    pattern = highlight_pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def excerpt(text: str, terms: list[str]) -> str:
    """Return up to SNIPPET_LENGTH characters of `text`, starting near the first match."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    pattern = highlight_pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - 60) if match else 0
    if start:
        start = text.find(" ", start) + 1 or start
    prefix = "…" if start else ""
    return prefix + Truncator(text[start:]).chars(SNIPPET_LENGTH)
