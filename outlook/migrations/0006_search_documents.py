from django.db import migrations

# What outlook/reading/search.py searches, as columns PostgreSQL computes from the row on every insert
# and update, bulk ones included, and GIN-indexed so a search reads only the matching rows.
# They are not model fields: only the search page reads them, so no other page loads them.
# PostgreSQL only: SQLite searches by substring (see outlook/reading/search.py).
# PostgreSQL refuses to change the type of a column a generated column uses: a later migration
# that alters one of the columns named here must drop these columns first and add them after.
COLUMNS = {
    # An outlook's own text; its profession's name (A) comes first from the profession's
    # name_document (professions/migrations/0004), joined by key when searching.
    "outlook_outlook": (
        "setweight(to_tsvector('english', coalesce(standfirst, '')), 'B')"
        " || setweight(to_tsvector('english', coalesce(body, '')), 'C')"
    ),
    "outlook_taskassessment": (
        "setweight(to_tsvector('english', coalesce(task, '')), 'A')"
        " || setweight(to_tsvector('english', coalesce(rationale, '')), 'B')"
    ),
}
INDEXES = {
    "outlook_search_document": "outlook_outlook",
    "task_search_document": "outlook_taskassessment",
}
# 0005's index on the task document computed from its columns, which this column replaces:
# the search now reads the stored document, so that index would only slow down writes.
OLD_TASK_INDEX = "task_search_document"
OLD_TASK_INDEX_SQL = (
    "CREATE INDEX task_search_document ON outlook_taskassessment USING gin (("
    "setweight(to_tsvector('english', coalesce(task, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(rationale, '')), 'B')))"
)


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(f"DROP INDEX {quote(OLD_TASK_INDEX)}")
    for table, expression in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD COLUMN search_document tsvector"
            f" GENERATED ALWAYS AS ({expression}) STORED"
        )
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin (search_document)"
        )


def remove_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table in COLUMNS:
        # Drops its index with it.
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN search_document")
    schema_editor.execute(OLD_TASK_INDEX_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("outlook", "0005_indexes"),
        ("professions", "0004_search_documents"),
    ]

    operations = [
        migrations.RunPython(add_search_documents, remove_search_documents),
    ]
