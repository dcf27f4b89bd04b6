"""Which scheduled go-lives have had their writer's publication notice queued."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outlook.models.outlook import Outlook


class GoLiveNotice(models.Model):
    """One outlook's go-live at one time whose notice was queued: a rerun finds it and stops."""

    outlook = models.ForeignKey(
        Outlook,
        on_delete=models.CASCADE,
        related_name="go_live_notices",
        verbose_name=_("outlook"),
    )
    go_live_at = models.DateTimeField(_("go-live time"))
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        verbose_name = _("go-live notice")
        verbose_name_plural = _("go-live notices")
        constraints = [
            models.UniqueConstraint(
                fields=["outlook", "go_live_at"], name="one_notice_per_outlook_go_live"
            )
        ]

    def __str__(self):
        return f"{self.outlook} at {self.go_live_at:%Y-%m-%d %H:%M}"
