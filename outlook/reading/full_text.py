"""PostgreSQL full-text building blocks the ORM lacks, for outlook/reading/search.py."""

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import Expression, Func, Lookup
from django.db.models.constants import LOOKUP_SEP


class StoredDocument(Expression):
    """The tsvector PostgreSQL generates in `column` of a row, or of the row `relation` leads to.

    The column is the database's (see the search-document migrations), not a model field, so
    that only search ever reads it.
    """

    output_field = SearchVectorField()

    def __init__(self, column: str = "search_document", relation: str = ""):
        super().__init__()
        self.column, self.relation = column, relation

    def resolve_expression(self, query=None, *args, **kwargs):
        alias = query.get_initial_alias()
        if self.relation:
            path = self.relation.split(LOOKUP_SEP)
            alias = query.setup_joins(path, query.get_meta(), alias, allow_many=False).joins[-1]
        return TableColumn(alias, self.column)


class TableColumn(Expression):
    """A column of the table joined as `alias` that no model field stands for."""

    output_field = SearchVectorField()
    contains_column_references = True

    def __init__(self, alias: str, column: str):
        super().__init__()
        self.alias, self.column = alias, column

    def as_sql(self, compiler, connection):
        return ".".join(map(compiler.quote_name_unless_alias, (self.alias, self.column))), []

    def relabeled_clone(self, relabels):
        return type(self)(relabels.get(self.alias, self.alias), self.column)

    def get_group_by_cols(self):
        return [self]


class TemplateLookup(Lookup):
    """A lookup written as SQL around its two sides: `template` % (lhs, rhs)."""

    template: str

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return self.template % (lhs, rhs), (*lhs_params, *rhs_params)


class Matches(TemplateLookup):
    """`document @@ query`, for a query built here rather than from the words (SearchQuery)."""

    lookup_name = "matches"
    template = "%s @@ %s"


class AnyWordOf(Func):
    """The words of a plain query joined by OR instead of AND ('a' & 'b' becomes 'a' | 'b').

    plainto_tsquery only ever joins words with &, so swapping the operator keeps every word.
    """

    template = "replace(%(expressions)s::text, '&', '|')::tsquery"
    output_field = SearchQueryField()


class EqualsAny(TemplateLookup):
    """`lhs = ANY(array)`: unlike IN (subquery), PostgreSQL can OR it with other index scans."""

    lookup_name = "equals_any"
    template = "%s = ANY(%s)"
