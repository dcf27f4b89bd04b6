"""The full export of an issue: every outlook, whatever its state, with everything it holds.

One row per record in EXPORT_COLUMNS (outlook/transfer/issue_files.py), editor-only fields
included (outlook/transfer/issue_import.py reads the same file back), so exporting an issue
and importing the file into it changes nothing.
"""

import csv
import io

from outlook.models import Issue, Outlook
from outlook.reading.opendata import spreadsheet_cell as cell
from outlook.transfer.issue_files import EXPORT_COLUMNS, OPTIONAL_COLUMNS
from outlook.transfer.issue_import import BODY, OUTLOOK


def export_rows(issue: Issue) -> list[list]:
    """Return the header, then per outlook: its own row, its body, and its rows by kind."""
    outlooks = Outlook.objects.filter(issue=issue).with_page_data().order_by("profession__slug")
    rows = [EXPORT_COLUMNS]
    for outlook in outlooks:
        slug = outlook.profession.slug
        records = [(OUTLOOK, "", "", "", outlook.standfirst, {})]
        if outlook.body:
            records.append((BODY, "", "", "", outlook.body, {}))
        records += [("change", c.position, "", "", c.text, {}) for c in outlook.changes.all()]
        records += [
            ("task", t.position, t.task, t.exposure, t.rationale, {"aliases": t.aliases})
            for t in outlook.task_assessments.all()
        ]
        records += [
            ("skill", s.position, s.skill.slug, s.verdict, s.rationale, {"next_step": s.next_step})
            for s in outlook.skill_assessments.all()
        ]
        records += [("insight", i.position, "", "", i.text, {}) for i in outlook.insights.all()]
        for record_type, position, name, rating, text, optional in records:
            year = outlook.year if record_type == OUTLOOK else ""
            rows.append(
                [slug, year, record_type, position, name, rating, text]
                + [optional.get(column, "") for column in OPTIONAL_COLUMNS]
            )
    return rows


def export_csv(issue: Issue) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([cell(value) for value in row] for row in export_rows(issue))
    return out.getvalue().encode("utf-8")


def export_xlsx(issue: Issue) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(issue.slug)
    for row in export_rows(issue):
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
