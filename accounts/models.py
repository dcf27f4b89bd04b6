import re

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff; our own model from the start so it can grow without a migration swap."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username


class Seniority(models.TextChoices):
    STUDENT = "student", _("Student or graduate")
    JUNIOR = "junior", _("Junior (0–2 years)")
    MID = "mid", _("Mid-level (3–6 years)")
    SENIOR = "senior", _("Senior (7+ years)")
    LEAD = "lead", _("Lead or manager")


class SignupStatus(models.TextChoices):
    NEW = "new", _("New")
    REVIEWED = "reviewed", _("Reviewed")
    REPORT_SENT = "report_sent", _("Report sent")
    SPAM = "spam", _("Spam")


class ReportDelivery(models.TextChoices):
    """Where the report's email is: each send is tried at most once, never resent on its own."""

    NOT_ASKED = "", _("Not asked")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not sent (can be sent again)")
    UNKNOWN = "unknown", _("Outcome unknown: held for a reviewer")


# A report in one of these states may be asked for: never asked, or certainly not delivered.
REPORT_SENDABLE = [ReportDelivery.NOT_ASKED, ReportDelivery.FAILED]

# The statuses a signup reaches only once the reader has confirmed their address.
REVIEW_STATUSES = [SignupStatus.REVIEWED, SignupStatus.REPORT_SENT]


def normalize_email(email: str) -> str:
    """Return the one spelling of an address we store, so case never makes a duplicate."""
    return email.strip().lower()


class SignupQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def awaiting_review(self):
        """Return the confirmed signups no one has looked at yet."""
        return self.confirmed().filter(status=SignupStatus.NEW)


class Signup(models.Model):
    """A reader's request for a personalised report on one profession."""

    email = models.EmailField(
        _("email"), help_text=_("Stored in lower case: one signup per address and profession.")
    )
    profession = models.ForeignKey(
        "professions.Profession",
        on_delete=models.PROTECT,
        related_name="signups",
        verbose_name=_("profession"),
    )
    issue = models.ForeignKey(
        "outlook.Issue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signups",
        verbose_name=_("issue"),
        help_text=_("The issue whose outlook page the reader signed up on."),
    )
    seniority = models.CharField(
        _("seniority"),
        max_length=10,
        choices=Seniority.choices,
        blank=True,
        help_text=_("As the reader gave it; optional."),
    )
    tasks = models.TextField(
        _("their top tasks"),
        max_length=1000,
        blank=True,
        help_text=_("In the reader's words; matched against the outlook's tasks in the report."),
    )
    consented_at = models.DateTimeField(_("consented"), default=timezone.now)
    ip_hash = models.CharField(
        _("client address (keyed hash)"),
        max_length=64,
        blank=True,
        help_text=_("An HMAC of the address, to spot abuse without storing it."),
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SignupStatus.choices,
        default=SignupStatus.NEW,
        help_text=_("Only confirmed signups can be reviewed; “Report sent” is set by sending it."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("For staff only."))
    report_note = models.TextField(
        _("personal note"),
        max_length=2000,
        blank=True,
        help_text=_("Written by the reviewer to the reader; shown at the top of their report."),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    report_sent_at = models.DateTimeField(_("report sent"), null=True, blank=True)
    report_sent_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report sent by"),
    )
    report_error = models.TextField(
        _("last sending error"),
        blank=True,
        help_text=_("Why the last attempt to send the report failed or may have failed."),
    )
    report_delivery = models.CharField(
        _("report delivery"),
        max_length=10,
        choices=ReportDelivery.choices,
        blank=True,
        default=ReportDelivery.NOT_ASKED,
        help_text=_(
            "Set by sending: a send whose outcome is unknown is held until a reviewer says "
            "whether the report arrived."
        ),
    )
    report_requested_at = models.DateTimeField(_("report requested"), null=True, blank=True)
    report_requested_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report requested by"),
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signup")
        verbose_name_plural = _("signups")
        permissions = [("send_report", _("Can send personalised reports"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "profession",
                name="signup_unique_email_per_profession",
                violation_error_message=_(
                    "This address has already signed up for this profession."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignupStatus.values), name="signup_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(seniority__in=[*Seniority.values, ""]), name="signup_seniority_valid"
            ),
            models.CheckConstraint(
                condition=Q(report_delivery__in=ReportDelivery.values),
                name="signup_report_delivery_valid",
            ),
            # Only confirmed addresses enter review and receive a report.
            models.CheckConstraint(
                condition=~Q(status__in=REVIEW_STATUSES) | Q(confirmed_at__isnull=False),
                name="signup_review_needs_confirmation",
                violation_error_message=_(
                    "Only confirmed signups can be reviewed or sent a report."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "confirmed_at"], name="signup_status_confirmed"),
            # The admin's "confirmed" filter, on its own.
            models.Index(fields=["confirmed_at"], name="signup_confirmed_at"),
            # The admin's default order (newest first, id breaking ties), read page by page.
            models.Index(fields=["-created_at", "-id"], name="signup_created_id"),
            # The admin's "report delivery" filter (held reports wait for a reviewer there).
            models.Index(fields=["report_delivery"], name="signup_report_delivery"),
        ]

    def __str__(self):
        # No address here: the admin's history keeps this text after a reader deletes the row.
        return f"Signup #{self.pk} · {self.profession}"

    def clean(self):
        self.email = normalize_email(self.email)
        if self.status in REVIEW_STATUSES and self.confirmed_at is None:
            raise ValidationError(
                {"status": _("Only confirmed signups can be reviewed or sent a report.")}
            )

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def task_lines(self) -> list[str]:
        """Return the reader's tasks, one per line or comma, as they wrote them."""
        parts = re.split(r"[\n;,]+", self.tasks)
        return [part.strip(" -•*\t") for part in parts if part.strip(" -•*\t")]

    def set_status(self, status: str, *, by) -> None:
        """Change the status; leaving "new" records who reviewed it and when."""
        if status != SignupStatus.NEW and self.status == SignupStatus.NEW:
            self.reviewed_at = timezone.now()
            self.reviewed_by = by
        self.status = status


# Models kept in their own modules, by concern.
from accounts import profession_requests, report_archive, report_review  # noqa: E402, F401
