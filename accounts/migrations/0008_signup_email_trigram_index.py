from django.db import migrations

# The admin searches signups by any part of their email (`UPPER(email) LIKE UPPER('%word%')`),
# which reads all of a large table; a trigram index on that same expression answers it from
# the index. pg_trgm is a trusted extension: the database's owner may create it.
# PostgreSQL only: elsewhere the search reads the table.
INDEX = "signup_email_trigram"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON accounts_signup USING gin (UPPER(email::text) gin_trgm_ops)"
    )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_sent_report_archive"),
    ]

    operations = [
        migrations.RunPython(add_index, remove_index),
    ]
