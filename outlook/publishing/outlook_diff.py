"""What differs between two states of an outlook, in words an editor reads at a glance.

One comparison serves two screens: the revision history (this outlook then and now) and a new
year's outlook (this profession last year and this year), which also turns the differences
into draft "What changed" bullets.
"""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from outlook.models import (
    Exposure,
    Insight,
    Outlook,
    SkillAssessment,
    SkillVerdict,
    TaskAssessment,
    WhatChanged,
    exposure_index,
    task_key,
)
from professions.models import Skill

TEXT_FIELDS = {"standfirst": "Standfirst", "body": "Longer analysis"}
LIST_SECTIONS = {"changes": "What changed", "insights": "Key insights"}


@dataclass(frozen=True)
class Snapshot:
    """The parts of an outlook editors change, keyed the way editors think of them."""

    year: int
    status: str
    standfirst: str
    body: str
    tasks: dict[str, tuple[str, str]]  # task -> (exposure, rationale)
    skills: dict[str, tuple[str, str]]  # skill name -> (verdict, rationale)
    changes: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()


def snapshot_of_outlook(outlook: Outlook) -> Snapshot:
    """Return the outlook as it is now; cheap on an outlook fetched `with_page_data()`."""
    return Snapshot(
        year=outlook.year,
        status=outlook.status,
        standfirst=outlook.standfirst,
        body=outlook.body,
        tasks={t.task: (t.exposure, t.rationale) for t in outlook.task_assessments.all()},
        skills={s.skill.name: (s.verdict, s.rationale) for s in outlook.skill_assessments.all()},
        changes=tuple(c.text for c in outlook.changes.all()),
        insights=tuple(i.text for i in outlook.insights.all()),
    )


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row.get("position", 0), int(row["id"])))


def snapshot_of_version(version) -> Snapshot:
    """Return the outlook as a django-reversion version of it recorded it, rows included."""
    outlook = version.field_dict
    rows: dict[type, list[dict]] = {}
    for row_version in version.revision.version_set.all():
        model = row_version._model
        if model is Outlook:
            continue
        data = row_version.field_dict
        if str(data.get("outlook_id")) == str(outlook["id"]):
            rows.setdefault(model, []).append(data)
    skill_rows = _ordered(rows.get(SkillAssessment, []))
    names = Skill.objects.in_bulk([row["skill_id"] for row in skill_rows])
    return Snapshot(
        year=outlook["year"],
        status=outlook["status"],
        standfirst=outlook["standfirst"],
        body=outlook["body"],
        tasks={
            row["task"]: (row["exposure"], row["rationale"])
            for row in _ordered(rows.get(TaskAssessment, []))
        },
        skills={
            (names[row["skill_id"]].name if row["skill_id"] in names else "A deleted skill"): (
                row["verdict"],
                row["rationale"],
            )
            for row in skill_rows
        },
        changes=tuple(row["text"] for row in _ordered(rows.get(WhatChanged, []))),
        insights=tuple(row["text"] for row in _ordered(rows.get(Insight, []))),
    )


def word_diff(before: str, after: str) -> SafeString:
    """Return `after` with words removed since `before` in <del> and added ones in <ins>."""
    old, new = before.split(), after.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped above


@dataclass(frozen=True)
class Difference:
    section: str
    item: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"

    @property
    def diff(self) -> SafeString:
        return word_diff(self.before, self.after)


