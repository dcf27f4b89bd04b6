"""An issue's dataset as CSV and JSON downloads, with a stable, documented column set.

The columns are a public contract (see the README's "Open data"): add new columns at the end
and never rename or reorder the existing ones.
"""

import csv
import json

from django.http import HttpResponse
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


def dataset_outlooks(issue: Issue) -> list[Outlook]:
    return list(
        Outlook.objects.published()
        .filter(issue=issue)
        .with_page_data()
        .order_by("profession__name")
    )


def csv_rows(issue: Issue, outlooks: list[Outlook], absolute) -> list[dict]:
    """Return one row per outlook, task, skill and insight, in that order per outlook."""
    rows = []
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
            rows.append(
                common
                | {
                    "record_type": record_type,
                    "position": position,
                    "name": name,
                    "rating": rating,
                    "text": text,
                }
            )
    return rows


def spreadsheet_cell(value):
    """Guard text against running as a formula; numbers stay numbers."""
    return as_text_cell(value) if isinstance(value, str) else value


def json_document(issue: Issue, outlooks: list[Outlook], absolute) -> dict:
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
        "outlooks": [
            {
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
            for o in outlooks
        ],
    }


class IssueDatasetView(View):
    """Download a published issue's dataset; `format` comes from the URL (csv or json)."""

    format = "csv"
    query_parameters = ()

    def get(self, request, volume, number):
        issue = get_published_issue(volume, number)
        response_keys.add_content(issue)
        response_keys.add(content_keys.issue_contents_key(issue.pk))
        outlooks = dataset_outlooks(issue)
        absolute = request.build_absolute_uri
        filename = f"outlook-{issue.slug}.{self.format}"
        if self.format == "json":
            response = HttpResponse(
                json.dumps(json_document(issue, outlooks, absolute), ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(
                {column: spreadsheet_cell(value) for column, value in row.items()}
                for row in csv_rows(issue, outlooks, absolute)
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
