"""Feeds carry the plain-text standfirst as text: feed readers never see it as markup."""

import html
import xml.etree.ElementTree as ET

import pytest

from tests.factories import OutlookFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
STANDFIRST = 'Tools <script>alert("x")</script> & <b>bold</b> claims.'


@pytest.fixture
def outlook():
    return OutlookFactory(standfirst=STANDFIRST, profession__slug="tax-adviser")


def shown_by_a_feed_reader(markup: str) -> str:
    """What a reader's HTML rendering shows as text: it must be the standfirst itself."""
    assert "<" not in markup, f"markup reached the feed reader: {markup!r}"
    return html.unescape(markup)


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/tax-adviser/rss/"])
def test_rss_descriptions_are_text(client, outlook, url):
    root = ET.fromstring(client.get(url).content)
    [description] = [item.findtext("description") for item in root.iter("item")]
    assert shown_by_a_feed_reader(description) == STANDFIRST


@pytest.mark.parametrize("url", ["/feeds/atom/", "/feeds/tax-adviser/atom/"])
def test_atom_summaries_are_text(client, outlook, url):
    root = ET.fromstring(client.get(url).content)
    [summary] = root.iter(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert shown_by_a_feed_reader(summary.text) == STANDFIRST
