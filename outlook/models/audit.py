"""The audit log: who moved which content between which states, and when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outlook.models.issue import Issue
from outlook.models.outlook import Outlook


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    RESTORED = "restored", _("Restored a revision")
    RECOVERED = "recovered", _("Recovered after deletion")
    DELETED = "deleted", _("Deleted")
    LINKS_REVOKED = "links_revoked", _("Preview links revoked")
    SUBMITTED = "submitted", _("Submitted for review")
    WITHDRAWN = "withdrawn", _("Withdrawn from review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned to draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    MADE_CURRENT = "made_current", _("Made the current issue")
    COPY_REVIEWED = "copy_reviewed", _("Copied text reviewed")


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        """Return the entries about one issue or outlook, newest first."""
        field = "issue" if isinstance(obj, Issue) else "outlook"
        return self.filter(**{field: obj}).select_related("actor")


class AuditEntry(models.Model):
    """Who changed which content, from which state to which, and when. Written once."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="audit_entries",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    # The entry outlives what it describes: the links empty on deletion, the name stays.
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("issue"),
    )
    outlook = models.ForeignKey(
        Outlook,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("outlook"),
    )
    subject = models.CharField(_("what"), max_length=300)
    # States as words ("draft", "published", "deleted"): the entry outlives its object.
    from_state = models.CharField(_("from state"), max_length=20, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, blank=True)
    go_live_at = models.DateTimeField(_("go-live time"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="auditentry_action_valid"
            ),
            models.CheckConstraint(
                condition=Q(issue__isnull=True) | Q(outlook__isnull=True),
                name="auditentry_one_subject",
                violation_error_message=_("An audit entry is about an issue or an outlook."),
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"