@dataclass
class Comparison:
    """The differences between an earlier and a later snapshot of an outlook."""

    before: Snapshot
    after: Snapshot
    differences: list[Difference] = field(default_factory=list)

    def __post_init__(self):
        self.differences = [
            *self._text_fields(),
            *self._keyed("Tasks", self.before.tasks, self.after.tasks, Exposure),
            *self._keyed("Skills", self.before.skills, self.after.skills, SkillVerdict),
            *self._lists(),
        ]

    def _text_fields(self):
        if self.before.status != self.after.status:
            yield Difference("Status", "", self.before.status, self.after.status)
        for name, label in TEXT_FIELDS.items():
            before, after = getattr(self.before, name), getattr(self.after, name)
            if before != after:
                yield Difference(label, "", before, after)

    @staticmethod
    def _describe(value: tuple[str, str] | None, choices) -> str:
        if value is None:
            return ""
        level, rationale = value
        return f"{choices(level).label.upper()}: {rationale}"

    def _keyed(self, section, before: dict, after: dict, choices):
        for name in [*before, *(name for name in after if name not in before)]:
            if before.get(name) != after.get(name):
                yield Difference(
                    section,
                    name,
                    self._describe(before.get(name), choices),
                    self._describe(after.get(name), choices),
                )

    def _lists(self):
        for name, label in LIST_SECTIONS.items():
            before, after = getattr(self.before, name), getattr(self.after, name)
            for text in before:
                if text not in after:
                    yield Difference(label, "", text, "")
            for text in after:
                if text not in before:
                    yield Difference(label, "", "", text)

    @property
    def exposure_moves(self) -> list[tuple[str, str, str]]:
        """Return (task, exposure before, exposure after) for tasks whose exposure moved.

        Tasks match as readers' year comparisons match them (task_key), not letter for letter.
        """
        before = {task_key(task): exposure for task, (exposure, _) in self.before.tasks.items()}
        return [
            (task, before[task_key(task)], exposure)
            for task, (exposure, _rationale) in self.after.tasks.items()
            if before.get(task_key(task), exposure) != exposure
        ]

    @property
    def skill_switches(self) -> list[tuple[str, str, str]]:
        """Return (skill, verdict before, verdict after) for skills that changed side."""
        return [
            (skill, self.before.skills[skill][0], verdict)
            for skill, (verdict, _rationale) in self.after.skills.items()
            if skill in self.before.skills and self.before.skills[skill][0] != verdict
        ]

    @property
    def new_and_dropped_tasks(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Return (task, exposure) assessed only this time, and only the time before."""
        before = {task_key(task) for task in self.before.tasks}
        after = {task_key(task) for task in self.after.tasks}
        return (
            [(t, e) for t, (e, _r) in self.after.tasks.items() if task_key(t) not in before],
            [(t, e) for t, (e, _r) in self.before.tasks.items() if task_key(t) not in after],
        )

    @property
    def index_move(self) -> tuple[int, int] | None:
        """Return the exposure index before and after, if it moved (the one formula)."""
        before, after = (
            exposure_index(**{level: levels.count(level) for level in Exposure.values})
            for levels in (
                [exposure for exposure, _r in snapshot.tasks.values()]
                for snapshot in (self.before, self.after)
            )
        )
        if before is None or after is None or before == after:
            return None
        return before, after

    @property
    def suggested_changes(self) -> list[str]:
        """Return draft "What changed" bullets for a new year's outlook, from its data."""
        since = self.before.year
        new, dropped = self.new_and_dropped_tasks
        bullets = [
            f"Newly assessed: {task}, at {Exposure(level).label.lower()} AI exposure."
            for task, level in new
        ]
        bullets += [f"{task} is no longer assessed, as it was in {since}." for task, _e in dropped]
        bullets += [
            f"{task} moved from {Exposure(old).label.lower()} to "
            f"{Exposure(new).label.lower()} AI exposure since {since}."
            for task, old, new in self.exposure_moves
        ]
        bullets += [
            f"{skill} is now {SkillVerdict(new).label.lower()} to AI, "
            f"where in {since} it was {SkillVerdict(old).label.lower()}."
            for skill, old, new in self.skill_switches
        ]
        if self.index_move:
            old, new = self.index_move
            direction = "rose" if new > old else "fell"
            bullets.append(f"The exposure index {direction} from {old} to {new} since {since}.")
        return bullets


def with_rows(outlook: Outlook) -> Outlook:
    """Return the saved `outlook` fetched `with_page_data()`, once per instance."""
    if not hasattr(outlook, "_with_rows"):
        outlook._with_rows = Outlook.objects.with_page_data().get(pk=outlook.pk)
    return outlook._with_rows


def compare_with_previous(outlook: Outlook) -> Comparison | None:
    """Compare a saved outlook with its profession's previous one (None if it has none)."""
    if not outlook.pk:
        return None
    if not hasattr(outlook, "_comparison_with_previous"):
        previous = outlook.previous_outlook
        outlook._comparison_with_previous = (
            Comparison(
                before=snapshot_of_outlook(previous),
                after=snapshot_of_outlook(with_rows(outlook)),
            )
            if previous
            else None
        )
    return outlook._comparison_with_previous
