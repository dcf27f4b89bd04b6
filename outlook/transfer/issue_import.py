"""Read a whole issue from a spreadsheet (CSV, XLSX) or the open-data JSON, and check it.

A file becomes a list of ImportedOutlook, one per profession, or a report of what is wrong
with it, row by row. Nothing here writes: outlook/issue_import_apply.py compares and applies.

The spreadsheet is the full export (outlook/transfer/issue_export.py): one row per record,
the columns of outlook/transfer/issue_files.py, editor-only fields included. It carries
everything an outlook holds, so each kind of row it lists replaces that kind on the outlook.
The open-data JSON carries only what readers see (standfirst, tasks, skills, insights): the
body, "what changed" and the editor-only fields are left as they are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from outlook.models import (
    MAX_YEAR,
    MIN_YEAR,
    Exposure,
    Insight,
    Outlook,
    SkillAssessment,
    SkillVerdict,
    TaskAssessment,
    WhatChanged,
    task_key,
)
from outlook.transfer.issue_files import OPTIONAL_COLUMNS, ImportFileError, read_file
from professions.models import Profession, Skill

# Record types of a sheet: the outlook's own text, then its rows by kind.
OUTLOOK, BODY = "outlook", "body"
ROW_KINDS = ("change", "task", "skill", "insight")


@dataclass
class ImportedOutlook:
    """One profession's outlook as the file gives it; None means "not carried by the file"."""

    profession_slug: str
    where: str
    year: int | None = None
    standfirst: str | None = None
    body: str | None = None
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return self.__dict__.copy()

    @classmethod
    def from_dict(cls, data: dict) -> "ImportedOutlook":
        return cls(**data)


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}"


def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def row_key(kind: str, row: dict) -> str:
    """Return what matches a file's row to a stored row of the same outlook."""
    if kind == "task":
        return task_key(row["task"])
    if kind == "skill":
        return row["skill"]
    return row["text"]


# Checking records and grouping them into outlooks.


