"""An uploaded issue import: checked when uploaded, applied later by a task."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    READY = "ready", _("Checked, not applied")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed: nothing changed")


class IssueImport(models.Model):
    """A file of outlooks for one issue, as checked (outlook/issue_import.py), and its fate."""

    issue = models.ForeignKey(
        "outlook.Issue", on_delete=models.CASCADE, related_name="imports", verbose_name=_("issue")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="issue_imports",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.READY
    )
    # The file's outlooks as checked (ImportedOutlook.as_dict), applied as they were shown.
    outlooks = models.JSONField(_("outlooks"), default=list, editable=False)
    result = models.TextField(_("result"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("issue import")
        verbose_name_plural = _("issue imports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="issueimport_status_valid"
            )
        ]

    def __str__(self):
        return f"{self.file_name} → {self.issue.masthead}"
