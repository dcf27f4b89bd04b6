import re

import pytest

from outlook.markdown import render_markdown
from tests.factories import IssueFactory, OutlookFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<script>alert(1)</script>\n\n"
    "[x](javascript:alert(1))\n\n"
    '<img src="x.png" onerror="alert(1)">\n\n'
    '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">y</a>'
)


# The page's own JSON-LD (its escaping is tested in tests/outlook/test_seo.py) and our own
# external script files are the only script elements a page may carry.
JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')
OWN_SCRIPT = re.compile(r'<script src="/static/js/[a-z-]+\.js" defer></script>')


def assert_inert(html: str):
    lowered = OWN_SCRIPT.sub("", JSON_LD.sub("", html)).lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered


def test_render_markdown_keeps_formatting():
    html = render_markdown("Some **bold** text and a [link](https://example.com).")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.com"' in html


def test_render_markdown_neutralises_scripts_handlers_and_javascript_urls():
    assert_inert(render_markdown(HOSTILE))


def test_a_hostile_outlook_body_renders_inert_on_the_page(client):
    outlook = OutlookFactory(body=HOSTILE)
    response = client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    assert_inert(response.content.decode())


def test_a_hostile_editors_note_renders_inert_on_the_home_page(client):
    IssueFactory(editors_note=HOSTILE)
    response = client.get("/")
    assert response.status_code == 200
    assert_inert(response.content.decode())
