from django.db import migrations

# What outlook/reading/search.py searches, as columns PostgreSQL computes from the row on every insert
# and update, bulk ones included, and GIN-indexed so a search reads only the matching rows.
# They are not model fields: only the search page reads them, so no other page loads them.
# PostgreSQL only: SQLite searches by substring (see outlook/reading/search.py).
# PostgreSQL refuses to change the type of a column a generated column uses: a later migration
# that alters name or description must drop these columns first and add them again after.
COLUMNS = {
    "professions_profession": {
        # A profession's own search result: name (A) and description (B).
        "search_document": (
            "setweight(to_tsvector('english', coalesce(name, '')), 'A')"
            " || setweight(to_tsvector('english', coalesce(description, '')), 'B')"
        ),
        # The profession's name as the first part (A) of each of its outlooks' documents.
        "name_document": "setweight(to_tsvector('english', coalesce(name, '')), 'A')",
    },
    "professions_skill": {
        "search_document": (
            "setweight(to_tsvector('english', coalesce(name, '')), 'A')"
            " || setweight(to_tsvector('english', coalesce(description, '')), 'B')"
        ),
    },
}
INDEXES = {
    "profession_search_document": ("professions_profession", "search_document"),
    "profession_name_document": ("professions_profession", "name_document"),
    "skill_search_document": ("professions_skill", "search_document"),
}


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, columns in COLUMNS.items():
        for column, expression in columns.items():
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} tsvector"
                f" GENERATED ALWAYS AS ({expression}) STORED"
            )
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({quote(column)})"
        )


def remove_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, columns in COLUMNS.items():
        for column in columns:
            # Drops its index with it.
            schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(column)}")


class Migration(migrations.Migration):
    dependencies = [
        ("professions", "0003_indexes"),
    ]

    operations = [
        migrations.RunPython(add_search_documents, remove_search_documents),
    ]
