"""The personalised report: one published outlook, read against the reader's own tasks."""

import re
from dataclasses import dataclass

from accounts.models import Signup
from outlook.models import Outlook, TaskAssessment

# Words too common to say two task descriptions are about the same work.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "with",
        "my",
        "me",
        "i",
        "we",
        "you",
        "your",
        "do",
        "does",
        "doing",
        "make",
        "making",
        "work",
        "working",
        "new",
        "all",
        "other",
    ]
)
# Compare word stems this long, so "reviewing" meets "review" and "APIs" meets "API".
STEM_LENGTH = 5


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {word[:STEM_LENGTH] for word in words if len(word) > 2 and word not in STOPWORDS}


@dataclass(frozen=True)
class TaskMatch:
    """One task the reader listed, and the assessed task it maps to, if any."""

    reader_task: str
    assessment: TaskAssessment | None


@dataclass(frozen=True)
class Report:
    signup: Signup
    outlook: Outlook
    task_matches: list[TaskMatch]

    @property
    def matched_count(self) -> int:
        return sum(1 for match in self.task_matches if match.assessment)


def match_tasks(reader_tasks: list[str], assessments: list[TaskAssessment]) -> list[TaskMatch]:
    """Map each of the reader's tasks to the assessed task sharing most words with it."""
    candidates = [
        (_stems(f"{assessment.task} {assessment.rationale}"), _stems(assessment.task), assessment)
        for assessment in assessments
    ]
    matches = []
    for reader_task in reader_tasks:
        wanted = _stems(reader_task)
        best, best_score = None, 0
        for text_stems, task_stems, assessment in candidates:
            # Words in the task's own name count double: they say what the task is.
            score = len(wanted & text_stems) + len(wanted & task_stems)
            if score > best_score:
                best, best_score = assessment, score
        matches.append(TaskMatch(reader_task=reader_task, assessment=best))
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


def build_report(signup: Signup) -> Report | None:
    """Return the signup's report, or None while its profession has no published outlook."""
    outlook = published_outlook_for(signup)
    if outlook is None:
        return None
    return Report(
        signup=signup,
        outlook=outlook,
        task_matches=match_tasks(signup.task_lines, list(outlook.task_assessments.all())),
    )
