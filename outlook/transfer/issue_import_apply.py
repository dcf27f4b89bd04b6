"""Compare a checked import with the issue as stored (the dry run), and apply it through the gate.

Applying is one transaction: every outlook or none. Each outlook it creates or changes gets one
audit entry and one revision (outlook/revisions.py); outlooks it would leave as they are get
neither. New outlooks are drafts; a change to a live outlook is an edit of live content, so the
outlook must still be complete afterwards, and the dry run flags it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from outlook.models import (
    RELEASED,
    Insight,
    Issue,
    Outlook,
    SkillAssessment,
    TaskAssessment,
    WhatChanged,
)
from outlook.publishing import gate
from outlook.transfer.issue_files import OPTIONAL_COLUMNS
from outlook.transfer.issue_import import ROW_KINDS, ImportedOutlook, Problem, row_key
from professions.models import Profession, Skill

ROW_MODELS = {
    "change": WhatChanged,
    "task": TaskAssessment,
    "skill": SkillAssessment,
    "insight": Insight,
}
ROW_FIELDS = {
    "change": ("text",),
    "task": ("task", "exposure", "rationale"),
    "skill": ("skill", "verdict", "rationale"),
    "insight": ("text",),
}
CREATE, CHANGE, LEAVE, REMOVE = "create", "change", "leave", "remove"
# Fields of the outlook itself a file may carry.
OUTLOOK_FIELDS = ("year", "standfirst", "body")


def optional_fields(kind: str) -> list[str]:
    """Return the fields of `kind` a file may carry or leave out (OPTIONAL_COLUMNS)."""
    return [column for column, carrier in OPTIONAL_COLUMNS.items() if carrier == kind]


def stored_row(kind: str, row) -> dict:
    names = [*ROW_FIELDS[kind], *optional_fields(kind)]
    values = {name: getattr(row, name) for name in names if name != "skill"}
    if kind == "skill":
        values["skill"] = row.skill.slug
    return values | {"position": row.position}


def unchanged(kind: str, stored, new: dict) -> bool:
    """Whether a stored row already holds what the file gives (what it leaves out stays)."""
    values = stored_row(kind, stored)
    return all(values[name] == value for name, value in new.items())


def rows_of(outlook: Outlook, kind: str) -> list:
    related = ROW_MODELS[kind]._meta.get_field("outlook").related_query_name()
    return list(getattr(outlook, related).all()) if related else []


@dataclass
class RowDiff:
    """How one kind of row changes: rows to create, (stored, new) pairs, unchanged, removed."""

    create: list[dict] = field(default_factory=list)
    change: list[tuple] = field(default_factory=list)
    leave: int = 0
    remove: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.create or self.change or self.remove)


def diff_rows(kind: str, stored: list, wanted: list[dict]) -> RowDiff:
    by_key = {row_key(kind, stored_row(kind, row)): row for row in stored}
    # A row without a position (the open data has none) keeps its place; a new one goes last.
    next_position = max((row.position for row in stored), default=-1) + 1
    diff = RowDiff()
    for new in wanted:
        old = by_key.pop(row_key(kind, new), None)
        if new["position"] is None:
            new = new | {"position": old.position if old else next_position}
            next_position += old is None
        if old is None:
            diff.create.append(new)
        elif unchanged(kind, old, new):
            diff.leave += 1
        else:
            diff.change.append((old, new))
    diff.remove = list(by_key.values())
    return diff


@dataclass
class OutlookPlan:
    imported: ImportedOutlook
    outlook: Outlook | None
    year: int
    fields: dict = field(default_factory=dict)
    rows: dict[str, RowDiff] = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.outlook is None:
            return CREATE
        changed = self.fields or any(diff.changed for diff in self.rows.values())
        return CHANGE if changed else LEAVE

    @property
    def live(self) -> bool:
        """Whether applying it edits an outlook that is scheduled or published."""
        return self.outlook is not None and self.outlook.status in RELEASED

    @property
    def name(self) -> str:
        return self.outlook.headline if self.outlook else self.imported.profession_slug


def plan_outlook(imported: ImportedOutlook, outlook: Outlook | None, year: int) -> OutlookPlan:
    plan = OutlookPlan(imported=imported, outlook=outlook, year=year)
    wanted = {"year": year, "standfirst": imported.standfirst, "body": imported.body}
    for name in OUTLOOK_FIELDS:
        if wanted[name] is not None and (outlook is None or getattr(outlook, name) != wanted[name]):
            plan.fields[name] = wanted[name]
    for kind, rows in imported.rows.items():
        plan.rows[kind] = diff_rows(kind, rows_of(outlook, kind) if outlook else [], rows)
    return plan


def plan_import(
    *, issue: Issue, imported: list[ImportedOutlook], user
) -> tuple[list[OutlookPlan], list[Problem]]:
    """Return what applying would do to each outlook, and what stops it (for this user)."""
    slugs = [item.profession_slug for item in imported]
    stored = {
        outlook.profession.slug: outlook
        for outlook in Outlook.objects.filter(issue=issue, profession__slug__in=slugs)
        .with_page_data()
        .order_by()
    }
    years_taken = set(
        Outlook.objects.filter(profession__slug__in=slugs)
        .exclude(issue=issue)
        .values_list("profession__slug", "year")
    )
    plans, problems = [], []
    for item in imported:
        outlook = stored.get(item.profession_slug)
        year = item.year or (outlook.year if outlook else issue.year)
        plan = plan_outlook(item, outlook, year)
        plans.append(plan)
        problems += plan_problems(plan, user, (item.profession_slug, year) in years_taken)
    return plans, problems


def plan_problems(plan: OutlookPlan, user, year_taken: bool) -> list[Problem]:
    where, problems = plan.imported.where, []
    if year_taken:
        problems.append(
            Problem(
                where,
                _("This profession already has an outlook for %(year)d in another issue.")
                % {"year": plan.year},
            )
        )
    if plan.action == CREATE and not user.has_perm("outlook.add_outlook"):
        problems.append(Problem(where, _("You may not add outlooks.")))
    if plan.action == CHANGE and not gate.can_edit_outlook(user, plan.outlook):
        problems.append(
            Problem(
                where,
                _("You may not change “%(outlook)s” (%(state)s).")
                % {"outlook": plan.name, "state": plan.outlook.state_label.lower()},
            )
        )
    if plan.live:
        for kind in ("task", "skill"):
            if kind in plan.imported.rows and not plan.imported.rows[kind]:
                problems.append(
                    Problem(
                        where,
                        _("“%(outlook)s” is live: it needs at least one %(kind)s.")
                        % {"outlook": plan.name, "kind": kind},
                    )
                )
    return problems


def summary(plans: list[OutlookPlan]) -> dict:
    """Count outlooks and rows to create, change, leave (and rows to remove)."""
    counts = {
        "outlooks": {CREATE: 0, CHANGE: 0, LEAVE: 0},
        "rows": {CREATE: 0, CHANGE: 0, LEAVE: 0, REMOVE: 0},
    }
    for plan in plans:
        counts["outlooks"][plan.action] += 1
        for diff in plan.rows.values():
            counts["rows"][CREATE] += len(diff.create)
            counts["rows"][CHANGE] += len(diff.change)
            counts["rows"][LEAVE] += diff.leave
            counts["rows"][REMOVE] += len(diff.remove)
    counts["live"] = [plan.name for plan in plans if plan.live and plan.action == CHANGE]
    return counts


# Applying.


def new_row(kind: str, outlook: Outlook, values: dict, skills: dict):
    values = dict(values)
    if kind == "skill":
        values["skill_id"] = skills[values.pop("skill")]
    return ROW_MODELS[kind](outlook=outlook, **values)


def write_rows(outlook: Outlook, plan: OutlookPlan, skills: dict) -> None:
    """Bring the outlook's rows to the file's, in bulk; counts are refreshed by the caller."""
    for kind, diff in plan.rows.items():
        model = ROW_MODELS[kind]
        if diff.remove:
            model.objects.filter(pk__in=[row.pk for row in diff.remove]).delete()
        if diff.change:
            changed = [new_row(kind, outlook, new, skills) for _old, new in diff.change]
            for (old, _new), row in zip(diff.change, changed, strict=True):
                row.pk = old.pk
            carried = [
                name
                for name in optional_fields(kind)
                if any(name in new for _old, new in diff.change)
            ]
            model.objects.bulk_update(changed, ["position", *ROW_FIELDS[kind], *carried])
        if diff.create:
            model.objects.bulk_create([new_row(kind, outlook, row, skills) for row in diff.create])


def changed_names(plan: OutlookPlan) -> list[str]:
    names = [str(Outlook._meta.get_field(name).verbose_name) for name in plan.fields]
    names += [
        str(ROW_MODELS[kind]._meta.verbose_name_plural)
        for kind in ROW_KINDS
        if kind in plan.rows and plan.rows[kind].changed
    ]
    return names


# Checked for the whole file by plan_import (uniqueness, the year taken) and by the parser
# (ranges, choices); the issue, profession and writer are real rows. The database's named
# constraints still stand behind them.
CHECKED_BY_PLAN = ["issue", "profession", "writer"]


def save_revision(outlook: Outlook, *, user, label: str) -> None:
    """Record the outlook's one revision with its rows as they now are (read in 4 queries)."""
    prefetch_related_objects(
        [outlook],
        "changes",
        "task_assessments",
        "insights",
        Prefetch("skill_assessments", queryset=SkillAssessment.objects.select_related("skill")),
    )
    with reversion.create_revision():
        reversion.add_to_revision(outlook)
        reversion.set_user(user)
        reversion.set_comment(_("Imported from %(file)s.") % {"file": label})


