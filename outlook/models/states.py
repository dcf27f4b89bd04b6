"""Publication states: what an issue or outlook can be, and the columns that hold it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


# Approved states: public from `go_live_at` on. SCHEDULED and PUBLISHED differ only in what the
# editor asked for (a later time or now); readers' visibility is decided at query time.
RELEASED = (PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHED)


def status_constraints(name: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(status__in=PublicationStatus.values), name=f"{name}_status_valid"
        ),
        models.CheckConstraint(
            condition=~Q(status__in=RELEASED) | Q(go_live_at__isnull=False),
            name=f"{name}_released_has_go_live",
            violation_error_message=_("A scheduled or published item needs a go-live time."),
        ),
    ]


def status_field():
    """The publication state column issues and outlooks share; changed only by the gate."""
    return models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )


def go_live_field():
    return models.DateTimeField(
        _("go-live time"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When readers first see it. Set by scheduling or publishing."),
    )


def preview_generation_field():
    return models.PositiveIntegerField(
        _("preview links generation"),
        default=0,
        editable=False,
        help_text=_("Shared preview links carry it; a state change or a revocation moves it on."),
    )


def clean_go_live(instance) -> None:
    if instance.status in RELEASED and instance.go_live_at is None:
        raise ValidationError({"status": _("A scheduled or published item needs a go-live time.")})


class PublishableMixin:
    """What issues and outlooks share about their own go-live state."""

    @property
    def is_live(self) -> bool:
        """Whether this item itself has gone live (its issue aside)."""
        from outlook.publishing.visibility import has_gone_live

        return has_gone_live(self)

    @property
    def state_label(self) -> str:
        """Return the state an editor should read: a past schedule shows as published."""
        if self.status == PublicationStatus.SCHEDULED and self.is_live:
            return str(PublicationStatus.PUBLISHED.label)
        return self.get_status_display()
