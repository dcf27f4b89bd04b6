"""One profession's outlook in one issue."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from outlook.media.images import validate_markdown_image_alt_text
from outlook.media.markdown import MARKDOWN_MAX_CHARS
from outlook.models.exposure import Exposure, SkillVerdict, exposure_index
from outlook.models.issue import Issue
from outlook.models.outlook_queryset import OutlookQuerySet
from outlook.models.prose import OutlookProse
from outlook.models.states import (
    RELEASED,
    PublishableMixin,
    clean_go_live,
    go_live_field,
    preview_generation_field,
    status_constraints,
    status_field,
)

if TYPE_CHECKING:
    from outlook.models.rows import SkillAssessment, TaskAssessment

MIN_YEAR, MAX_YEAR = 2000, 2100


def outlook_headline(profession_name: str, year: int) -> str:
    """Return the question an outlook answers, its headline wherever it is named."""
    return f"Will AI Replace {profession_name} in {year}?"


class Outlook(OutlookProse, PublishableMixin, models.Model):
    """One profession's answer to "Will AI replace it?" in one issue."""

    issue = models.ForeignKey(
        Issue, on_delete=models.PROTECT, related_name="outlooks", verbose_name=_("issue")
    )
    profession = models.ForeignKey(
        "professions.Profession",
        on_delete=models.PROTECT,
        related_name="outlooks",
        verbose_name=_("profession"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("The year the outlook speaks of. Leave empty to use the issue's year."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=600,
        help_text=_("The one-paragraph summary under the headline."),
    )
    # Optional in the database: outlooks live before verdicts existed stay live and editable;
    # the next submission for review requires one (missing_for_publication).
    verdict = models.CharField(
        _("verdict"),
        max_length=280,
        blank=True,
        help_text=_("One sentence that answers the headline. Shown first on the page."),
    )
    body = MarkdownxField(
        _("body"),
        blank=True,
        max_length=MARKDOWN_MAX_CHARS,
        help_text=_("Optional longer analysis, in Markdown."),
        validators=[validate_markdown_image_alt_text, MaxLengthValidator(MARKDOWN_MAX_CHARS)],
    )
    status = status_field()
    go_live_at = go_live_field()
    preview_generation = preview_generation_field()
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="written_outlooks",
        verbose_name=_("writer"),
        help_text=_("Who writes it: contributors edit only their own drafts. Editors reassign."),
    )
    # Next year's copy (outlook.publishing.content.start_next_outlook): the year its text was
    # copied from, and who confirmed it was reviewed; a copy is not submitted before that.
    copied_from_year = models.PositiveSmallIntegerField(
        _("copied from the outlook of"), null=True, blank=True, editable=False
    )
    copy_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("copied text reviewed by"),
    )
    copy_reviewed_at = models.DateTimeField(
        _("copied text reviewed"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # How many of its tasks sit at each exposure level, kept by the database on every task
    # change (OutlookQuerySet.refresh_exposure_counts), so rankings read one row per outlook.
    high_count = models.PositiveIntegerField(default=0, editable=False)
    medium_count = models.PositiveIntegerField(default=0, editable=False)
    low_count = models.PositiveIntegerField(default=0, editable=False)

    objects = OutlookQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "profession__name"]
        verbose_name = _("outlook")
        verbose_name_plural = _("outlooks")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "profession"],
                name="outlook_unique_profession_per_issue",
                violation_error_message=_("This issue already has an outlook for this profession."),
            ),
            # The public URL is /<year>/<profession>/, so it must name one outlook.
            models.UniqueConstraint(
                fields=["profession", "year"],
                name="outlook_unique_profession_per_year",
                violation_error_message=_("This profession already has an outlook for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="outlook_year_in_range"
            ),
            *status_constraints("outlook"),
        ]
        indexes = [
            models.Index(fields=["status", "issue"], name="outlook_status_issue"),
            # The page cache looks for the next go-live time (a MIN) on every miss.
            models.Index(fields=["go_live_at"], name="outlook_go_live_at"),
            # The admin's year filter and ordering.
            models.Index(fields=["-year", "profession"], name="outlook_year_profession"),
        ]
        permissions = [("publish_outlook", _("Can review, schedule and publish outlooks"))]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if self.year is None:
            self.year = self.issue.year
        super().save(*args, **kwargs)
        # This instance's counts may predate a task saved since it was loaded (another editor,
        # a restored revision): count again rather than write them back.
        Outlook.objects.filter(pk=self.pk).refresh_exposure_counts()

    def get_absolute_url(self):
        return reverse("outlook:detail", kwargs={"year": self.year, "slug": self.profession.slug})

    def clean(self):
        if self.year is None and self.issue_id:
            self.year = self.issue.year
        clean_go_live(self)

    @property
    def headline(self) -> str:
        return outlook_headline(self.profession.name, self.year)

    @property
    def kicker(self) -> str:
        return f"{self.issue.title} · {self.profession.category.name}"

    @property
    def last_modified(self):
        """Return THE page's modification date: its last edit or its newest correction.

        JSON-LD, feeds, the sitemap and the Last-Modified header all report it. Reads the
        annotation of with_last_modified() when there is one, else the corrections.
        """
        if hasattr(self, "latest_correction_at"):
            latest = self.latest_correction_at
        else:
            latest = max((c.created_at for c in self.corrections.all()), default=None)
        return max(self.updated_at, latest) if latest else self.updated_at

    @property
    def description(self) -> str:
        """Return the sentence search engines and link previews show."""
        return self.standfirst

    @property
    def previous_outlook(self) -> "Outlook | None":
        """Return this profession's outlook for the latest earlier year, if there is one."""
        return (
            Outlook.objects.filter(profession=self.profession_id, year__lt=self.year)
            .order_by("-year")
            .with_page_data()
            .first()
        )

    @property
    def needs_copy_review(self) -> bool:
        """Whether this is next year's copy whose copied text nobody has confirmed yet."""
        return self.copied_from_year is not None and self.copy_reviewed_at is None

    @property
    def is_published(self) -> bool:
        """Whether readers can see it now: the Python twin of `published()`."""
        return self.is_live and self.issue.is_live

    @property
    def reader_go_live_at(self):
        """Return when readers will first see it: the later of its own and its issue's time."""
        if self.status not in RELEASED or self.issue.status not in RELEASED:
            return None
        return max(self.go_live_at, self.issue.go_live_at)

    def missing_for_publication(self) -> list[str]:
        """Return what an editor must add before this outlook can go live, in plain words."""
        missing = []
        if not self.verdict.strip():
            missing.append(str(_("Write a verdict: one sentence that answers the headline.")))
        if not self.standfirst.strip():
            missing.append(str(_("Write a standfirst.")))
        tasks = list(self.task_assessments.all())
        skills = list(self.skill_assessments.all())
        if not tasks:
            missing.append(str(_("Add at least one task assessment.")))
        if not skills:
            missing.append(str(_("Add at least one skill assessment.")))
        missing += [
            str(_("Give a rationale for the task “%(task)s”.") % {"task": task.task})
            for task in tasks
            if not task.rationale.strip()
        ]
        missing += [
            str(_("Say why for the skill “%(skill)s”.") % {"skill": skill.skill.name})
            for skill in skills
            if not skill.rationale.strip()
        ]
        # Imported here: the publishing rules read this model.
        from outlook.publishing.copy_review import unreviewed_copy

        return missing + unreviewed_copy(self) + self.awaiting_approval(skills)

    def awaiting_approval(self, skill_rows) -> list[str]:
        """Name the proposed profession and skills an editor must approve before it goes live."""
        from outlook.models.rows import SkillAssessment
        from professions.models import CatalogueStatus, Skill

        waiting = []
        if self.profession.is_proposed:
            waiting.append(
                str(
                    _("Approve the proposed profession “%(name)s” (an editor, in Professions).")
                    % {"name": self.profession.name}
                )
            )
        if all(SkillAssessment.skill.is_cached(row) for row in skill_rows):
            names = [row.skill.name for row in skill_rows if row.skill.is_proposed]
        else:
            names = Skill.objects.filter(
                pk__in=[row.skill_id for row in skill_rows], status=CatalogueStatus.PROPOSED
            ).values_list("name", flat=True)
        waiting += [
            str(_("Approve the proposed skill “%(name)s” (an editor, in Skills).") % {"name": name})
            for name in names
        ]
        return waiting

    # The page's numbers and derived sentences read the prefetched rows (see
    # OutlookQuerySet.with_page_data), so they cost no queries there.

    def tasks_with_exposure(self, exposure: str) -> list["TaskAssessment"]:
        return [task for task in self.task_assessments.all() if task.exposure == exposure]

    def skills_with_verdict(self, verdict: str) -> list["SkillAssessment"]:
        return [skill for skill in self.skill_assessments.all() if skill.verdict == verdict]

    @property
    def high_exposure_tasks(self):
        return self.tasks_with_exposure(Exposure.HIGH)

    @property
    def low_exposure_tasks(self):
        return self.tasks_with_exposure(Exposure.LOW)

    @property
    def vulnerable_skills(self):
        return self.skills_with_verdict(SkillVerdict.VULNERABLE)

    @property
    def resilient_skills(self):
        return self.skills_with_verdict(SkillVerdict.RESILIENT)

    @property
    def exposure_counts(self) -> dict[str, int]:
        """Return {"high": n, "medium": n, "low": n}: from prefetched tasks, else as stored."""
        if "task_assessments" in getattr(self, "_prefetched_objects_cache", {}):
            return {level: len(self.tasks_with_exposure(level)) for level in Exposure.values}
        return {level: getattr(self, f"{level}_count") for level in Exposure.values}

    @property
    def exposure_index(self) -> int | None:
        return exposure_index(**self.exposure_counts)

    @property
    def exposure_summary(self) -> str:
        """Return e.g. "2 high · 1 medium · 0 low" for tables of contents."""
        counts = self.exposure_counts
        return " · ".join(f"{counts[level]} {level}" for level in Exposure.values)

    @property
    def skill_columns(self) -> list[tuple[str, list["SkillAssessment"]]]:
        return [("Vulnerable", self.vulnerable_skills), ("Resilient", self.resilient_skills)]