def apply_plan(plan: OutlookPlan, *, issue: Issue, user, label: str, refs: dict) -> Outlook:
    """Create or change one outlook: gate checks, rows, one revision, one audit entry."""
    if plan.action == CREATE:
        outlook = Outlook(
            issue=issue, profession=refs["professions"][plan.imported.profession_slug]
        )
        for name, value in plan.fields.items():
            setattr(outlook, name, value)
        gate.check_create(user=user, obj=outlook)
        outlook.full_clean(
            exclude=CHECKED_BY_PLAN, validate_unique=False, validate_constraints=False
        )
    else:
        outlook = gate.check_edit(user=user, obj=plan.outlook)
        for name, value in plan.fields.items():
            setattr(outlook, name, value)
        outlook.full_clean()
    outlook.save()
    write_rows(outlook, plan, refs["skills"])
    Outlook.objects.filter(pk=outlook.pk).refresh_exposure_counts()
    save_revision(outlook, user=user, label=label)
    if plan.action == CREATE:
        gate.record_created(obj=outlook, user=user)
        return outlook
    missing = outlook.missing_for_publication() if outlook.status in RELEASED else []
    if missing:
        raise ValidationError(
            [_("“%(outlook)s” is live and must stay complete:") % {"outlook": outlook}, *missing]
        )
    gate.record_edit(obj=outlook, user=user, what=changed_names(plan))
    return outlook


@transaction.atomic
def apply_import(
    *,
    issue: Issue,
    imported: list[ImportedOutlook],
    user,
    label: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[OutlookPlan]:
    """Apply every outlook of a checked file to `issue`, or nothing; return the plans applied.

    `progress(done, total)` is called after each outlook; it must write outside this
    transaction (the cache) for anyone to see it before the end.
    """
    plans, problems = plan_import(issue=issue, imported=imported, user=user)
    if problems:
        raise ValidationError([str(problem) for problem in problems])
    refs = {
        "professions": Profession.objects.select_related("category").in_bulk(
            [item.profession_slug for item in imported], field_name="slug"
        ),
        "skills": dict(Skill.objects.values_list("slug", "pk")),
    }
    todo = [plan for plan in plans if plan.action != LEAVE]
    for done, plan in enumerate(todo, start=1):
        apply_plan(plan, issue=issue, user=user, label=label, refs=refs)
        if progress is not None:
            progress(done, len(todo))
    return plans
