"""An issue's dataset as CSV and JSON downloads, with a stable, documented column set.

The columns are a public contract (see the README's "Open data"): add new columns at the end
and never rename or reorder the existing ones.
"""

import csv
import json

from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.views import View

from outlook.models import EXPOSURE_INDEX_FORMULA, Issue, Outlook
from outlook.publishing import content_keys
from outlook.reading.spreadsheets import as_text_cell
from outlook.reading.views import get_published_issue
from outlook.web import response_keys

SCHEMA_VERSION = 1
CSV_COLUMNS = [
    "issue_volume",
    "issue_number",
    "issue_date",
    "issue_title",
    "year",
    "profession_slug",
    "profession_name",
    "category",
    "outlook_url",
    "exposure_index",
    "record_type",
    "position",
    "name",
    "rating",
    "text",
]


def dataset_outlooks(issue: Issue):
    """Yield the issue's live outlooks with their rows, a chunk at a time (memory stays flat)."""
    return (
        Outlook.objects.published()
        .filter(issue=issue)
        .with_page_data()
        .order_by("profession__name")
        .iterator(chunk_size=100)
    )


def csv_rows(issue: Issue, outlooks, absolute):
    """Yield one row per outlook, task, skill and insight, in that order per outlook."""
    for outlook in outlooks:
        common = {
            "issue_volume": issue.volume,
            "issue_number": issue.number,
            "issue_date": issue.publication_date.isoformat(),
            "issue_title": issue.title,
            "year": outlook.year,
            "profession_slug": outlook.profession.slug,
            "profession_name": outlook.profession.name,
            "category": outlook.profession.category.name,
            "outlook_url": absolute(outlook.get_absolute_url()),
            "exposure_index": "" if outlook.exposure_index is None else outlook.exposure_index,
        }
        records = [("outlook", 0, outlook.headline, "", outlook.standfirst)]
        records += [
            ("task", t.position, t.task, t.exposure, t.rationale)
            for t in outlook.task_assessments.all()
        ]
        records += [
            ("skill", s.position, s.skill.name, s.verdict, s.rationale)
            for s in outlook.skill_assessments.all()
        ]
        records += [("insight", i.position, "", "", i.text) for i in outlook.insights.all()]
        for record_type, position, name, rating, text in records:
            yield common | {
                "record_type": record_type,
                "position": position,
                "name": name,
                "rating": rating,
                "text": text,
            }


def spreadsheet_cell(value):
    """Guard text against running as a formula; numbers stay numbers."""
    return as_text_cell(value) if isinstance(value, str) else value


def json_head(issue: Issue, absolute) -> dict:
    """Return the JSON document without its outlooks (they follow, one at a time)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "issue": {
            "volume": issue.volume,
            "number": issue.number,
            "date": issue.publication_date.isoformat(),
            "title": issue.title,
            "url": absolute(issue.get_absolute_url()),
        },
        "exposure_index_formula": EXPOSURE_INDEX_FORMULA,
    }


def json_outlook(o: Outlook, absolute) -> dict:
    return {
        "year": o.year,
        "profession": {
            "slug": o.profession.slug,
            "name": o.profession.name,
            "category": o.profession.category.name,
        },
        "url": absolute(o.get_absolute_url()),
        "headline": o.headline,
        "standfirst": o.standfirst,
        "exposure_index": o.exposure_index,
        "tasks": [
            {"task": t.task, "exposure": t.exposure, "rationale": t.rationale}
            for t in o.task_assessments.all()
        ],
        "skills": [
            {
                "skill": s.skill.name,
                "slug": s.skill.slug,
                "verdict": s.verdict,
                "rationale": s.rationale,
            }
            for s in o.skill_assessments.all()
        ],
        "insights": [i.text for i in o.insights.all()],
    }


class _Line:
    """A file-like object the csv writer writes one row into."""

    def write(self, text: str) -> str:
        return text


def csv_chunks(issue: Issue, absolute):
    """Yield the CSV file as encoded lines."""
    writer = csv.DictWriter(_Line(), fieldnames=CSV_COLUMNS)
    yield writer.writeheader().encode()
    for row in csv_rows(issue, dataset_outlooks(issue), absolute):
        cells = {column: spreadsheet_cell(value) for column, value in row.items()}
        yield writer.writerow(cells).encode()


def json_chunks(issue: Issue, absolute):
    """Yield the JSON document in pieces: its head, then one outlook at a time."""
    head = json.dumps(json_head(issue, absolute), ensure_ascii=False)
    yield (head[:-1] + ', "outlooks": [').encode()
    for index, outlook in enumerate(dataset_outlooks(issue)):
        separator = "\n" if index == 0 else ",\n"
        yield (separator + json.dumps(json_outlook(outlook, absolute), ensure_ascii=False)).encode()
    yield b"\n]}\n"


CHUNKS = {"csv": csv_chunks, "json": json_chunks}
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


class IssueDatasetView(View):
    """Download a published issue's dataset; `format` comes from the URL (csv or json).

    Served from the file written to storage after the issue's last change (outlook/datasets.py);
    until one exists, streamed as it is built.
    """

    format = "csv"
    query_parameters = ()

    def get(self, request, volume, number):
        from outlook.reading import datasets

        issue = get_published_issue(volume, number)
        response_keys.add(content_keys.dataset_key(issue.pk))
        gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
        name = f"{self.format}.gz" if gzipped else self.format
        stored = datasets.open_current(issue, name)
        if stored is None:
            # A worker writes it soon (without one, the immediate backend writes it now).
            datasets.request_writing(issue.pk)
            stored = datasets.open_current(issue, name)
        if stored is None:
            chunks = CHUNKS[self.format](issue, datasets.absolute)
            response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[self.format])
        else:
            response = FileResponse(stored, content_type=CONTENT_TYPES[self.format])
            if gzipped:
                response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        filename = f"outlook-{issue.slug}.{self.format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
