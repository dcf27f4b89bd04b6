"""A dated issue of the publication and the queries readers' pages make of issues."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from outlook.media.images import (
    ALT_TEXT_REQUIRED,
    image_fields,
    image_has_alt_constraint,
    validate_markdown_image_alt_text,
)
from outlook.media.markdown import MARKDOWN_MAX_CHARS
from outlook.media.renditions import Picture, RenditionsOnImageChange, picture
from outlook.models.states import (
    PublishableMixin,
    clean_go_live,
    go_live_field,
    preview_generation_field,
    status_constraints,
    status_field,
)
from outlook.publishing.visibility import live_q
from outlook.text import from_roman, to_roman

# A masthead as people type it: "5", "05", "No. 05", "Vol. I No. 5", "vol 2", "#5".
MASTHEAD_SEARCH = re.compile(
    r"^(?:vol(?:ume)?\s*(?P<volume>\d+|[ivxlcdm]+)\s*)?(?:(?:no|number|#)\s*)?(?P<number>\d+)?$"
)


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Return the issues readers may see: released, and their go-live time has come."""
        return self.filter(live_q())

    def current(self) -> "Issue | None":
        """Return the issue the home page shows: the one editors made current, if it is live.

        Without one (none set yet, or it was taken off the site), the newest live issue.
        """
        return self.published().order_by("-is_current", *Issue._meta.ordering).first()

    def matching_masthead(self, term: str):
        """Return the issues whose volume and number `term` names, or None if it names none.

        Editors search issues as they are printed: "05", "No. 05", "Vol. I No. 5" or "5".
        """
        words = re.sub(r"[.,·:/-]+", " ", term.casefold()).strip()
        match = MASTHEAD_SEARCH.match(re.sub(r"\s+", " ", words))
        if match is None or match["volume"] is None and match["number"] is None:
            return None
        volume, number = match["volume"], match["number"]
        condition = Q()
        if volume is not None:
            volume = int(volume) if volume.isdigit() else from_roman(volume)
            if volume is None:
                return None
            condition &= Q(volume=volume)
        if number is not None:
            condition &= Q(number=int(number))
        return self.filter(condition)

    def with_outlook_counts(self):
        """Annotate `outlook_count`: how many of each issue's outlooks readers may see."""
        from outlook.models.outlook import Outlook

        counts = (
            Outlook.objects.published()
            .filter(issue=OuterRef("pk"))
            .order_by()
            .values("issue")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(outlook_count=Coalesce(Subquery(counts), 0))


class Issue(RenditionsOnImageChange, PublishableMixin, models.Model):
    """A dated issue of the publication, e.g. Vol. I · No. 04 · April 20, 2026."""

    volume = models.PositiveSmallIntegerField(
        _("volume"),
        # Volumes are printed in Roman numerals, which stop at 3999.
        validators=[MinValueValidator(1), MaxValueValidator(3999)],
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1)], help_text=_("Number within the volume.")
    )
    publication_date = models.DateField(_("publication date"))
    title = models.CharField(_("title"), max_length=200, help_text=_("For example “2026 Outlook”."))
    editors_note = MarkdownxField(
        _("editor's note"),
        blank=True,
        max_length=MARKDOWN_MAX_CHARS,
        help_text=_("Markdown. Shown on the issue's cover."),
        validators=[validate_markdown_image_alt_text, MaxLengthValidator(MARKDOWN_MAX_CHARS)],
    )
    status = status_field()
    go_live_at = go_live_field()
    preview_generation = preview_generation_field()
    cover, cover_alt, cover_width, cover_height = image_fields(
        "cover",
        verbose_name=_("cover image"),
        alt_verbose_name=_("cover alt text"),
        folder="covers",
        alt_help_text=_(
            "What the cover shows, for readers who cannot see it. Required with a cover."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The median exposure index of its outlooks, kept by outlook/reading/issue_median.py.
    median_index = models.PositiveSmallIntegerField(
        _("median exposure index"), null=True, blank=True, editable=False
    )
    median_refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set only by outlook.publishing.current_issue: the home page follows it, not the dates.
    is_current = models.BooleanField(
        _("current issue"),
        default=False,
        editable=False,
        help_text=_("The issue the home page shows. Editors choose it; only a live issue."),
    )

    objects = IssueQuerySet.as_manager()
    rendition_images = (("cover", "cover_width"),)

    class Meta:
        ordering = ["-publication_date", "-volume", "-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.UniqueConstraint(
                fields=["volume", "number"],
                name="issue_unique_volume_number",
                violation_error_message=_("An issue with this volume and number already exists."),
            ),
            models.CheckConstraint(condition=Q(volume__gte=1), name="issue_volume_positive"),
            models.CheckConstraint(condition=Q(number__gte=1), name="issue_number_positive"),
            *status_constraints("issue"),
            image_has_alt_constraint("cover", "cover_alt", "issue_cover_has_alt"),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="issue_one_current",
                violation_error_message=_("Another issue is already the current one."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-publication_date"], name="issue_status_date"),
            # The page cache looks for the next go-live time (a MIN) on every miss.
            models.Index(fields=["go_live_at"], name="issue_go_live_at"),
        ]
        permissions = [("publish_issue", _("Can schedule and publish issues"))]

    def __str__(self):
        return f"{self.masthead} — {self.title}"

    def get_absolute_url(self):
        return reverse("outlook:issue", kwargs={"volume": self.volume, "number": self.number})

    def clean(self):
        clean_go_live(self)
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": ALT_TEXT_REQUIRED})

    @property
    def cover_picture(self) -> Picture | None:
        return picture(
            self.cover, alt=self.cover_alt, width=self.cover_width, height=self.cover_height
        )

    @property
    def masthead_parts(self) -> list[str]:
        return [
            f"Vol. {self.volume_numeral}",
            f"No. {self.number:02d}",
            date_format(self.publication_date, "F j, Y"),
        ]

    @property
    def masthead(self) -> str:
        """Return the printed masthead: "Vol. I · No. 04 · April 20, 2026"."""
        return " · ".join(self.masthead_parts)

    @property
    def year(self) -> int:
        return self.publication_date.year

    @property
    def volume_label(self) -> str:
        return f"Volume {self.volume_numeral}"

    @property
    def volume_numeral(self) -> str:
        # A form being corrected may hold a volume out of range; it still renders.
        return to_roman(self.volume) if 0 < self.volume < 4000 else str(self.volume)

    @property
    def slug(self) -> str:
        """Return a file-name-safe identifier, e.g. "vol-1-no-4"."""
        return f"vol-{self.volume}-no-{self.number}"
