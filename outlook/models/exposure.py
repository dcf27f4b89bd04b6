"""The assessment scales, the exposure index (in Python and in SQL) and rankings built on it."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from outlook.models.outlook import Outlook


class Exposure(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class SkillVerdict(models.TextChoices):
    VULNERABLE = "vulnerable", _("Vulnerable")
    RESILIENT = "resilient", _("Resilient")


# The exposure index scores each task and averages the scores: 100 means every task is highly
# exposed, 0 that none is. The page that shows an index also shows this formula.
EXPOSURE_SCORES = {Exposure.HIGH: 100, Exposure.MEDIUM: 50, Exposure.LOW: 0}
EXPOSURE_INDEX_FORMULA = "(100 × high + 50 × medium + 0 × low) ÷ number of tasks"


def divide_rounding_half_up(numerator: int, denominator: int) -> int:
    """Return numerator ÷ denominator to the nearest whole number, halves up (62.5 → 63).

    As readers expect; round() would round halves to even. Indexes, medians and percentages
    on charts all round this way.
    """
    return (2 * numerator + denominator) // (2 * denominator)


def exposure_index(*, high: int, medium: int, low: int) -> int | None:
    """Return the 0–100 exposure index for these task counts, or None without tasks."""
    total = high + medium + low
    if not total:
        return None
    score = EXPOSURE_SCORES[Exposure.HIGH] * high + EXPOSURE_SCORES[Exposure.MEDIUM] * medium
    return divide_rounding_half_up(score, total)


@dataclass
class RankingEnds:
    """The two ends of an exposure ranking, for pages that cannot list every outlook.

    `top` and `bottom` hold (rank, outlook) pairs in ranking order; `hidden` counts the
    outlooks ranked between them, `total` every outlook of the ranking.
    """

    top: list
    bottom: list
    hidden: int
    total: int

    def __bool__(self):
        return bool(self.top)

    @property
    def outlooks(self) -> list["Outlook"]:
        return [outlook for _rank, outlook in self.top + self.bottom]

    @property
    def most_exposed(self) -> list["Outlook"]:
        return [outlook for rank, outlook in self.top if rank is not None]

    @property
    def least_exposed(self) -> list["Outlook"]:
        """Return the least exposed first, ties A–Z; outlooks without tasks are not ranked."""
        ranked = [outlook for rank, outlook in self.bottom if rank is not None]
        return sorted(ranked, key=lambda o: (o.exposure_index, o.profession.name))


def exposure_index_expression():
    """Return exposure_index() as SQL over an outlook's stored task counts.

    Integer arithmetic on both databases, so halves round up exactly as in Python.
    """
    high, medium, low = (F(f"{level}_count") for level in Exposure.values)
    total = high + medium + low
    score = EXPOSURE_SCORES[Exposure.HIGH] * high + EXPOSURE_SCORES[Exposure.MEDIUM] * medium
    return Case(
        When(Q(high_count=0, medium_count=0, low_count=0), then=Value(None)),
        default=(2 * score + total) / (2 * total),
        output_field=models.IntegerField(),
    )


def ranked_pair(outlook: "Outlook") -> tuple[int | None, "Outlook"]:
    """Return (rank, outlook) from with_exposure_rank(): outlooks without tasks are unranked."""
    return (None if outlook.ranking_index is None else outlook.exposure_rank, outlook)
