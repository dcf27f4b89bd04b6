from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="profession_unique_name"),
        ]

    def __str__(self):
        return self.name


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