class Checker:
    """Collect problems while turning records into ImportedOutlooks."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.professions = set(Profession.objects.values_list("slug", flat=True))
        self.skills = dict(Skill.objects.values_list("slug", "slug"))
        self.skills |= {
            name.casefold(): slug for name, slug in Skill.objects.values_list("name", "slug")
        }

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def text(self, where, value, *, label, limit, required=True) -> str | None:
        # Kept as written (not stripped): an exported file must import back unchanged.
        value = "" if value is None else str(value)
        if required and not value.strip():
            self.fail(where, _("%(label)s is missing.") % {"label": label})
            return None
        if limit and len(value) > limit:
            self.fail(
                where,
                _("%(label)s is longer than %(limit)d characters.")
                % {"label": label, "limit": limit},
            )
            return None
        return value

    def number(self, where, value, *, label, low, high) -> int | None:
        value = str(value if value is not None else "").strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not number.is_integer() or not low <= number <= high:
            self.fail(
                where,
                _("%(label)s must be a whole number from %(low)d to %(high)d, not “%(value)s”.")
                % {"label": label, "low": low, "high": high, "value": value},
            )
            return None
        return int(number)

    def choice(self, where, value, *, choices, label) -> str | None:
        wanted = (value or "").strip().casefold()
        for code, text in choices:
            if wanted in (code, str(text).casefold()):
                return code
        self.fail(
            where,
            _("%(label)s must be one of %(choices)s, not “%(value)s”.")
            % {"label": label, "choices": ", ".join(c for c, _t in choices), "value": value},
        )
        return None

    def skill(self, where, value) -> str | None:
        slug = self.skills.get((value or "").strip()) or self.skills.get(
            (value or "").strip().casefold()
        )
        if slug is None:
            self.fail(where, _("Unknown skill “%(skill)s”.") % {"skill": value})
        return slug

    def optional(self, where: str, kind: str, record: dict) -> dict:
        """Return the optional columns the record carries for its kind of row, checked.

        A value in a column another kind of row carries is refused rather than dropped.
        """
        values = {}
        for column, carrier in OPTIONAL_COLUMNS.items():
            if column not in record:
                continue
            label = _("The “%(column)s” column") % {"column": column}
            if kind != carrier:
                if str(record[column] or "").strip():
                    self.fail(
                        where,
                        _("%(label)s is for %(kind)s rows only.")
                        % {"label": label, "kind": carrier},
                    )
                continue
            model = TaskAssessment if carrier == "task" else SkillAssessment
            values[column] = self.text(
                where, record[column], label=label, limit=max_length(model, column), required=False
            )
        return values

    def row(
        self, kind: str, where: str, name, rating, text, position, optional=None
    ) -> dict | None:
        """Return one checked row of `kind`, or None (its problems recorded).

        `optional` holds the row's checked optional columns (None where one failed).
        """
        problems = len(self.problems)
        if kind == "task":
            row = {
                "task": self.text(
                    where, name, label=_("The task"), limit=max_length(TaskAssessment, "task")
                ),
                "exposure": self.choice(
                    where, rating, choices=Exposure.choices, label=_("The exposure level")
                ),
                "rationale": self.text(
                    where,
                    text,
                    label=_("The rationale"),
                    limit=max_length(TaskAssessment, "rationale"),
                ),
            }
        elif kind == "skill":
            row = {
                "skill": self.skill(where, name),
                "verdict": self.choice(
                    where, rating, choices=SkillVerdict.choices, label=_("The verdict")
                ),
                "rationale": self.text(
                    where,
                    text,
                    label=_("The rationale"),
                    limit=max_length(SkillAssessment, "rationale"),
                ),
            }
        else:
            model = WhatChanged if kind == "change" else Insight
            row = {
                "text": self.text(where, text, label=_("The text"), limit=max_length(model, "text"))
            }
        row["position"] = position
        row |= optional or {}
        return row if len(self.problems) == problems else None

    def add_row(self, imported: ImportedOutlook, kind: str, where: str, row: dict | None) -> None:
        rows = imported.rows.setdefault(kind, [])
        if row is None:
            return
        if kind in ("task", "skill") and any(
            row_key(kind, other) == row_key(kind, row) for other in rows
        ):
            label = _("task") if kind == "task" else _("skill")
            self.fail(
                where,
                _("Duplicate %(kind)s “%(name)s” in %(profession)s.")
                % {"kind": label, "name": row[kind], "profession": imported.profession_slug},
            )
            return
        rows.append(row)

    def profession(self, where: str, slug: str) -> bool:
        if slug not in self.professions:
            self.fail(where, _("Unknown profession “%(slug)s”.") % {"slug": slug})
            return False
        return True


def check_sheet(records: list[tuple[str, dict]]) -> tuple[list[ImportedOutlook], list[Problem]]:
    """Group a sheet's records by profession, checking each; return outlooks and problems."""
    checker = Checker()
    outlooks: dict[str, ImportedOutlook] = {}
    for where, record in records:
        slug = record.get("profession_slug", "").strip()
        kind = record.get("record_type", "").strip().lower()
        if not checker.profession(where, slug):
            continue
        imported = outlooks.setdefault(slug, ImportedOutlook(profession_slug=slug, where=where))
        position = checker.number(
            where, record.get("position"), label=_("The position"), low=0, high=32767
        )
        optional = checker.optional(where, kind, record)
        if kind == OUTLOOK:
            if imported.standfirst is not None:
                checker.fail(where, _("A second outlook row for “%(slug)s”.") % {"slug": slug})
                continue
            imported.where = where
            imported.year = checker.number(
                where, record.get("year"), label=_("The year"), low=MIN_YEAR, high=MAX_YEAR
            )
            imported.standfirst = checker.text(
                where,
                record.get("text"),
                label=_("The standfirst"),
                limit=max_length(Outlook, "standfirst"),
            )
        elif kind == BODY:
            imported.body = record.get("text", "")
        elif kind in ROW_KINDS:
            position = len(imported.rows.get(kind, [])) if position is None else position
            row = checker.row(
                kind,
                where,
                record.get("name"),
                record.get("rating"),
                record.get("text"),
                position,
                optional,
            )
            checker.add_row(imported, kind, where, row)
        else:
            checker.fail(
                where,
                _("Unknown record type “%(kind)s”: use %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join((OUTLOOK, BODY, *ROW_KINDS))},
            )
    for imported in outlooks.values():
        if imported.standfirst is None and not any(
            p.where == imported.where for p in checker.problems
        ):
            checker.fail(
                imported.where,
                _("No outlook row (its standfirst) for “%(slug)s”.")
                % {"slug": imported.profession_slug},
            )
        # The sheet is the whole outlook: a kind it lists no row of is empty.
        for kind in ROW_KINDS:
            imported.rows.setdefault(kind, [])
        if imported.body is None:
            imported.body = ""
    return list(outlooks.values()), checker.problems


def check_json(document) -> tuple[list[ImportedOutlook], list[Problem]]:
    """Check an open-data document; it carries standfirst, tasks, skills and insights only."""
    checker = Checker()
    entries = document.get("outlooks") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ImportFileError(_("The JSON has no “outlooks” list: is it an issue's open data?"))
    outlooks, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        where = _("outlook %(number)d") % {"number": number}
        if not isinstance(entry, dict):
            checker.fail(where, _("An outlook must be an object."))
            continue
        profession = entry.get("profession")
        slug = str(profession.get("slug", "")) if isinstance(profession, dict) else ""
        if not checker.profession(where, slug):
            continue
        if slug in seen:
            checker.fail(where, _("A second outlook for “%(slug)s”.") % {"slug": slug})
            continue
        seen.add(slug)
        imported = ImportedOutlook(profession_slug=slug, where=where)
        imported.year = checker.number(
            where, entry.get("year"), label=_("The year"), low=MIN_YEAR, high=MAX_YEAR
        )
        imported.standfirst = checker.text(
            where,
            entry.get("standfirst"),
            label=_("The standfirst"),
            limit=max_length(Outlook, "standfirst"),
        )
        for kind, values in (
            ("task", entry.get("tasks") or []),
            ("skill", entry.get("skills") or []),
            ("insight", entry.get("insights") or []),
        ):
            imported.rows[kind] = []
            for number, value in enumerate(values, start=1):
                row_where = f"{where}, {kind} {number}"
                if kind == "insight":
                    value = {"text": value}
                if not isinstance(value, dict):
                    checker.fail(row_where, _("Each %(kind)s must be an object.") % {"kind": kind})
                    continue
                row = checker.row(
                    kind,
                    row_where,
                    value.get("task") or value.get("slug") or value.get("skill"),
                    value.get("exposure") or value.get("verdict"),
                    value.get("rationale", value.get("text")),
                    None,
                )
                checker.add_row(imported, kind, row_where, row)
        outlooks.append(imported)
    return outlooks, checker.problems


def parse_upload(name: str, content: bytes) -> tuple[list[ImportedOutlook], list[Problem]]:
    """Return the file's outlooks and its problems (an unreadable file is one problem)."""
    try:
        kind, data = read_file(name, content)
    except ImportFileError as error:
        return [], [Problem(_("file"), str(error))]
    try:
        return check_json(data) if kind == "json" else check_sheet(data)
    except ImportFileError as error:
        return [], [Problem(_("file"), str(error))]
