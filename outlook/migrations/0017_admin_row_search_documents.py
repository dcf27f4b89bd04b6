from django.db import migrations

# What the admin's searches of skill assessments, what-changed bullets and insights match
# (outlook/admin/search.py), as columns PostgreSQL computes from the row on every insert and
# update and GIN-indexes, like the search documents of 0006: a search of 240 000 rows reads
# only the rows that match instead of every row's text. Not model fields, so no page loads
# them. PostgreSQL only: elsewhere the admin searches by substring.
# PostgreSQL refuses to change the type of a column a generated column uses: a later migration
# that alters one of the columns named here must drop these columns first and add them after.
COLUMNS = {
    "outlook_skillassessment": "to_tsvector('english', coalesce(rationale, ''))",
    "outlook_whatchanged": "to_tsvector('english', coalesce(text, ''))",
    "outlook_insight": "to_tsvector('english', coalesce(text, ''))",
}
INDEXES = {
    "skillassessment_search_document": "outlook_skillassessment",
    "whatchanged_search_document": "outlook_whatchanged",
    "insight_search_document": "outlook_insight",
}


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
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


class Migration(migrations.Migration):
    dependencies = [
        ("outlook", "0016_next_year_copy_review_and_current_issue"),
    ]

    operations = [
        migrations.RunPython(add_search_documents, remove_search_documents),
    ]
