"""An outlook's small child rows read in the outlook's own query, as one JSON array per relation.

The outlook page shows five kinds of rows (what changed, insights, corrections, tasks, skills).
Prefetched, each kind costs a query of its own: building it, a round trip, and reading the rows
back. Here each kind is a correlated subquery in the outlook's SELECT that returns the rows as a
JSON array (PostgreSQL and SQLite alike), and the rows become model instances stored where
`prefetch_related` stores them, so `outlook.task_assessments.all()` and every property built on
it read them without a query, exactly as after a prefetch.
"""

import datetime
import functools
import json

from django.db import models
from django.db.models.functions import JSONObject
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

PREFIX = "_inline_rows_"


class JSONRows(models.Aggregate):
    """The aggregated rows as one JSON array (its order is restored in Python)."""

    function = "JSON_AGG"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # Cast to text: the driver hands back a string on every backend, read with json.loads.
        return self.as_sql(compiler, connection, template="%(function)s(%(expressions)s)::text")

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


# Per model and relation, fixed once the models are loaded: asked for on every outlook page.
@functools.cache
def _columns(model, prefix: str = "") -> dict[str, models.Field]:
    return {prefix + field.attname: field for field in model._meta.concrete_fields}


@functools.cache
def _attnames(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


@functools.cache
def _relation(outlook_model, name: str):
    relation = outlook_model._meta.get_field(name)
    return relation.related_model, relation.field.name


def rows_subquery(outlook_model, name: str, related: tuple[str, ...] = ()):
    """Return a subquery of the `name` rows of the outer outlook as a JSON array."""
    model, back = _relation(outlook_model, name)
    columns = dict(_columns(model))
    for field_name in related:
        columns |= _columns(model._meta.get_field(field_name).related_model, f"{field_name}__")
    rows = (
        model._base_manager.filter(**{back: models.OuterRef("pk")})
        .order_by()
        .values(back)
        .annotate(rows=JSONRows(JSONObject(**{key: models.F(key) for key in columns})))
        .values("rows")
    )
    return models.Subquery(rows, output_field=models.TextField())


def _to_python(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value) if isinstance(value, str) else value
        # SQLite keeps UTC without an offset.
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    if isinstance(field, models.DateField):
        return parse_date(value) if isinstance(value, str) else value
    return field.to_python(value)


def _instance(model, row: dict, db: str, prefix: str = ""):
    return model.from_db(
        db,
        _attnames(model),
        [_to_python(field, row[key]) for key, field in _columns(model, prefix).items()],
    )


def attach(outlook, name: str, related: tuple[str, ...], raw: str | None, db: str) -> None:
    """Store the decoded rows on `outlook` as a prefetch of `name` would."""
    model, back = _relation(type(outlook), name)
    instances = []
    for row in json.loads(raw) if raw else []:
        instance = _instance(model, row, db)
        for field_name in related:
            target = model._meta.get_field(field_name).related_model
            setattr(instance, field_name, _instance(target, row, db, f"{field_name}__"))
        setattr(instance, back, outlook)
        instances.append(instance)
    ordering = model._meta.ordering
    instances.sort(key=lambda row: tuple(getattr(row, key) for key in ordering))
    # What prefetch_related_objects leaves: a queryset holding its results.
    queryset = getattr(outlook, name).all()
    queryset._result_cache, queryset._prefetch_done = instances, True
    outlook.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def inline_iterable(relations: dict[str, tuple[str, ...]]) -> type[ModelIterable]:
    """Return the iterable that stores each of `relations` (name: the foreign keys its rows
    load along) on the outlooks it yields."""

    class InlineRowsIterable(ModelIterable):
        def __iter__(self):
            db = self.queryset.db
            for outlook in super().__iter__():
                for name, related in relations.items():
                    attach(outlook, name, related, outlook.__dict__.pop(PREFIX + name), db)
                yield outlook

    return InlineRowsIterable


def with_inline_rows(queryset, relations: dict[str, tuple[str, ...]], iterable):
    """Return `queryset` reading each of `relations` inside its own query (`iterable` is
    `inline_iterable(relations)`, built once)."""
    annotated = queryset.annotate(
        **{
            PREFIX + name: rows_subquery(queryset.model, name, related)
            for name, related in relations.items()
        }
    )
    # Kept by every clone of the queryset (filter, get) like values()'s own iterables.
    annotated._iterable_class = iterable
    return annotated
