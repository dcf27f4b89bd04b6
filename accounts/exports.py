"""CSV export of signups that streams, so 100 000 rows cost no more memory than ten.

Written for reviewers, not machines: choices as their labels ("Junior (0–2 years)", not
`junior`) and times in ISO 8601 to the second. The open-data CSV keeps its documented codes.
"""

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from accounts.models import ReportDelivery, Seniority, SignupStatus
from outlook.reading.spreadsheets import as_text_cell

COLUMNS = [
    ("id", "id"),
    ("email", "email"),
    ("profession", "profession__name"),
    ("issue date", "issue__publication_date"),
    ("seniority", "seniority"),
    ("tasks", "tasks"),
    ("status", "status"),
    ("signed up", "created_at"),
    ("confirmed", "confirmed_at"),
    ("reviewed", "reviewed_at"),
    ("reviewed by", "reviewed_by__username"),
    ("report delivery", "report_delivery"),
    ("report sent", "report_sent_at"),
    ("notes", "notes"),
]
# Columns stored as a choice code, written as the label a reviewer sees in the admin.
CHOICE_LABELS = {
    "seniority": dict(Seniority.choices),
    "status": dict(SignupStatus.choices),
    "report_delivery": dict(ReportDelivery.choices),
}
# Rows per fetch from the server-side cursor: small enough that 1 000 rows and 100 000 rows
# peak at the same memory (one chunk), large enough that round trips stay cheap.
CHUNK_SIZE = 500


class _Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _cell(value, field: str) -> str:
    if value is None:
        return ""
    if field in CHOICE_LABELS:
        return as_text_cell(str(CHOICE_LABELS[field].get(value, value)))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return as_text_cell(str(value))


def signup_csv_lines(queryset: QuerySet) -> Iterator[str]:
    """Yield the CSV lines for `queryset`, reading it in chunks from a server-side cursor."""
    writer = csv.writer(_Echo())
    fields = [field for _, field in COLUMNS]
    yield writer.writerow([title for title, _ in COLUMNS])
    rows: Iterable = queryset.order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK_SIZE)
    for row in rows:
        yield writer.writerow(
            [_cell(value, field) for value, field in zip(row, fields, strict=True)]
        )


def signup_csv_response(queryset: QuerySet) -> StreamingHttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(signup_csv_lines(queryset), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="signups-{stamp}.csv"'
    return response
