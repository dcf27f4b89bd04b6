from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, Rank, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from outlook.images import (
    ALT_TEXT_REQUIRED,
    CheckedImageField,
    RandomImagePath,
    image_has_alt_constraint,
    validate_markdown_image_alt_text,
)
from outlook.markdown import MARKDOWN_MAX_CHARS
from outlook.renditions import Picture, RenditionsOnImageChange, picture
from outlook.text import count_noun, join_names, to_roman

MIN_YEAR, MAX_YEAR = 2000, 2100


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


# Approved states: public from `go_live_at` on. SCHEDULED and PUBLISHED differ only in what the
# editor asked for (a later time or now); readers' visibility is decided at query time.
RELEASED = (PublicationStatus.SCHEDULED, PublicationStatus.PUBLISHED)


class Exposure(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class SkillVerdict(models.TextChoices):
    VULNERABLE = "vulnerable", _("Vulnerable")
    RESILIENT = "resilient", _("Resilient")


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
        return (
            self.status in RELEASED
            and self.go_live_at is not None
            and self.go_live_at <= timezone.now()
        )

    @property
    def state_label(self) -> str:
        """Return the state an editor should read: a past schedule shows as published."""
        if self.status == PublicationStatus.SCHEDULED and self.is_live:
            return str(PublicationStatus.PUBLISHED.label)
        return self.get_status_display()


def live_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": RELEASED, f"{prefix}go_live_at__lte": timezone.now()})


# The exposure index scores each task and averages the scores: 100 means every task is highly
# exposed, 0 that none is. The page that shows an index also shows this formula.
EXPOSURE_SCORES = {Exposure.HIGH: 100, Exposure.MEDIUM: 50, Exposure.LOW: 0}
EXPOSURE_INDEX_FORMULA = "(100 × high + 50 × medium + 0 × low) ÷ number of tasks"


def divide_rounding_half_up(numerator: int, denominator: int) -> int:
    """Return numerator ÷ denominator to the nearest whole number, halves up (62.5 → 63).

    As readers expect; round() would round halves to even. Indexes, medians and percentages
    on charts all round this way.
    """
    return (2 * numerator + denominator) // (2 * denominator)


def exposure_index(*, high: int, medium: int, low: int) -> int | None:
    """Return the 0–100 exposure index for these task counts, or None without tasks."""
    total = high + medium + low
    if not total:
        return None
    score = EXPOSURE_SCORES[Exposure.HIGH] * high + EXPOSURE_SCORES[Exposure.MEDIUM] * medium
    return divide_rounding_half_up(score, total)


def rank_by_exposure(outlooks) -> list[tuple[int | None, "Outlook"]]:
    """Return (rank, outlook) pairs, most exposed first, ties sharing a rank (1, 2, 2, 4).

    Outlooks without tasks have no index: they come last, unranked.
    """
    ordered = sorted(
        outlooks,
        key=lambda o: (o.exposure_index is None, -(o.exposure_index or 0), o.profession.name),
    )
    ranked, rank, previous = [], None, object()
    for position, outlook in enumerate(ordered, start=1):
        if outlook.exposure_index != previous:
            rank, previous = position, outlook.exposure_index
        ranked.append((None if outlook.exposure_index is None else rank, outlook))
    return ranked


@dataclass
class RankingEnds:
    """The two ends of an exposure ranking, for pages that cannot list every outlook.

    `top` and `bottom` hold (rank, outlook) pairs in ranking order; `hidden` counts the
    outlooks ranked between them, `total` every outlook of the ranking.
    """

    top: list
    bottom: list
    hidden: int
    total: int

    def __bool__(self):
        return bool(self.top)

    @property
    def outlooks(self) -> list["Outlook"]:
        return [outlook for _rank, outlook in self.top + self.bottom]

    @property
    def most_exposed(self) -> list["Outlook"]:
        return [outlook for rank, outlook in self.top if rank is not None]

    @property
    def least_exposed(self) -> list["Outlook"]:
        """Return the least exposed first, ties A–Z; outlooks without tasks are not ranked."""
        ranked = [outlook for rank, outlook in self.bottom if rank is not None]
        return sorted(ranked, key=lambda o: (o.exposure_index, o.profession.name))


def exposure_index_expression():
    """Return exposure_index() as SQL over an outlook's stored task counts.

    Integer arithmetic on both databases, so halves round up exactly as in Python.
    """
    high, medium, low = (F(f"{level}_count") for level in Exposure.values)
    total = high + medium + low
    score = EXPOSURE_SCORES[Exposure.HIGH] * high + EXPOSURE_SCORES[Exposure.MEDIUM] * medium
    return Case(
        When(Q(high_count=0, medium_count=0, low_count=0), then=Value(None)),
        default=(2 * score + total) / (2 * total),
        output_field=models.IntegerField(),
    )


def ranked_pair(outlook: "Outlook") -> tuple[int | None, "Outlook"]:
    """Return (rank, outlook) from with_exposure_rank(): outlooks without tasks are unranked."""
    return (None if outlook.ranking_index is None else outlook.exposure_rank, outlook)


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Return the issues readers may see: released, and their go-live time has come."""
        return self.filter(live_q())

    def with_outlook_counts(self):
        """Annotate `outlook_count`: how many of each issue's outlooks readers may see."""
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
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    go_live_at = go_live_field()
    preview_generation = preview_generation_field()
    cover = CheckedImageField(
        _("cover image"),
        upload_to=RandomImagePath("covers"),
        width_field="cover_width",
        height_field="cover_height",
        blank=True,
        help_text=_("PNG, JPEG, GIF or WebP, at least 1200 pixels wide for sharp pages."),
    )
    cover_alt = models.CharField(
        _("cover alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the cover shows, for readers who cannot see it. Required with a cover."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The median exposure index of its outlooks, kept by outlook/issue_median.py.
    median_index = models.PositiveSmallIntegerField(
        _("median exposure index"), null=True, blank=True, editable=False
    )
    median_refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)

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


class OutlookQuerySet(models.QuerySet):
    def published(self):
        """Return the outlooks readers may see: live, in a live issue."""
        return self.filter(live_q(), live_q("issue__"))

    def visible_to(self, user):
        """Return what `user` may read: staff who edit outlooks also see drafts."""
        if user.is_authenticated and user.has_perm("outlook.change_outlook"):
            return self.all()
        return self.published()

    def refresh_exposure_counts(self) -> int:
        """Store each outlook's task counts per exposure level, from its tasks; return rows.

        Task saves and deletes call it (outlook/signals.py); bulk loads call it once after.
        """
        return self.update(
            **{
                f"{level}_count": Coalesce(
                    Subquery(
                        TaskAssessment.objects.filter(outlook=OuterRef("pk"), exposure=level)
                        .order_by()
                        .values("outlook")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                )
                for level in Exposure.values
            }
        )

    def ranked_by_exposure(self) -> list[tuple[int | None, "Outlook"]]:
        """Return (rank, outlook) pairs by exposure index; see rank_by_exposure."""
        return rank_by_exposure(self.select_related("profession__category"))

    def with_exposure_rank(self):
        """Annotate `exposure_rank` and `ranking_position` as rank_by_exposure orders them.

        `sharing_rank` counts the outlooks with the same rank (ties). The database ranks, so a
        page can show a slice of a ranking without loading it all. `position_from_end` counts
        from the last place (1) up.
        """
        score = F("ranking_index")
        return (
            self.select_related("profession__category")
            # Narrow rows: the database sorts every outlook of the issue three times.
            .only(
                "year",
                "issue_id",
                "high_count",
                "medium_count",
                "low_count",
                "profession__name",
                "profession__slug",
                "profession__category__name",
            )
            .annotate(ranking_index=exposure_index_expression())
            .annotate(
                exposure_rank=Window(Rank(), order_by=[score.desc(nulls_last=True)]),
                ranking_position=Window(
                    RowNumber(), order_by=[score.desc(nulls_last=True), F("profession__name")]
                ),
                position_from_end=Window(
                    RowNumber(),
                    order_by=[score.asc(nulls_first=True), F("profession__name").desc()],
                ),
                # More than one: the rank is shared, and shown as a tie ("=2").
                sharing_rank=Window(Count("pk"), partition_by=[score]),
            )
        )

    def ranking_ends(self, size: int) -> RankingEnds:
        """Return the `size` most and least exposed outlooks, in one query whatever the count."""
        ends = list(
            self.with_exposure_rank()
            .filter(Q(ranking_position__lte=size) | Q(position_from_end__lte=size))
            .order_by("ranking_position")
        )
        total = ends[0].ranking_position + ends[0].position_from_end - 1 if ends else 0
        top = [ranked_pair(outlook) for outlook in ends if outlook.ranking_position <= size]
        bottom = [ranked_pair(outlook) for outlook in ends if outlook.ranking_position > size]
        return RankingEnds(
            top=top, bottom=bottom, hidden=total - len(top) - len(bottom), total=total
        )

    def matching_professions(self, entries: list[str]) -> dict[str, "Outlook | None"]:
        """Map each entry a reader typed to the outlook of the profession it names, or None.

        An entry names a profession by its name in any case ("data analyst") or by its slug;
        a name match wins over a slug match. One query however many outlooks there are.
        """
        wanted = Q(profession__slug__in=[slugify(entry) for entry in entries])
        for entry in entries:
            wanted |= Q(profession__name__iexact=entry)
        outlooks = list(self.filter(wanted).select_related("profession"))

        def match(entry):
            by_name = [o for o in outlooks if o.profession.name.casefold() == entry.casefold()]
            by_slug = [o for o in outlooks if o.profession.slug == slugify(entry)]
            return next(iter(by_name + by_slug), None)

        return {entry: match(entry) for entry in entries}

    def for_links(self):
        """Load only what a link to an outlook shows: its headline, address and issue title.

        Pages list dozens of such links; whole rows (bodies, timestamps) cost more to read and
        build than the rest of the link.
        """
        return self.select_related("issue", "profession").only(
            "year", "issue__title", "profession__name", "profession__slug"
        )

    def with_page_data(self):
        """Fetch everything the outlook page shows in a fixed number of queries."""
        return self.select_related("issue", "profession__category").prefetch_related(
            "changes",
            "insights",
            "corrections",
            "task_assessments",
            models.Prefetch(
                "skill_assessments",
                queryset=SkillAssessment.objects.select_related("skill"),
            ),
        )


class Outlook(PublishableMixin, models.Model):
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
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
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
        return f"Will AI Replace {self.profession.name} in {self.year}?"

    @property
    def kicker(self) -> str:
        return f"{self.issue.title} · {self.profession.category.name}"

    @property
    def last_modified(self):
        """Return when readers last saw the page change: an edit or the newest correction."""
        return max([self.updated_at, *(c.created_at for c in self.corrections.all())])

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

    def previous_published(self) -> "Outlook | None":
        """Return the profession's published outlook for the latest earlier year, counts only.

        Enough for its index, in one query (previous_outlook loads every row of it).
        """
        return (
            Outlook.objects.published()
            .filter(profession=self.profession_id, year__lt=self.year)
            .order_by("-year")
            .only("year", "profession_id", "issue_id", "high_count", "medium_count", "low_count")
            .first()
        )

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

    @property
    def is_editable_by_contributors(self) -> bool:
        return self.status == PublicationStatus.DRAFT

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
        return missing

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

    @property
    def summary_counts(self) -> list[str]:
        """Return the three headline numbers as grammatical phrases."""
        return [
            count_noun(len(self.high_exposure_tasks), "high-exposure task"),
            count_noun(len(self.low_exposure_tasks), "low-exposure task"),
            f"{count_noun(len(self.skill_assessments.all()), 'skill')} assessed",
        ]

    @property
    def derived_insights(self) -> list[str]:
        """Return sentences that only restate counts and names from the task and skill rows.

        Reasons are the editors' to give (Insight); "resilient" is said of skills only, low
        exposure of tasks.
        """
        insights = []
        tasks = self.task_assessments.all()
        if tasks:
            total = count_noun(len(tasks), "task")
            high = self.high_exposure_tasks
            if high:
                verb = "faces" if len(tasks) == 1 else "face"
                names = join_names([task.task for task in high])
                insights.append(f"{len(high)} of {total} {verb} high AI exposure: {names}.")
            else:
                insights.append(f"None of the {total} faces high AI exposure.")
            low = self.low_exposure_tasks
            if low:
                verb = "has" if len(tasks) == 1 else "have"
                names = join_names([task.task for task in low])
                insights.append(f"{len(low)} of {total} {verb} low AI exposure: {names}.")
        for skills, verdict in (
            (self.vulnerable_skills, "vulnerable"),
            (self.resilient_skills, "resilient"),
        ):
            if skills:
                names = join_names([s.skill.name for s in skills])
                if len(skills) == 1:
                    insights.append(f"{names} is assessed as a {verdict} skill.")
                else:
                    insights.append(f"{names} are assessed as {verdict} skills.")
        return insights


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
        # editor holding an older copy of the outlook is told (outlook/revisions.py).
        Outlook.objects.filter(pk=self.outlook_id).update(updated_at=timezone.now())


class Change(OutlookPart):
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


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    RESTORED = "restored", _("Restored a revision")
    RECOVERED = "recovered", _("Recovered after deletion")
    DELETED = "deleted", _("Deleted")
    LINKS_REVOKED = "links_revoked", _("Preview links revoked")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned to draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


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


# Models kept in their own modules, by concern.
from outlook import bylines, share_cards  # noqa: E402, F401
