"""The files an issue goes in and out as: the sheet's columns, and reading an upload.

A file becomes plain records (a sheet's rows as dicts keyed by column, or the open-data JSON
document); outlook/transfer/issue_import.py checks them.
"""

import csv
import io
import json

from django.utils.translation import gettext as _

from outlook.reading.spreadsheets import from_text_cell

SHEET_COLUMNS = ["profession_slug", "year", "record_type", "position", "name", "rating", "text"]
# Editor-only fields, each in a column of its own named after the field, and the kind of row
# that carries it. Optional: a sheet without the column leaves the stored values as they are.
OPTIONAL_COLUMNS = {"aliases": "task", "next_step": "skill"}
EXPORT_COLUMNS = [*SHEET_COLUMNS, *OPTIONAL_COLUMNS]
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read at all (wrong format, no header, too large)."""


def read_file(name: str, content: bytes) -> tuple[str, list[tuple[str, dict]]] | tuple[str, dict]:
    """Return ("sheet", [(where, record)]) or ("json", document) for an uploaded file."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 20 MB."))
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "json":
        try:
            return "json", json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportFileError(
                _("This is not a JSON file: %(error)s") % {"error": error}
            ) from error
    if suffix == "xlsx":
        return "sheet", sheet_records(xlsx_rows(content))
    if suffix == "csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("The CSV file is not UTF-8 text.")) from None
        try:
            return "sheet", sheet_records(csv.reader(io.StringIO(text)))
        except csv.Error as error:
            raise ImportFileError(
                _("This is not a readable CSV file: %(error)s") % {"error": error}
            ) from error
    raise ImportFileError(_("Upload a .csv, .xlsx or .json file."))


def xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(
            _("This is not an XLSX workbook: %(error)s") % {"error": error}
        ) from error
    for values in workbook.worksheets[0].iter_rows(values_only=True):
        yield ["" if value is None else str(value) for value in values]


def sheet_records(rows) -> list[tuple[str, dict]]:
    rows = iter(rows)
    header = [cell.strip().lower() for cell in next(rows, [])]
    missing = [column for column in SHEET_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    records = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = list(cells) + [""] * (len(header) - len(cells))
        record = {name: from_text_cell(cells[i]) for i, name in enumerate(header)}
        records.append((_("row %(number)d") % {"number": number}, record))
    return records
