from django.db import migrations

from outlook.models.task_documents import TASK_DOCUMENT_SQL

# Each outlook's own copy of its tasks' text (name and rationale) as one GIN-indexed tsvector,
# so the admin's outlook search matches an outlook by its tasks with one index lookup on the
# outlook table instead of reading every matching task (16 000 outlooks for "report" at
# 40 000 outlooks). Not generated (it spans rows): OutlookQuerySet.refresh_exposure_counts, the
# one place an outlook's stored derived data is refreshed after its tasks change, rewrites it.
# Not a model field, so no page loads it. PostgreSQL only: elsewhere the admin searches by
# substring.


def add_task_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE outlook_outlook ADD COLUMN task_document tsvector")
    schema_editor.execute(TASK_DOCUMENT_SQL % {"outlooks": "SELECT id FROM outlook_outlook"})
    schema_editor.execute(
        "CREATE INDEX outlook_task_document ON outlook_outlook USING gin (task_document)"
    )


def remove_task_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE outlook_outlook DROP COLUMN task_document")


class Migration(migrations.Migration):
    dependencies = [
        ("outlook", "0019_go_live_notice"),
    ]

    operations = [
        migrations.RunPython(add_task_documents, remove_task_documents),
    ]
