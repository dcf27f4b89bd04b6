"""The queries pages make of outlooks: visibility, rankings, matching and prefetching."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, JSONObject, Rank, RowNumber
from django.utils.text import slugify

from outlook.models import inline_rows
from outlook.models.exposure import (
    Exposure,
    RankingEnds,
    exposure_index_expression,
    ranked_pair,
)
from outlook.models.task_documents import refresh_task_documents
from outlook.publishing.visibility import published_outlook_q

if TYPE_CHECKING:
    from outlook.models.outlook import Outlook


class OutlookQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Return the outlooks readers may see: live, in a live issue (at `now`, default now)."""
        return self.filter(published_outlook_q(now=now))

    def visible_to(self, user):
        """Return what `user` may read: staff who edit outlooks also see drafts."""
        return self.all() if sees_drafts(user) else self.published()

    def refresh_exposure_counts(self) -> int:
        """Store each outlook's task counts per exposure level, from its tasks; return rows.

        Also rewrites the outlooks' other data derived from their tasks, the admin search's task
        document (models/task_documents.py). Task saves and deletes call it
        (models/exposure_counts.py), as do saves of an outlook (a restore, an import); bulk loads
        call it once after.
        """
        refresh_task_documents(self)
        return self.update(
            **{
                f"{level}_count": Coalesce(
                    Subquery(
                        _rows()
                        .TaskAssessment.objects.filter(outlook=OuterRef("pk"), exposure=level)
                        .order_by()
                        .values("outlook")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                )
                for level in Exposure.values
            }
        )

    def with_last_modified(self):
        """Annotate `latest_correction_at`, so `last_modified` costs no query per outlook."""
        newest = (
            _rows()
            .Correction.objects.filter(outlook=OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        return self.annotate(latest_correction_at=Subquery(newest))

    def with_exposure_rank(self):
        """Annotate `exposure_rank` and `ranking_position`: most exposed first, ties share a rank.

        `sharing_rank` counts the outlooks with the same rank (ties). The database ranks, so a
        page can show a slice of a ranking without loading it all. `position_from_end` counts
        from the last place (1) up.
        """
        score = F("ranking_index")
        return (
            self.select_related("profession__category")
            # Narrow rows: the database sorts every outlook of the issue three times.
            .only(
                "year",
                "issue_id",
                "high_count",
                "medium_count",
                "low_count",
                "profession__name",
                "profession__slug",
                "profession__category__name",
            )
            .annotate(ranking_index=exposure_index_expression())
            .annotate(
                exposure_rank=Window(Rank(), order_by=[score.desc(nulls_last=True)]),
                ranking_position=Window(
                    RowNumber(), order_by=[score.desc(nulls_last=True), F("profession__name")]
                ),
                position_from_end=Window(
                    RowNumber(),
                    order_by=[score.asc(nulls_first=True), F("profession__name").desc()],
                ),
                # More than one: the rank is shared, and shown as a tie ("=2").
                sharing_rank=Window(Count("pk"), partition_by=[score]),
            )
        )

    def ranking_ends(self, size: int) -> RankingEnds:
        """Return the `size` most and least exposed outlooks, in one query whatever the count."""
        ends = list(
            self.with_exposure_rank()
            .filter(Q(ranking_position__lte=size) | Q(position_from_end__lte=size))
            .order_by("ranking_position")
        )
        total = ends[0].ranking_position + ends[0].position_from_end - 1 if ends else 0
        top = [ranked_pair(outlook) for outlook in ends if outlook.ranking_position <= size]
        bottom = [ranked_pair(outlook) for outlook in ends if outlook.ranking_position > size]
        return RankingEnds(
            top=top, bottom=bottom, hidden=total - len(top) - len(bottom), total=total
        )

    def matching_professions(self, entries: list[str]) -> dict[str, "Outlook | None"]:
        """Map each entry a reader typed to the outlook of the profession it names, or None.

        An entry names a profession by its name in any case ("data analyst") or by its slug;
        a name match wins over a slug match. One query however many outlooks there are.
        """
        wanted = Q(profession__slug__in=[slugify(entry) for entry in entries])
        for entry in entries:
            wanted |= Q(profession__name__iexact=entry)
        outlooks = list(self.filter(wanted).select_related("profession"))

        def match(entry):
            by_name = [o for o in outlooks if o.profession.name.casefold() == entry.casefold()]
            by_slug = [o for o in outlooks if o.profession.slug == slugify(entry)]
            return next(iter(by_name + by_slug), None)

        return {entry: match(entry) for entry in entries}

    def for_links(self):
        """Load only what a link to an outlook shows: its headline, address and issue title.

        Pages list dozens of such links; whole rows (bodies, timestamps) cost more to read and
        build than the rest of the link.
        """
        return self.select_related("issue", "profession").only(
            "year", "issue__title", "profession__name", "profession__slug"
        )

    def with_page_data(self):
        """Fetch everything the outlook page shows in a fixed number of queries."""
        return self.select_related("issue", "profession__category").prefetch_related(
            *(
                models.Prefetch(
                    name,
                    queryset=self.model._meta.get_field(name).related_model.objects.select_related(
                        *related
                    ),
                )
                for name, related in PAGE_ROWS.items()
            )
        )

    def with_page_rows(self):
        """Fetch what the outlook page shows in one query: for a single outlook's page.

        The rows of with_page_data() and the byline's and sources' rows, each relation a JSON
        array in the outlook's own row (outlook/models/inline_rows.py) instead of a query of
        its own.
        """
        return inline_rows.with_inline_rows(
            self.select_related("issue", "profession__category", "writer__author"),
            PAGE_ROWS | BYLINE_ROWS,
            _PAGE_ROWS_ITERABLE,
        )

    def with_profession_years(self, *, now=None):
        """Annotate `profession_years`: the profession's published outlooks as a JSON array.

        Each row holds a year, its issue's title and its task counts: enough for the page's
        links to the profession's other years and for its previous index, without a query
        of their own. `now` as for published().
        """
        years = (
            self.model._default_manager.published(now=now)
            .filter(profession=OuterRef("profession"))
            .order_by()
            .values("profession")
            .annotate(
                rows=inline_rows.JSONRows(
                    JSONObject(
                        year="year",
                        issue_title="issue__title",
                        high="high_count",
                        medium="medium_count",
                        low="low_count",
                    )
                )
            )
            .values("rows")
        )
        return self.annotate(profession_years=Subquery(years, output_field=models.TextField()))


def sees_drafts(user) -> bool:
    """Whether `user` reads drafts on the public pages: staff who edit outlooks do."""
    return user.is_authenticated and user.has_perm("outlook.change_outlook")


def _rows():
    # The rows point at Outlook, which is built on this queryset: import them when asked.
    from outlook.models import rows

    return rows


# The rows an outlook's page shows: each relation, with the foreign keys read along with it.
PAGE_ROWS = {
    "changes": (),
    "insights": (),
    "corrections": (),
    "task_assessments": (),
    "skill_assessments": ("skill",),
}
# Shown by the outlook page alone (its byline and sources), not by lists of outlooks.
BYLINE_ROWS = {"bylines": ("author",), "sources": ()}
_PAGE_ROWS_ITERABLE = inline_rows.inline_iterable(PAGE_ROWS | BYLINE_ROWS)
