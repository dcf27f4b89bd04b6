import re
import sys
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outlook.management.demo.content import ISSUES
from outlook.media.markdown import MARKDOWN_MAX_CHARS, render_markdown
from tests.benchmarks.markdown_inputs import PATHOLOGICAL_MARKDOWN
from tests.factories import IssueFactory, OutlookFactory
from tests.outlook.form_html import form_data
from tests.outlook.markdown_before_switch import RENDERED_BEFORE_SWITCH

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<script>alert(1)</script>\n\n"
    "[x](javascript:alert(1))\n\n"
    '<img src="x.png" onerror="alert(1)">\n\n'
    '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">y</a>'
)


# The page's own JSON-LD (its escaping is tested in tests/outlook/reading/test_seo.py) and our own
# external script files are the only script elements a page may carry.
JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')
OWN_SCRIPT = re.compile(r'<script src="/static/js/[a-z-]+\.js" defer></script>')


def assert_inert(html: str):
    lowered = OWN_SCRIPT.sub("", JSON_LD.sub("", html)).lower()
    assert "<script" not in lowered
    # As an attribute value; the words in plain text (a refused link left as text) are inert.
    assert not re.search(r"=\s*[\"']?\s*javascript:", lowered)
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


class VisibleHtml(HTMLParser):
    """Reduce HTML to what a browser shows: tags with sorted attributes, text with its
    whitespace collapsed (a newline between two tags or before a nested list shows nothing)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if text := " ".join(data.split()):
            self.parts.append(text)


def visible(html: str) -> list[str]:
    parser = VisibleHtml()
    parser.feed(html)
    return parser.parts


@pytest.mark.parametrize("name", RENDERED_BEFORE_SWITCH)
def test_every_construct_editors_use_renders_as_before_the_switch(name):
    markdown, html_before = RENDERED_BEFORE_SWITCH[name]
    assert visible(render_markdown(markdown)) == visible(html_before)


def test_the_demo_content_renders_as_before_the_switch():
    before = dict(RENDERED_BEFORE_SWITCH.values())
    notes = [issue["editors_note"] for issue in ISSUES]
    assert notes and all(note in before for note in notes)
    for note in notes:
        assert visible(render_markdown(note)) == visible(before[note])


def test_a_list_right_after_a_paragraph_line_is_a_list_as_the_readme_says():
    html = render_markdown("Three things:\n- one\n- two")
    assert visible(html) == visible("<p>Three things:</p><ul><li>one</li><li>two</li></ul>")


def python_calls(call) -> int:
    """Count the Python and C function calls `call` makes: a measure of work that, unlike a
    clock, does not depend on what else the machine is doing."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("name", PATHOLOGICAL_MARKDOWN)
def test_doubling_pathological_markdown_about_doubles_the_work(name):
    make = PATHOLOGICAL_MARKDOWN[name]
    # __wrapped__: the renderer itself, past its cache of recent results.
    small = python_calls(lambda: render_markdown.__wrapped__(make(2_000)))
    large = python_calls(lambda: render_markdown.__wrapped__(make(4_000)))
    assert large <= 2.3 * small, f"{name}: {small} calls, then {large} for twice the text"


@pytest.mark.parametrize("name", PATHOLOGICAL_MARKDOWN)
def test_pathological_markdown_at_the_length_limit_renders_inert(name):
    text = PATHOLOGICAL_MARKDOWN[name](MARKDOWN_MAX_CHARS)
    assert len(text) == MARKDOWN_MAX_CHARS
    assert_inert(render_markdown.__wrapped__(text))


def test_the_preview_refuses_markdown_past_the_limit_with_the_limit_named(admin_client):
    at_limit = admin_client.post("/markdownx/markdownify/", {"content": "[" * MARKDOWN_MAX_CHARS})
    assert at_limit.status_code == 200
    response = admin_client.post(
        "/markdownx/markdownify/", {"content": "[" * (MARKDOWN_MAX_CHARS + 1)}
    )
    assert response.status_code == 400
    assert f"the limit is {MARKDOWN_MAX_CHARS:,}" in response.content.decode()


@pytest.mark.parametrize(
    ("factory", "field", "admin_name"),
    [(OutlookFactory, "body", "outlook_outlook"), (IssueFactory, "editors_note", "outlook_issue")],
)
def test_the_admin_refuses_markdown_past_the_limit_with_a_message(
    admin_client, factory, field, admin_name
):
    obj = factory(**{field: "Short."})
    url = reverse(f"admin:{admin_name}_change", args=[obj.pk])
    data = form_data(admin_client.get(url), f"{obj._meta.model_name}_form")
    response = admin_client.post(url, data | {field: "x" * (MARKDOWN_MAX_CHARS + 1)})
    assert response.status_code == 200
    assert f"at most {MARKDOWN_MAX_CHARS}" in response.content.decode().replace(",", "")
    obj.refresh_from_db()
    assert getattr(obj, field) == "Short."


def test_the_model_refuses_markdown_past_the_limit():
    outlook = OutlookFactory()
    outlook.body = "x" * (MARKDOWN_MAX_CHARS + 1)
    with pytest.raises(ValidationError) as error:
        outlook.full_clean()
    assert "body" in error.value.message_dict
