"""Each outlook's stored, indexed document of its tasks' text (PostgreSQL only).

The admin's outlook search (outlook/admin/search.py) matches it instead of reading the task
table; outlook/migrations/0019 adds the column. It is derived from the tasks like the stored
exposure counts, so it is rewritten in the same place: OutlookQuerySet.refresh_exposure_counts.
"""

from django.db import connections

# `%(outlooks)s` is a query of the ids of the outlooks to rewrite.
TASK_DOCUMENT_SQL = (
    "UPDATE outlook_outlook SET task_document = ("
    " SELECT to_tsvector('english',"
    " coalesce(string_agg(task.task || ' ' || task.rationale, ' '), ''))"
    " FROM outlook_taskassessment task WHERE task.outlook_id = outlook_outlook.id"
    ") WHERE outlook_outlook.id IN (%(outlooks)s)"
)


def refresh_task_documents(outlooks) -> None:
    """Rewrite the task documents of the outlooks of the queryset `outlooks`, on PostgreSQL."""
    connection = connections[outlooks.db]
    if connection.vendor != "postgresql":
        return
    ids, params = outlooks.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(TASK_DOCUMENT_SQL % {"outlooks": ids}, params)
