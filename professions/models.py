from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from outlook.images import (
    ALT_TEXT_REQUIRED,
    CheckedImageField,
    RandomImagePath,
    image_has_alt_constraint,
)
from outlook.renditions import Picture, picture


class Category(models.Model):
    """A family of professions (Technology, Healthcare, …) used to relate and filter them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Profession(models.Model):
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Singular, as in a headline: “Backend Developer”.")
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
    image = CheckedImageField(
        _("image"),
        upload_to=RandomImagePath("professions"),
        width_field="image_width",
        height_field="image_height",
        blank=True,
        help_text=_("PNG, JPEG, GIF or WebP, at least 1200 pixels wide for sharp pages."),
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="profession_unique_name"),
            image_has_alt_constraint("image", "image_alt", "profession_image_has_alt"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": ALT_TEXT_REQUIRED})

    @property
    def picture(self) -> Picture | None:
        return picture(
            self.image, alt=self.image_alt, width=self.image_width, height=self.image_height
        )


class Skill(models.Model):
    """A skill in the shared catalogue: Python is one skill, whichever profession uses it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.name
