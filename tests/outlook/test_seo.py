import json
import re
import xml.etree.ElementTree as ET

import pytest

from outlook.models import PublicationStatus
from outlook.sitemaps import OutlookSitemap
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def content():
    issue = IssueFactory(volume=1, number=4)
    profession = ProfessionFactory(name="Backend Developer", slug="backend-developer")
    public = OutlookFactory(issue=issue, profession=profession)
    SkillAssessmentFactory(outlook=public, skill=SkillFactory(name="Python"))
    draft = OutlookFactory(
        issue=issue, profession__name="Draft Job", status=PublicationStatus.DRAFT
    )
    SkillAssessmentFactory(outlook=draft, skill=SkillFactory(name="Draft Skill"))
    hidden_issue = IssueFactory(volume=1, number=5, status=PublicationStatus.DRAFT)
    OutlookFactory(issue=hidden_issue, profession__name="Hidden Issue Job")
    return public


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_rss_feed_parses_and_lists_only_published_outlooks(client, content):
    response = client.get("/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == [content.headline]
    assert items[0].findtext("link") == "http://testserver/2026/backend-developer/"
    assert items[0].findtext("pubDate").startswith("Mon, 20 Apr 2026")


def test_atom_feed_parses_and_lists_only_published_outlooks(client, content):
    root = ET.fromstring(client.get("/feeds/atom/").content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [content.headline]
    assert entries[0].findtext(f"{ATOM}published").startswith("2026-04-20")


def test_profession_feeds_list_that_professions_published_outlooks(client, content):
    rss = ET.fromstring(client.get("/feeds/backend-developer/rss/").content)
    assert [i.findtext("title") for i in rss.findall("./channel/item")] == [content.headline]
    atom = ET.fromstring(client.get("/feeds/backend-developer/atom/").content)
    assert len(atom.findall(f"{ATOM}entry")) == 1
    assert client.get("/feeds/draft-job/rss/").status_code == 404
    assert client.get("/feeds/nobody/atom/").status_code == 404


def sitemap_addresses(client) -> list[str]:
    """Read the sitemap index, then every sitemap file it lists; return all their addresses."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert ET.fromstring(index.content).tag == f"{SITEMAP}sitemapindex"
    addresses = []
    for location in ET.fromstring(index.content).iter(f"{SITEMAP}loc"):
        part = client.get(location.text.removeprefix("http://testserver"))
        assert part.status_code == 200
        addresses += [u.findtext(f"{SITEMAP}loc") for u in ET.fromstring(part.content)]
    return addresses


def test_sitemap_parses_and_lists_only_published_content(client, content):
    urls = sitemap_addresses(client)
    for path in [
        "/",
        "/issues/",
        "/issues/1/4/",
        "/2026/backend-developer/",
        "/professions/",
        "/professions/backend-developer/",
        "/skills/python/",
    ]:
        assert f"http://testserver{path}" in urls
    assert not [u for u in urls if "draft" in u or "hidden" in u or "/issues/1/5/" in u]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_outlook_page_has_article_and_breadcrumb_json_ld(client, content):
    html = client.get(content.get_absolute_url()).content.decode()
    article, breadcrumbs = json_ld(html)
    assert article["@type"] == "Article"
    assert article["headline"] == content.headline
    assert article["datePublished"] == "2026-04-20"
    assert article["dateModified"].startswith(content.updated_at.date().isoformat())
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [i["item"] for i in breadcrumbs["itemListElement"]] == [
        "http://testserver/",
        "http://testserver/issues/",
        "http://testserver/issues/1/4/",
        "http://testserver/2026/backend-developer/",
    ]


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client):
    outlook = OutlookFactory(standfirst='</script><script>alert("x")</script> & more')
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert "</script><script>alert" not in html
    assert json_ld(html)[0]["description"] == '</script><script>alert("x")</script> & more'


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "2026 Outlook: will AI replace your job?"),
        ("/issues/", "All issues"),
        ("/issues/1/4/", "2026 Outlook — Vol. I · No. 04 · April 20, 2026"),
        ("/2026/backend-developer/", "Will AI Replace Backend Developer in 2026?"),
        ("/professions/", "Professions A–Z"),
        ("/professions/backend-developer/", "Will AI replace Backend Developer? Every outlook"),
        ("/skills/", "Skills A–Z"),
        ("/skills/python/", "Python: is it at risk from AI?"),
        ("/search/?q=python", "Search: python"),
    ],
)
def test_every_page_has_a_title_description_canonical_and_social_meta(client, content, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{title} · Will AI Replace Me?</title>" in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert len(description) > 20
    path = url.split("?")[0]
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    for data in json_ld(html):
        assert data["@context"] == "https://schema.org"


def test_paginated_pages_have_their_own_canonical_url(client):
    for number in range(1, 30):
        IssueFactory(number=number)
    html = client.get("/issues/", {"page": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/issues/?page=2">' in html


@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/feeds/many/rss/", "/feeds/many/atom/"]
)
def test_feeds_have_bounded_queries(client, django_assert_max_num_queries, url):
    profession = ProfessionFactory(slug="many")
    for year in range(2000, 2055):
        OutlookFactory(profession=profession, year=year)
    # prevents N+1
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.content.count(b"/many/") >= 50


def test_sitemap_has_bounded_queries(client, django_assert_max_num_queries):
    issue = IssueFactory()
    for _ in range(55):
        outlook = OutlookFactory(issue=issue)
        SkillAssessmentFactory(outlook=outlook)
    # The index: a count and a latest change per section, never a row per item.
    with django_assert_max_num_queries(10):
        index = client.get("/sitemap.xml")
    assert len(ET.fromstring(index.content)) == 5
    # A section: a count and a page of rows.
    with django_assert_max_num_queries(2):
        response = client.get("/sitemap-outlooks.xml")
    assert len(ET.fromstring(response.content)) == 55
    assert len(sitemap_addresses(client)) == 4 + 1 + 55 + 55 + 55


def test_large_sections_are_split_into_files_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(OutlookSitemap, "limit", 2)
    issue = IssueFactory()
    outlooks = [OutlookFactory(issue=issue) for _ in range(5)]
    index = client.get("/sitemap.xml").content.decode()
    for page in (2, 3):
        assert f"<loc>http://testserver/sitemap-outlooks.xml?p={page}</loc>" in index
    assert "sitemap-outlooks.xml?p=4" not in index
    newest = max(outlook.updated_at for outlook in outlooks)
    assert f"<lastmod>{newest.isoformat()}</lastmod>" in index
    urls = sitemap_addresses(client)
    assert sorted(u for u in urls if re.match(r"http://testserver/\d{4}/", u)) == sorted(
        f"http://testserver{outlook.get_absolute_url()}" for outlook in outlooks
    )
    assert client.get("/sitemap-outlooks.xml?p=9").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_staff_previewing_a_draft_get_no_breadcrumb_to_a_hidden_issue(admin_client):
    issue = IssueFactory(volume=3, number=1, status=PublicationStatus.DRAFT)
    draft = OutlookFactory(issue=issue, status=PublicationStatus.DRAFT)
    html = admin_client.get(draft.get_absolute_url()).content.decode()
    assert "Draft." in html
    assert 'href="/issues/3/1/"' not in html
    assert [i["name"] for i in json_ld(html)[1]["itemListElement"]] == ["Home", draft.headline]


def test_pagination_links_drop_the_readers_tracking_tags(client):
    for number in range(1, 30):
        IssueFactory(number=number)
    html = client.get("/issues/", {"page": 2, "fbclid": "one-reader", "utm_source": "x"}).content
    assert b'href="?page=1"' in html
    assert b"one-reader" not in html
    assert b"utm_source" not in html
