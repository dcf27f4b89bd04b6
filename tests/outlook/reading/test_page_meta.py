"""Every public page type names its canonical address, describes itself and has Open Graph tags."""

import re
from html import unescape

import pytest
from django.core.management import call_command

from tests.page_types import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return unescape(found.group(1)) if found else None


def missing_tags(html: str, path: str) -> list[str]:
    problems = []
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    expected = f"http://testserver{path.split('?')[0]}"
    if not canonical or canonical.group(1) != expected:
        problems.append(f"canonical is not {expected}")
    if meta(html, "property", "og:url") != expected:
        problems.append("og:url")
    title = unescape(re.search(r"<title>(.*?) · Will AI Replace Me\?</title>", html).group(1))
    if meta(html, "property", "og:title") != title or title == "Outlook":
        problems.append(f"og:title is not the page title {title!r}")
    description = meta(html, "name", "description")
    if not description or len(description) < 20:
        problems.append("description")
    if meta(html, "property", "og:description") != description:
        problems.append("og:description differs from the description")
    if meta(html, "property", "og:type") not in {"website", "article", "profile"}:
        problems.append("og:type")
    if meta(html, "name", "twitter:card") not in {"summary", "summary_large_image"}:
        problems.append("twitter:card")
    return problems


def test_every_page_type_has_canonical_description_and_open_graph_tags(client):
    call_command("load_demo")
    found = {}
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        found[name] = missing_tags(response.content.decode(), path)
    assert found == {name: [] for name in PUBLIC_PAGES}


def test_a_page_without_a_canonical_link_is_reported():
    html = "<title>Privacy notice · Will AI Replace Me?</title>"
    assert "canonical is not http://testserver/privacy/" in missing_tags(html, "/privacy/")
