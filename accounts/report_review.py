"""The reviewer's decisions on a report: which assessed task each of the reader's tasks is.

The matching rule (`accounts.task_matching`) only proposes; a reviewer confirms or changes
each match, and may add a personal note, before the report can be sent. A decision holds for
one outlook and one wording of the reader's task: when a newer outlook is published, or the
assessed task it points at is deleted, the match must be confirmed again.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Signup, User
from accounts.task_matching import Confidence
from outlook.models import Outlook, TaskAssessment


class ReviewedMatch(models.Model):
    """A reviewer's decision on one of the reader's tasks: an assessed task, or no match."""

    signup = models.ForeignKey(
        Signup,
        on_delete=models.CASCADE,
        related_name="reviewed_matches",
        verbose_name=_("signup"),
    )
    position = models.PositiveSmallIntegerField(_("position among the reader's tasks"))
    reader_task = models.TextField(_("the reader's task"), max_length=1000)
    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="+", verbose_name=_("outlook")
    )
    # Deleting the assessed task deletes the decision: the reader's task needs a new one.
    assessment = models.ForeignKey(
        TaskAssessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed task"),
        help_text=_("Empty: the reader is told we have not assessed this task."),
    )
    proposed_confidence = models.CharField(
        _("the rule's confidence"), max_length=10, choices=Confidence.choices
    )
    changed = models.BooleanField(
        _("changed by the reviewer"),
        default=False,
        help_text=_("The reviewer chose another assessed task, or none, than the rule proposed."),
    )
    confirmed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        ordering = ["signup", "position"]
        verbose_name = _("reviewed task match")
        verbose_name_plural = _("reviewed task matches")
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "position"], name="reviewed_match_one_per_reader_task"
            ),
            models.CheckConstraint(
                condition=models.Q(proposed_confidence__in=Confidence.values),
                name="reviewed_match_confidence_valid",
            ),
        ]

    def __str__(self):
        return f"{self.reader_task} → {self.assessment.task if self.assessment else '-'}"

    def clean(self):
        if self.assessment is not None and self.assessment.outlook_id != self.outlook_id:
            raise ValidationError(
                {"assessment": _("Pick one of the tasks assessed in the report's outlook.")}
            )


def confirm_matches(
    *,
    signup: Signup,
    outlook: Outlook,
    decisions: list[tuple[str, TaskAssessment | None, str, bool]],
    note: str,
    by: User,
) -> None:
    """Record the reviewer's match for each of the reader's tasks, and their personal note.

    `decisions` holds, in the order of `signup.task_lines`, (reader task, the chosen assessed
    task or None, the rule's confidence, whether the reviewer changed the rule's proposal).
    """
    with transaction.atomic():
        locked = Signup.objects.select_for_update().get(pk=signup.pk)
        if [task for task, *_rest in decisions] != locked.task_lines:
            raise ValueError("One decision per reader task, in the order of signup.task_lines.")
        locked.report_note = note
        locked.full_clean()
        locked.save(update_fields=["report_note", "updated_at"])
        ReviewedMatch.objects.filter(signup=locked).delete()
        now = timezone.now()
        for position, (reader_task, assessment, confidence, changed) in enumerate(decisions):
            match = ReviewedMatch(
                signup=locked,
                position=position,
                reader_task=reader_task,
                outlook=outlook,
                assessment=assessment,
                proposed_confidence=confidence,
                changed=changed,
                confirmed_by=by,
                confirmed_at=now,
            )
            match.full_clean()
            match.save()
