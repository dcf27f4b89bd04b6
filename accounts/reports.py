"""The personalised report: one published outlook, read against the reader's own tasks.

Each of the reader's tasks is matched by the rule in `accounts.task_matching`, then confirmed or
changed by a reviewer (`accounts.report_review`); only a report whose every match is confirmed
is sent. The reader's own index is the outlook's one exposure-index rule applied to their
matched tasks.
"""

from collections import Counter
from dataclasses import dataclass

from accounts.models import Signup, User
from accounts.task_matching import Proposal, propose_match
from outlook.models import Exposure, Outlook, SkillAssessment, SkillVerdict, TaskAssessment
from outlook.models.exposure import exposure_index
from outlook.reading.seo import SITE_NAME


@dataclass(frozen=True)
class TaskMatch:
    """One task the reader listed, the assessed task it is matched to (if any), and how.

    `proposal` is the rule's; `assessment` is the reviewer's choice once `confirmed`.
    """

    reader_task: str
    assessment: TaskAssessment | None
    proposal: Proposal
    confirmed: bool = False

    @property
    def confidence(self) -> str:
        return self.proposal.confidence

    @property
    def changed(self) -> bool:
        """Whether the reviewer chose another assessed task, or none, than the rule."""
        return self.assessment != self.proposal.assessment


@dataclass(frozen=True)
class Report:
    signup: Signup
    outlook: Outlook
    task_matches: list[TaskMatch]
    sign_off: str = SITE_NAME

    @property
    def note(self) -> str:
        return self.signup.report_note

    @property
    def matched_count(self) -> int:
        return sum(1 for match in self.task_matches if match.assessment)

    @property
    def all_confirmed(self) -> bool:
        return all(match.confirmed for match in self.task_matches)

    @property
    def personal_index(self) -> int | None:
        """Return the exposure index of the reader's matched tasks (None if none matched)."""
        counts = Counter(
            match.assessment.exposure for match in self.task_matches if match.assessment
        )
        return exposure_index(**{level: counts[level] for level in Exposure.values})

    @property
    def profession_index(self) -> int | None:
        return self.outlook.exposure_index

    @property
    def next_steps(self) -> list[SkillAssessment]:
        """Return the vulnerable skills editors wrote a next step for, in the outlook's order."""
        return [
            assessment
            for assessment in self.outlook.skill_assessments.all()
            if assessment.verdict == SkillVerdict.VULNERABLE and assessment.next_step.strip()
        ]


def match_tasks(reader_tasks: list[str], assessments: list[TaskAssessment]) -> list[TaskMatch]:
    """Return the rule's proposal for each of the reader's tasks, none of them confirmed."""
    matches = []
    for reader_task in reader_tasks:
        proposal = propose_match(reader_task, assessments)
        matches.append(TaskMatch(reader_task, proposal.assessment, proposal))
    return matches


def reviewed_task_matches(
    signup: Signup, outlook: Outlook, assessments: list[TaskAssessment]
) -> list[TaskMatch]:
    """Return each of the reader's tasks with the reviewer's decision, or else the rule's.

    A decision counts only for this outlook and the reader's task as it is worded now.
    """
    decisions = {
        decision.position: decision for decision in signup.reviewed_matches.filter(outlook=outlook)
    }
    by_id = {assessment.pk: assessment for assessment in assessments}
    matches = []
    for position, proposed in enumerate(match_tasks(signup.task_lines, assessments)):
        decision = decisions.get(position)
        if decision is None or decision.reader_task != proposed.reader_task:
            matches.append(proposed)
            continue
        matches.append(
            TaskMatch(
                reader_task=proposed.reader_task,
                assessment=by_id.get(decision.assessment_id),
                proposal=proposed.proposal,
                confirmed=True,
            )
        )
    return matches


def published_outlook_for(signup: Signup) -> Outlook | None:
    """Return the newest outlook readers may see for the signup's profession."""
    return (
        Outlook.objects.published()
        .with_page_data()
        .filter(profession=signup.profession_id)
        .order_by("-year", "-issue__publication_date")
        .first()
    )


def sign_off_for(sender: User | None) -> str:
    """Return the report's sign-off: the sending editor's name, for the publication."""
    name = (sender.get_full_name() or sender.username) if sender else ""
    return f"{name}, for {SITE_NAME}" if name else f"The editors of {SITE_NAME}"


def build_report(signup: Signup, *, sender: User | None = None) -> Report | None:
    """Return the signup's report, or None while its profession has no published outlook."""
    outlook = published_outlook_for(signup)
    if outlook is None:
        return None
    assessments = list(outlook.task_assessments.all())
    return Report(
        signup=signup,
        outlook=outlook,
        task_matches=reviewed_task_matches(signup, outlook, assessments),
        sign_off=sign_off_for(sender),
    )


def matches_confirmed(signup: Signup) -> bool:
    """Whether a reviewer has confirmed the match of each of the reader's tasks.

    Without a published outlook there is nothing to confirm: a send is tried, and fails
    saying why.
    """
    if not signup.task_lines:
        return True
    report = build_report(signup)
    return report is None or report.all_confirmed
