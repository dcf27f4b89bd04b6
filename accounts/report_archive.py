"""An archive of exactly what each reader was sent: the report as rendered at send time.

A report is rebuilt from the newest published outlook whenever it is previewed, so the preview
drifts as editors work. What left for the reader is stored once the message is handed to the
mail server (sent, or held because the outcome is unknown), and never changes after.
"""

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Signup


class SentReport(models.Model):
    """One report email as it was handed to the mail server."""

    signup = models.ForeignKey(
        Signup,
        on_delete=models.CASCADE,
        related_name="sent_reports",
        verbose_name=_("signup"),
        help_text=_("Deleting a signup deletes what it was sent: the reader's data goes too."),
    )
    to = models.TextField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    text_body = models.TextField(_("text version"))
    html_body = models.TextField(_("HTML version"), blank=True)
    handed_over_at = models.DateTimeField(_("handed to the mail server"), auto_now_add=True)

    class Meta:
        ordering = ["-handed_over_at", "-id"]
        verbose_name = _("sent report")
        verbose_name_plural = _("sent reports")

    def __str__(self):
        return f"Report sent to {self.signup} at {self.handed_over_at:%Y-%m-%d %H:%M:%S}"

    def get_admin_url(self) -> str:
        return reverse("admin:accounts_signup_sent_report", args=[self.signup_id, self.pk])


def archive_report(*, signup_id: int, message: EmailMultiAlternatives) -> SentReport:
    """Store the message exactly as it was handed over for `signup_id`."""
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
    )
    return SentReport.objects.create(
        signup_id=signup_id,
        to=", ".join(message.to),
        subject=message.subject,
        text_body=message.body,
        html_body=html,
    )
