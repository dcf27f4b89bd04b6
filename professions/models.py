from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outlook.media.images import (
    ALT_TEXT_REQUIRED,
    image_fields,
    image_has_alt_constraint,
)
from outlook.media.renditions import Picture, RenditionsOnImageChange, picture
from outlook.publishing.visibility import published_outlook_q


def validate_single_line(value: str) -> None:
    """Refuse line breaks and other control characters in a name.

    A profession's name goes into the subject of every email about it; a line break there
    makes each of those emails fail to send.
    """
    if any(character.isspace() and character != " " or ord(character) < 32 for character in value):
        raise ValidationError(
            _("Write the name on one line, without line breaks or tabs."), code="single_line"
        )


class CatalogueStatus(models.TextChoices):
    """A contributor's new profession or skill is proposed until an editor approves it."""

    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")


def catalogue_status_field():
    # Set only by outlook.publishing.catalogue: on creation, and by an editor's approval.
    return models.CharField(
        _("status"),
        max_length=10,
        choices=CatalogueStatus.choices,
        default=CatalogueStatus.APPROVED,
        editable=False,
    )


class CategoryQuerySet(models.QuerySet):
    def with_published_outlooks(self):
        """Return the categories that have a profession with a published outlook."""
        return self.filter(
            published_outlook_q("professions__outlooks__"),
            professions__status=CatalogueStatus.APPROVED,
        ).distinct()


class ProfessionQuerySet(models.QuerySet):
    def approved(self):
        """Return the professions an editor has approved (readers never see a proposed one)."""
        return self.filter(status=CatalogueStatus.APPROVED)

    def with_published_outlooks(self):
        """Return the professions readers can read at least one outlook about."""
        return self.approved().filter(published_outlook_q("outlooks__")).distinct()

    def with_latest_index(self):
        """Annotate `latest_year` and `latest_index`: the newest published outlook's."""
        from outlook.models import Outlook, exposure_index_expression

        latest = Outlook.objects.published().filter(profession=OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_index=Subquery(
                latest.annotate(index=exposure_index_expression()).values("index")[:1]
            ),
        )


class SkillQuerySet(models.QuerySet):
    def approved(self):
        """Return the skills an editor has approved (readers never see a proposed one)."""
        return self.filter(status=CatalogueStatus.APPROVED)

    def with_published_assessments(self):
        """Return the skills assessed in at least one outlook readers may see."""
        return self.approved().filter(published_outlook_q("assessments__outlook__")).distinct()

    def with_verdict_counts(self):
        """Annotate how many published outlooks find each skill vulnerable and resilient."""
        published = published_outlook_q("assessments__outlook__")
        return self.annotate(
            vulnerable_count=Count(
                "assessments", filter=published & Q(assessments__verdict="vulnerable")
            ),
            resilient_count=Count(
                "assessments", filter=published & Q(assessments__verdict="resilient")
            ),
        )


class Category(models.Model):
    """A family of professions (Technology, Healthcare, …) used to relate and filter them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # Editors' forms carry this version, so crossed saves are caught (publishing/revisions.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Profession(RenditionsOnImageChange, models.Model):
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Singular, as in a headline: “Backend Developer”."),
        validators=[validate_single_line],
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in every URL of this profession; changing it breaks shared links."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="professions",
        verbose_name=_("category"),
    )
    description = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    image, image_alt, image_width, image_height = image_fields(
        "image",
        verbose_name=_("image"),
        alt_verbose_name=_("image alt text"),
        folder="professions",
        alt_help_text=_(
            "What the image shows, for readers who cannot see it. Required with an image."
        ),
    )
    status = catalogue_status_field()
    # Editors' forms carry this version, so crossed saves are caught (publishing/revisions.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProfessionQuerySet.as_manager()
    rendition_images = (("image", "image_width"),)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="profession_unique_name"),
            image_has_alt_constraint("image", "image_alt", "profession_image_has_alt"),
        ]
        # The directory filtered by category, A to Z.
        indexes = [models.Index(fields=["category", "name"], name="profession_category_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("professions:detail", kwargs={"slug": self.slug})

    @property
    def is_proposed(self) -> bool:
        return self.status == CatalogueStatus.PROPOSED

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": ALT_TEXT_REQUIRED})

    @property
    def picture(self) -> Picture | None:
        return picture(
            self.image, alt=self.image_alt, width=self.image_width, height=self.image_height
        )

    @property
    def initial(self) -> str:
        """Return the directory letter: A–Z, or "#" for names that start otherwise."""
        first = self.name[:1].upper()
        return first if "A" <= first <= "Z" else "#"


class Skill(models.Model):
    """A skill in the shared catalogue: Python is one skill, whichever profession uses it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    status = catalogue_status_field()
    # Editors' forms carry this version, so crossed saves are caught (publishing/revisions.py).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("professions:skill", kwargs={"slug": self.slug})

    @property
    def is_proposed(self) -> bool:
        return self.status == CatalogueStatus.PROPOSED
