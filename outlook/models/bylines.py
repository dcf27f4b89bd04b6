"""Who wrote an outlook and what it rests on: authors, co-author bylines and sources."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outlook.models import Outlook, OutlookPart


class Author(models.Model):
    """A person readers see in bylines, with a public page of their outlooks."""

    name = models.CharField(_("public name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The author page's address.")
    )
    bio = models.TextField(
        _("short bio"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences shown on the author's page."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("staff account"),
        help_text=_("Outlooks this account writes carry this byline by default."),
    )
    # Read by the admin's conflict check, like the catalogue's.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("outlook:author", kwargs={"slug": self.slug})

    def published_outlooks(self):
        """Return the published outlooks this author wrote or co-wrote, newest first."""
        return (
            Outlook.objects.published()
            .filter(Q(writer__author=self) | Q(bylines__author=self))
            .distinct()
            .for_links()
            .order_by("-year", "profession__name")
        )


class OutlookAuthor(OutlookPart):
    """A co-author added to an outlook's byline, after its writer."""

    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("outlook")
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )

    class Meta(OutlookPart.Meta):
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        constraints = [
            models.UniqueConstraint(
                fields=["outlook", "author"],
                name="byline_unique_author_per_outlook",
                violation_error_message=_("This author is already in the byline."),
            )
        ]

    def __str__(self):
        return str(self.author)


class Source(OutlookPart):
    """A document an outlook rests on, listed at the foot of its page."""

    outlook = models.ForeignKey(
        Outlook, on_delete=models.CASCADE, related_name="sources", verbose_name=_("outlook")
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where readers can find it (http or https)."),
    )
    accessed = models.DateField(_("accessed"), help_text=_("When the source was last read."))

    class Meta(OutlookPart.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


def authors_of(outlook: Outlook) -> list[Author]:
    """Return the byline: the writer's author profile first, then the co-authors.

    Reads `writer__author` and the `bylines` rows as the page's queryset loaded them.
    """
    authors = []
    writer = outlook.writer
    if writer is not None and getattr(writer, "author", None) is not None:
        authors.append(writer.author)
    for byline in outlook.bylines.all():
        if byline.author not in authors:
            authors.append(byline.author)
    return authors
