"""The rule matching a reader's own task to an assessed task, which editors steer with aliases.

Plain Python: wording is normalised (case, punctuation, stop words, a few English endings)
and compared with each assessed task's name and the other wordings editors keep for it
(`TaskAssessment.aliases`). Only names and aliases count, never rationales: a rationale saying
"people still review" does not make a reader's "Review pull requests" that task.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from outlook.models import TaskAssessment

# Words too common to say two task descriptions are about the same work.
STOPWORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "doing",
        "for",
        "from",
        "i",
        "in",
        "into",
        "is",
        "it",
        "me",
        "my",
        "new",
        "of",
        "on",
        "or",
        "other",
        "our",
        "the",
        "their",
        "them",
        "to",
        "use",
        "using",
        "we",
        "with",
        "work",
        "working",
        "you",
        "your",
    ]
)
# Endings taken off so "Designing systems" meets "Design system"; longest first.
ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "e")
SHORTEST_STEM = 3
# A partial match needs this much of the two wordings in common (Dice coefficient, 0–1): at
# least half of their words, so one shared word between two three-word tasks is not enough.
PARTIAL_THRESHOLD = 0.5


class Confidence(models.TextChoices):
    """How sure the rule is of a match, strongest first."""

    EXACT = "exact", _("Exact: the same wording")
    ALIAS = "alias", _("Alias: a wording editors gave this task")
    PARTIAL = "partial", _("Partial: most of the words in common")
    NONE = "none", _("None: no assessed task is close enough")


def stem(word: str) -> str:
    """Return the word without one common English ending, e.g. "queries" → "query"."""
    if word.endswith("ies") and len(word) - 3 >= SHORTEST_STEM:
        return word[:-3] + "y"
    for ending in ENDINGS:
        if ending == "s" and word.endswith("ss"):
            continue
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


def normalise(text: str) -> tuple[str, ...]:
    """Return the wording's meaningful stems in order: what two wordings are compared by."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return tuple(stem(word) for word in words if word not in STOPWORDS)


def overlap(first: tuple[str, ...], second: tuple[str, ...]) -> float:
    """Return the share of words two wordings have in common (Dice coefficient, 0–1)."""
    a, b = set(first), set(second)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class Proposal:
    """The assessed task the rule proposes for one of the reader's tasks, and how sure it is."""

    assessment: TaskAssessment | None
    confidence: str


NO_MATCH = Proposal(assessment=None, confidence=Confidence.NONE)


def propose_match(reader_task: str, assessments: list[TaskAssessment]) -> Proposal:
    """Return the best match: exact wording, then an alias, then the largest overlap."""
    wanted = normalise(reader_task)
    if not wanted:
        return NO_MATCH
    for assessment in assessments:
        if normalise(assessment.task) == wanted:
            return Proposal(assessment, Confidence.EXACT)
    for assessment in assessments:
        if any(normalise(alias) == wanted for alias in assessment.alias_lines):
            return Proposal(assessment, Confidence.ALIAS)
    best, best_score = None, 0.0
    for assessment in assessments:
        wordings = [assessment.task, *assessment.alias_lines]
        score = max(overlap(wanted, normalise(wording)) for wording in wordings)
        if score > best_score:
            best, best_score = assessment, score
    if best is None or best_score < PARTIAL_THRESHOLD:
        return NO_MATCH
    return Proposal(best, Confidence.PARTIAL)
