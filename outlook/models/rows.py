"""The ordered rows of an outlook (what changed, tasks, skills, insights) and its corrections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outlook.models.exposure import Exposure, SkillVerdict
from outlook.models.outlook import Outlook


class OutlookPart(models.Model):
    """An ordered row that belongs to one outlook."""

    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.touch_outlook()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.touch_outlook()
        return deleted

    def touch_outlook(self) -> None:
        # A row is part of its outlook's text: the outlook's version moves with it, so an
        # editor holding an older copy of the outlook is told (outlook/publishing/revisions.py).
        Outlook.objects.filter(pk=self.outlook_id).update(updated_at=timezone.now())


class WhatChanged(OutlookPart):
    """One bullet of an outlook's "What changed this year"."""

    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="changes", verbose_name=_("outlook")
    )
    text = models.TextField(_("text"), max_length=600)

    class Meta(OutlookPart.Meta):
        verbose_name = _("what changed")
        verbose_name_plural = _("what changed")

    def __str__(self):
        return self.text


def task_key(name: str) -> str:
    """Return what tasks of two outlooks are matched by: case and spacing do not count.

    Readers' year comparisons and the editors' "what moved since last year" both use it, so
    a task written "Prepare returns" one year and "prepare  returns" the next is one task.
    """
    return " ".join(name.split()).casefold()


# Labels by stored value, built once; each stays lazy, so it is translated when shown.
EXPOSURE_LABELS = dict(Exposure.choices)
VERDICT_LABELS = dict(SkillVerdict.choices)


class TaskAssessment(OutlookPart):
    """A task of the profession, and how exposed it is to AI this year."""

    outlook = models.ForeignKey(
        Outlook,
        on_delete=models.CASCADE,
        related_name="task_assessments",
        verbose_name=_("outlook"),
    )
    task = models.CharField(_("task"), max_length=200)
    exposure = models.CharField(_("AI exposure"), max_length=10, choices=Exposure.choices)
    rationale = models.TextField(_("rationale"), max_length=1000)
    aliases = models.TextField(
        _("other wordings"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Other ways readers name this task, one per line. A reader's task worded like one "
            "of these is matched to this task in their personalised report."
        ),
    )

    class Meta(OutlookPart.Meta):
        verbose_name = _("task assessment")
        verbose_name_plural = _("task assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["outlook", "task"],
                name="task_unique_per_outlook",
                violation_error_message=_("This task is already assessed in this outlook."),
            ),
            models.CheckConstraint(
                condition=Q(exposure__in=Exposure.values), name="task_exposure_valid"
            ),
        ]
        # Exposure counts per outlook (index, summaries) and the admin's exposure filter.
        indexes = [models.Index(fields=["outlook", "exposure"], name="task_outlook_exposure")]

    def __str__(self):
        return f"{self.task} ({self.get_exposure_display()})"

    def get_exposure_display(self) -> str:
        """Return the level's label (Django's own rebuilds the choices on every call)."""
        return EXPOSURE_LABELS.get(self.exposure, self.exposure)

    @property
    def alias_lines(self) -> list[str]:
        """Return the other wordings editors keep for this task, one per line."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class SkillAssessment(OutlookPart):
    """Whether a catalogue skill is vulnerable or resilient for this outlook's profession."""

    outlook = models.ForeignKey(
        Outlook,
        on_delete=models.CASCADE,
        related_name="skill_assessments",
        verbose_name=_("outlook"),
    )
    skill = models.ForeignKey(
        "professions.Skill",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("skill"),
    )
    verdict = models.CharField(_("verdict"), max_length=12, choices=SkillVerdict.choices)
    rationale = models.TextField(_("why"), max_length=1000)
    next_step = models.TextField(
        _("next step"),
        max_length=600,
        blank=True,
        help_text=_(
            "For a vulnerable skill: one thing a reader can do about it. Shown in personalised "
            "reports."
        ),
    )

    class Meta(OutlookPart.Meta):
        verbose_name = _("skill assessment")
        verbose_name_plural = _("skill assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["outlook", "skill"],
                name="skill_unique_per_outlook",
                violation_error_message=_("This skill is already assessed in this outlook."),
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=SkillVerdict.values), name="skill_verdict_valid"
            ),
        ]

    def __str__(self):
        return f"{self.skill} ({self.get_verdict_display()})"

    def get_verdict_display(self) -> str:
        """Return the verdict's label (Django's own rebuilds the choices on every call)."""
        return VERDICT_LABELS.get(self.verdict, self.verdict)


class Insight(OutlookPart):
    """An editor-written key insight, shown before the derived ones."""

    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="insights", verbose_name=_("outlook")
    )
    text = models.TextField(_("text"), max_length=600)

    class Meta(OutlookPart.Meta):
        verbose_name = _("key insight")
        verbose_name_plural = _("key insights")

    def __str__(self):
        return self.text


class Correction(models.Model):
    """A dated note appended to a published outlook, so readers see what was put right."""

    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("outlook")
    )
    text = models.TextField(
        _("correction"),
        max_length=1000,
        help_text=_("What was wrong and what the page now says. Shown at the foot of the page."),
    )
    created_at = models.DateTimeField(
        _("dated"),
        default=timezone.now,
        help_text=_("When the correction was made; it becomes the page's modified date."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.text

    def clean(self):
        # A correction puts a published page right; a draft is simply edited.
        if self.outlook_id and not self.outlook.is_published:
            raise ValidationError(
                _("Corrections are for published outlooks; edit a draft directly instead.")
            )
