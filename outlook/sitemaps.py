"""sitemap.xml: every public page a search engine should index, from published() only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from outlook.models import Issue, Outlook
from professions.models import Profession, Skill


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "outlook:home",
            "outlook:archive",
            "professions:directory",
            "professions:skills",
        ]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Issue.objects.published().order_by("-volume", "-number")

    def lastmod(self, item):
        return item.updated_at


class OutlookSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Outlook.objects.published().select_related("profession").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProfessionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Profession.objects.with_published_outlooks().order_by("name")


class SkillSitemap(Sitemap):
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
