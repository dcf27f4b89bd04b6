"""Comparisons built from outlooks' structured rows: across years, and side by side.

Both functions read the outlooks' prefetched rows (`Outlook.objects.with_page_data()`), so a
comparison costs no queries of its own.
"""

from dataclasses import dataclass, field

from outlook.models import EXPOSURE_SCORES, Outlook, SkillAssessment, TaskAssessment, task_key


@dataclass(frozen=True)
class TaskChange:
    """One task in two outlooks of a profession, matched by name."""

    name: str
    before: TaskAssessment | None
    after: TaskAssessment | None

    @property
    def direction(self) -> str:
        """Return "up", "down", "same", "new" or "dropped"."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "dropped"
        delta = EXPOSURE_SCORES[self.after.exposure] - EXPOSURE_SCORES[self.before.exposure]
        return "up" if delta > 0 else "down" if delta < 0 else "same"

    @property
    def description(self) -> str:
        return {
            "up": "More exposed",
            "down": "Less exposed",
            "same": "Unchanged",
            "new": "Newly assessed",
            "dropped": "No longer assessed",
        }[self.direction]


@dataclass(frozen=True)
class SkillMove:
    """A skill assessed in both outlooks."""

    before: SkillAssessment
    after: SkillAssessment

    @property
    def moved(self) -> bool:
        return self.before.verdict != self.after.verdict


@dataclass
class YearComparison:
    """One profession's outlooks in two years."""

    earlier: Outlook
    later: Outlook
    tasks: list[TaskChange] = field(default_factory=list)
    skills: list[SkillMove] = field(default_factory=list)

    @property
    def changed_tasks(self) -> list[TaskChange]:
        return [change for change in self.tasks if change.direction in {"up", "down"}]

    @property
    def other_tasks(self) -> list[TaskChange]:
        return [change for change in self.tasks if change.direction not in {"up", "down"}]

    @property
    def moved_skills(self) -> list[SkillMove]:
        return [move for move in self.skills if move.moved]

    @property
    def index_change(self) -> int | None:
        if self.earlier.exposure_index is None or self.later.exposure_index is None:
            return None
        return self.later.exposure_index - self.earlier.exposure_index


def compare_years(*, earlier: Outlook, later: Outlook) -> YearComparison:
    """Match the two outlooks' tasks by name and their skills by catalogue entry."""
    before = {task_key(t.task): t for t in earlier.task_assessments.all()}
    after = {task_key(t.task): t for t in later.task_assessments.all()}
    tasks = [TaskChange(name=t.task, before=before.get(key), after=t) for key, t in after.items()]
    tasks += [
        TaskChange(name=t.task, before=t, after=None)
        for key, t in before.items()
        if key not in after
    ]
    earlier_skills = {s.skill_id: s for s in earlier.skill_assessments.all()}
    skills = [
        SkillMove(before=earlier_skills[s.skill_id], after=s)
        for s in later.skill_assessments.all()
        if s.skill_id in earlier_skills
    ]
    return YearComparison(earlier=earlier, later=later, tasks=tasks, skills=skills)


@dataclass(frozen=True)
class SkillPair:
    """A skill and how each of two outlooks judges it (None: not assessed there)."""

    name: str
    left: SkillAssessment | None
    right: SkillAssessment | None


@dataclass
class SideBySide:
    """Two professions' outlooks in one issue."""

    left: Outlook
    right: Outlook
    skills: list[SkillPair] = field(default_factory=list)

    @property
    def shared_skills(self) -> list[SkillPair]:
        return [pair for pair in self.skills if pair.left and pair.right]

    @property
    def more_exposed(self) -> Outlook | None:
        """Return the outlook with the higher index, or None when they are level."""
        left, right = self.left.exposure_index, self.right.exposure_index
        if left is None or right is None or left == right:
            return None
        return self.left if left > right else self.right

    @property
    def less_exposed(self) -> Outlook | None:
        more = self.more_exposed
        return None if more is None else (self.right if more is self.left else self.left)


def compare_side_by_side(*, left: Outlook, right: Outlook) -> SideBySide:
    """Line up two outlooks' skills; their tasks are shown as they are."""
    left_skills = {s.skill_id: s for s in left.skill_assessments.all()}
    right_skills = {s.skill_id: s for s in right.skill_assessments.all()}
    names = {s.skill_id: s.skill.name for s in [*left_skills.values(), *right_skills.values()]}
    skills = [
        SkillPair(name=name, left=left_skills.get(pk), right=right_skills.get(pk))
        for pk, name in sorted(names.items(), key=lambda item: item[1].casefold())
    ]
    return SideBySide(left=left, right=right, skills=skills)
