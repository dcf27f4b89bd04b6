"""Admin changelists that stay fast on tables of hundreds of thousands of rows.

Each helper replaces a query whose cost grows with the table by one whose cost does not.

PostgreSQL answers COUNT(*) by reading every row, so a changelist that counts its whole table
on each page load gets slower as the table grows. Unfiltered, we read the planner's estimate
from pg_class instead (kept fresh by autovacuum); filtered lists and small tables still get an
exact count, which an index makes cheap.
"""

import datetime
import functools
from urllib.parse import quote

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import PAGE_VAR
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Exists, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

# Below this many rows an exact count is cheap enough and reads better ("1 234" not "~1 200").
EXACT_COUNT_BELOW = 10_000


def estimated_row_count(model) -> int | None:
    """Return PostgreSQL's estimate of `model`'s rows, or None if it has none (or no PostgreSQL)."""
    connection = connections[model.objects.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    # -1 means "never analysed": fall back to counting.
    return row[0] if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where and not query.distinct:
            estimate = estimated_row_count(queryset.model)
            if estimate is not None and estimate >= EXACT_COUNT_BELOW:
                return estimate
        return super().count


def related_count(model, relation: str):
    """Return, as an annotation of `model`, how many rows its reverse `relation` holds.

    Count(relation) joins and groups the whole related table on every page load (and again for
    the changelist's count); this counts each listed row's related rows through their foreign
    key's index, and the count of the changelist leaves it out.
    """
    remote_field = model._meta.get_field(relation).field
    rows = (
        remote_field.model._default_manager.filter(**{remote_field.name: OuterRef("pk")})
        .order_by()
        .values(remote_field.name)
        # COUNT(*), not COUNT(id): the foreign key's index alone answers it.
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(rows), 0)


def _next_start(start: datetime.datetime, kind: str) -> datetime.datetime:
    if kind == "year":
        return start.replace(year=start.year + 1)
    if kind == "month":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start + datetime.timedelta(days=1)


def _truncate(moment: datetime.datetime, kind: str) -> datetime.datetime:
    keep = {"year": {"month": 1, "day": 1}, "month": {"day": 1}, "day": {}}[kind]
    return moment.replace(hour=0, minute=0, second=0, microsecond=0, **keep)


class ProbedDatesMixin:
    """The admin's date hierarchy asks for the distinct years (months, days) of its rows.

    A SELECT DISTINCT over the whole table reads every row; instead, take the first and last
    date (two index lookups), then ask of each year (month, day) between them whether a row
    falls in it (one index probe each, a handful per page).
    """

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month", "day"):
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = tzinfo or timezone.get_current_timezone()
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        start = _truncate(timezone.localtime(bounds["first"], zone), kind)
        last = timezone.localtime(bounds["last"], zone)
        found = []
        while start <= last:
            end = _next_start(start, kind)
            lookup = {f"{field_name}__gte": start, f"{field_name}__lt": end}
            if self.filter(**lookup).exists():
                found.append(start)
            start = end
        return found if order == "ASC" else found[::-1]


@functools.cache
def _probed(queryset_class):
    return type(f"Probed{queryset_class.__name__}", (ProbedDatesMixin, queryset_class), {})


class LargeTableMixin:
    """For a ModelAdmin: a changelist whose cost does not grow with the table."""

    paginator = EstimatedCountPaginator
    # The "N total" link next to a filtered count would COUNT(*) the whole table.
    show_full_result_count = False

    def action_checkbox(self, obj):
        # The HTML Django's own draws, without rendering a form widget's three templates per
        # row: a third of a 100-row changelist's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.date_hierarchy:
            # Every clone keeps the class, so the changelist's filtered queryset has it too.
            queryset.__class__ = _probed(queryset.__class__)
        return queryset


class RelatedWithRowsFilter(admin.RelatedFieldListFilter):
    """Like RelatedOnlyFieldListFilter: only the related objects some row points to.

    RelatedOnlyFieldListFilter finds them with a DISTINCT over the whole table; this asks each
    related object whether a row exists (an index probe each), so it costs the same with
    100 rows as with 100 000. Each choice's link is made once and filled in. For thousands of
    choices, NameContainsFilter below.
    """

    def field_choices(self, field, request, model_admin):
        rows = model_admin.model._default_manager.filter(**{field.name: OuterRef("pk")})
        related = field.remote_field.model._default_manager.filter(Exists(rows))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in related]

    def choices(self, changelist):
        if changelist.add_facets:
            yield from super().choices(changelist)
            return
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": _("All"),
        }
        link = changelist.get_query_string(
            {self.lookup_kwarg: CHOICE_PLACEHOLDER}, [self.lookup_kwarg_isnull]
        )
        for pk_val, label in self.lookup_choices:
            yield {
                "selected": self.lookup_val is not None and str(pk_val) in self.lookup_val,
                "query_string": link.replace(CHOICE_PLACEHOLDER, quote(str(pk_val))),
                "display": label,
            }
        if self.include_empty_choice:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


# Stands for a choice's value in its link; survives URL encoding unchanged.
CHOICE_PLACEHOLDER = "__choice__"


class NameContainsFilter(admin.ListFilter):
    """A box to type part of a related object's name in, for relations with thousands of choices.

    A list of links to every profession a signup names is 2 000 links: most of a changelist's
    rendering time, and no help to find one. `for_relation("profession", _("profession"))`
    makes a filter whose parameter, `profession_name`, keeps the rows whose profession's name
    holds what was typed (case-insensitive); the other filters and the search are kept.
    """

    template = "admin/name_contains_filter.html"
    relation = ""
    label_field = "name"

    @classmethod
    def for_relation(cls, relation: str, title):
        return type(f"{cls.__name__}_{relation}", (cls,), {"relation": relation, "title": title})

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.parameter_name = f"{self.relation}_{self.label_field}"
        if self.parameter_name in params:
            self.used_parameters[self.parameter_name] = params.pop(self.parameter_name)[-1]
        self.value = self.used_parameters.get(self.parameter_name, "").strip()

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if not self.value:
            return queryset
        related = queryset.model._meta.get_field(self.relation).remote_field.model
        named = related._default_manager.filter(**{f"{self.label_field}__icontains": self.value})
        return queryset.filter(**{f"{self.relation}__in": named.order_by().values("pk")})

    def choices(self, changelist):
        kept = {
            name: value
            for name, value in changelist.params.items()
            if name not in (self.parameter_name, PAGE_VAR)
        }
        yield {
            "selected": bool(self.value),
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
            "kept": sorted(kept.items()),
        }
