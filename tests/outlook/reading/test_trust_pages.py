"""The about, methodology and privacy pages: what they say, their metadata and links to them."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from outlook.models import EXPOSURE_INDEX_FORMULA
from outlook.reading.seo import PUBLISHER_LOGO_SIZE
from tests.factories import OutlookFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db

TRUST_PAGES = {
    "outlook:about": ("About this publication", "/about/"),
    "outlook:methodology": ("Methodology", "/methodology/"),
    "accounts:privacy": ("Privacy notice", "/privacy/"),
}


def meta(html: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    assert found, f"no {name} meta tag"
    return found.group(1)


@pytest.mark.parametrize("url_name", TRUST_PAGES)
def test_each_trust_page_has_its_own_title_description_canonical_and_open_graph(
    client, django_assert_max_num_queries, url_name
):
    title, path = TRUST_PAGES[url_name]
    # prevents N+1 (and any query at all: nothing on these pages comes from the database)
    with django_assert_max_num_queries(0):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{title} · Will AI Replace Me?</title>" in html
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert meta(html, "property", "og:url") == f"http://testserver{path}"
    assert meta(html, "property", "og:title") == title
    description = meta(html, "name", "description")
    assert description != "Profession by profession, how exposed each job is to AI, task by task."
    assert meta(html, "property", "og:description") == description
    assert meta(html, "name", "twitter:description") == description


def test_methodology_defines_the_levels_and_shows_the_one_index_formula(client):
    html = client.get(reverse("outlook:methodology")).content.decode()
    for level in ("HIGH", "MEDIUM", "LOW"):
        assert f"<dt>{level}</dt>" in html
    assert f"= {EXPOSURE_INDEX_FORMULA}</p>" in html
    assert "<li>High: 100</li>" in html and "<li>Low: 0</li>" in html
    for heading in ("research-and-review", "corrections"):
        assert f'<h2 id="{heading}">' in html


def test_the_privacy_notice_and_about_page_name_the_data_controller(client, settings):
    settings.DATA_CONTROLLER = "Example Media Ltd, 1 High Street, Leeds"
    privacy = client.get(reverse("accounts:privacy")).content.decode()
    assert "The data controller is Example Media Ltd, 1 High Street, Leeds." in privacy
    about = client.get(reverse("outlook:about")).content.decode()
    assert "published by Example Media Ltd, 1 High Street, Leeds." in about


def test_every_page_footer_links_to_about_methodology_and_privacy(client):
    outlook = OutlookFactory()
    for url in ("/", outlook.get_absolute_url(), "/professions/", "/methodology/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        for path in ("/about/", "/methodology/", "/privacy/"):
            assert f'<a href="{path}">' in footer, (url, path)


def test_outlook_pages_and_every_index_formula_link_to_the_methodology(client):
    outlook = OutlookFactory()
    TaskAssessmentFactory(outlook=outlook)
    pages = [
        outlook.get_absolute_url(),
        outlook.issue.get_absolute_url(),
        outlook.profession.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        formula = html.split('<p class="formula">')[1].split("</p>")[0]
        assert '<a href="/methodology/#exposure-index">Methodology</a>' in formula, url
    outlook_page = client.get(pages[0]).content.decode()
    assert '<a href="/methodology/">How we rate tasks and review outlooks</a>' in outlook_page


def test_the_sitemap_lists_the_trust_pages(client):
    addresses = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/about/", "/methodology/", "/privacy/"):
        assert f"<loc>http://testserver{path}</loc>" in addresses


def test_the_publisher_logo_is_drawn_as_a_square_png(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    call_command("draw_publisher_logo", stdout=io.StringIO())
    with Image.open(tmp_path / "static" / "img" / "publisher-logo.png") as logo:
        assert logo.format == "PNG"
        assert logo.size == (PUBLISHER_LOGO_SIZE, PUBLISHER_LOGO_SIZE)
        assert logo.getpixel((PUBLISHER_LOGO_SIZE // 2, 10)) == (0x9B, 0x2C, 0x1F)
