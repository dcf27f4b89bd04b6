"""sitemap.xml: every public page a search engine should index, from published() only.

An index of one sitemap per kind of page, each split into files of at most PAGE_SIZE
addresses: with 40 000 outlooks a single file was 6 MB and took seconds to build.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse

from outlook.models import Issue, Outlook
from outlook.publishing import content_keys
from outlook.web import response_keys
from professions.models import Profession, Skill

# Well under the protocol's 50 000 addresses per file; a file builds in a fraction of a second.
PAGE_SIZE = 5000


class PagedSitemap(Sitemap):
    limit = PAGE_SIZE


class LastModifiedSitemap(PagedSitemap):
    """A sitemap whose index entry gives its newest change, read with one aggregate."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default builds lastmod() for every item; the database knows the answer.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class StaticSitemap(PagedSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "outlook:home",
            "outlook:archive",
            "professions:directory",
            "professions:skills",
            "outlook:about",
            "outlook:methodology",
            "accounts:privacy",
        ]

    def location(self, item):
        return reverse(item)


class IssueSitemap(LastModifiedSitemap):
    changefreq = "monthly"

    def items(self):
        return Issue.objects.published().order_by("-volume", "-number")


class OutlookSitemap(LastModifiedSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Outlook.objects.published()
            .select_related("profession")
            .only("year", "updated_at", "profession__slug")
            .with_last_modified()
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.last_modified

    def get_latest_lastmod(self):
        dates = Outlook.objects.published().aggregate(
            edited=Max("updated_at"), corrected=Max("corrections__created_at")
        )
        return max(filter(None, dates.values()), default=None)


class ProfessionSitemap(PagedSitemap):
    changefreq = "monthly"

    def items(self):
        return Profession.objects.with_published_outlooks().order_by("name")


class SkillSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Skill.objects.with_published_assessments().order_by("name")


SITEMAPS = {
    "pages": StaticSitemap,
    "issues": IssueSitemap,
    "outlooks": OutlookSitemap,
    "professions": ProfessionSitemap,
    "skills": SkillSitemap,
}


def index(request, **kwargs):
    """The sitemap index, named by the sitemaps' key so any change of the lists purges it."""
    response_keys.add(content_keys.SITEMAPS)
    return sitemap_views.index(request, sitemaps=SITEMAPS, **kwargs)


def section(request, **kwargs):
    response_keys.add(content_keys.SITEMAPS)
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, **kwargs)
