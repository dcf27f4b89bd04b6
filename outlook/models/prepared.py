"""Querysets compiled to SQL once per process; each use only binds its values.

Django turns a queryset into SQL on every evaluation. For the outlook page's query (seven
correlated subqueries, each a JSON object of a dozen columns) that costs more than the
database's work: about 6 ms of a page's 40. A prepared query is compiled once per database
from a builder called with sample values, and each call puts the real values in their places,
turned into what the database reads exactly as the field would turn them.

The places are found, not declared: the builder is compiled again with one value changed at
a time, and the parameters that change with it are that value's. The SQL itself must not
change with the values (a LIMIT written into it, say); that is checked, and a builder that
breaks it is refused when it is first compiled.
"""

import copy
import datetime
import threading
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router


def _sample(field: models.Field, index: int):
    """Return the `index`th sample value of the field's kind, unlike any real value."""
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(1901 + index, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    if isinstance(field, models.IntegerField):
        # Within every integer column's range, which Django checks while compiling.
        return 32_001 + index
    if isinstance(field, models.CharField):
        return f"prepared-sample-{index}"
    raise ImproperlyConfigured(f"No sample value for a {type(field).__name__}.")


class _Compiled:
    def __init__(self, queryset, compiler, sql: str, params: tuple, places: dict[str, list[int]]):
        self.queryset, self.compiler, self.sql = queryset, compiler, sql
        self.params, self.places = params, places


class PreparedQuery:
    """A queryset of `model` built by `build(**values)`, compiled once per database.

    `fields` gives each value's column (a model field), which decides how the value is
    written for the database; a value outside an integer column's range matches nothing.
    Calling it returns the list of results, as `list(build(**values))`.
    """

    def __init__(self, model, build: Callable[..., models.QuerySet], **fields: models.Field):
        self.model, self.build, self.fields = model, build, fields
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, **values) -> list:
        using = router.db_for_read(self.model)
        compiled = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        if not all(self._fits(name, value, connection) for name, value in values.items()):
            return []
        params = list(compiled.params)
        for name, places in compiled.places.items():
            value = self.fields[name].get_db_prep_value(values[name], connection, prepared=False)
            for place in places:
                params[place] = value
        compiler = copy.copy(compiled.compiler)
        # This thread's connection: the one it was compiled with may belong to another thread.
        compiler.connection = connection
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        bound = compiled.queryset._chain()
        # The iterable asks the query for its compiler: this one's SQL is already written.
        bound.query.get_compiler = lambda *args, **kwargs: compiler
        return list(bound)

    def _fits(self, name: str, value, connection) -> bool:
        """Whether the column can hold `value`: one it cannot matches nothing (as Django says)."""
        field = self.fields[name]
        if not isinstance(field, models.IntegerField):
            return True
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or value >= low) and (high is None or value <= high)

    def _compile(self, using: str) -> _Compiled:
        with self._lock:
            if using in self._compiled:
                return self._compiled[using]
            base_values = {name: _sample(field, 0) for name, field in self.fields.items()}
            queryset = self.build(**base_values)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            places = {}
            for name, field in self.fields.items():
                other_sql, other_params = self._sql(using, base_values | {name: _sample(field, 1)})
                if other_sql != sql or len(other_params) != len(params):
                    raise ImproperlyConfigured(
                        f"The SQL of this query changes with {name!r}: it cannot be prepared."
                    )
                pairs = enumerate(zip(params, other_params, strict=True))
                places[name] = [i for i, (a, b) in pairs if a != b]
                expected = field.get_db_prep_value(
                    base_values[name], connections[using], prepared=False
                )
                if not places[name] or any(params[i] != expected for i in places[name]):
                    raise ImproperlyConfigured(f"{name!r} is not a parameter of this query.")
            compiled = _Compiled(queryset, compiler, sql, tuple(params), places)
            self._compiled[using] = compiled
            return compiled

    def _sql(self, using: str, values: dict) -> tuple[str, tuple]:
        return self.build(**values).query.get_compiler(using=using).as_sql()
