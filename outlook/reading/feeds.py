"""RSS and Atom feeds of published outlooks, for the whole site and per profession."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from outlook.models import Outlook
from outlook.publishing import content_keys
from outlook.reading import seo
from outlook.web import response_keys
from professions.models import Profession

FEED_LENGTH = 50


def publication_time(outlook: Outlook) -> datetime.datetime:
    """Return the start of the issue's publication day, in the publication's time zone."""
    day = outlook.issue.publication_date
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


def outlooks_for_feed():
    return (
        Outlook.objects.published()
        .select_related("issue", "profession__category")
        .with_last_modified()
        .order_by("-issue__publication_date", "profession__name")
    )


class OutlookFeed(Feed):
    """Every published outlook, newest issue first."""

    query_parameters = ()

    title = f"{seo.SITE_NAME} — latest outlooks"
    description = seo.DEFAULT_DESCRIPTION

    def link(self):
        return reverse("outlook:home")

    def items(self):
        response_keys.add(content_keys.FEEDS)
        return outlooks_for_feed()[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Feed readers read RSS <description> and Atom <summary type="html"> as HTML: the
        # plain-text standfirst is escaped once here (and once more as XML by Django), so
        # "<script>" in it reaches readers as those characters, not as markup.
        return escape(item.standfirst)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return publication_time(item)

    def item_updateddate(self, item):
        return item.last_modified

    def item_categories(self, item):
        return [item.profession.category.name, item.profession.name]

    def item_author_name(self, item):
        return seo.SITE_NAME


class OutlookAtomFeed(OutlookFeed):
    feed_type = Atom1Feed
    subtitle = OutlookFeed.description


class ProfessionFeed(OutlookFeed):
    """One profession's published outlooks."""

    def get_object(self, request, slug):
        return get_object_or_404(Profession.objects.with_published_outlooks(), slug=slug)

    def title(self, obj):
        return f"{seo.SITE_NAME} — outlooks for {obj.name}"

    def description(self, obj):
        return f"Every outlook on how exposed {obj.name} work is to AI."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        response_keys.add_content(obj)
        response_keys.add(content_keys.FEEDS, content_keys.profession_outlooks_key(obj.pk))
        return outlooks_for_feed().filter(profession=obj)[:FEED_LENGTH]


class ProfessionAtomFeed(ProfessionFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
