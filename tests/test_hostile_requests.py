"""No request, however built, gets a 5xx: every URL pattern and every form field, public and
admin, with NUL bytes, invalid UTF-8, negative and huge numbers and malformed ids.

The URLs come from the URLconf itself, so a new page is walked without being listed here.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tokens import make_confirm_token
from tests.factories import (
    InsightFactory,
    OutlookFactory,
    SignupFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
    WhatChangedFactory,
)

pytestmark = pytest.mark.django_db

# Already percent-encoded, so they reach Django as the bytes an attacker would send.
NUL, BAD_UTF8, NEGATIVE, HUGE = "%00", "%FF%FE", "-1", "99999999999999999999999"
QUERY_VALUES = [NUL, BAD_UTF8, NEGATIVE, HUGE, "1e999", "a%00b", "x" * 3000]
# For each kind of path segment, what its converter lets through that a view might choke on.
SEGMENT_VALUES = {
    "int": ["0", HUGE, "0000000000000000000000001"],
    "slug": ["-", "a" * 300],
    "str": [NUL, BAD_UTF8, "x" * 2000],
    "path": [NUL, BAD_UTF8, NEGATIVE, "abc", "1/2"],
    "regex": [NUL, NEGATIVE, "abc"],
}
# Parameters read by Django's admin and our views; each changelist adds its own filters.
QUERY_NAMES = [
    "q", "o", "p", "e", "all", "page", "from", "to", "a", "b", "category", "profession",
    "term", "app_label", "model_name", "field_name", "_changelist_filters", "_popup",
    "_to_field", "format", "next", "revision", "left", "right",
]  # fmt: skip
SEGMENT = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def routes(patterns=None, prefix=""):
    """Yield every route of the URLconf as text, e.g. "issues/<int:volume>/<int:number>/"."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def hostile_paths(route: str, real: dict[str, str]) -> list[str]:
    """Return the route with each segment in turn filled with hostile values, the others
    with real ones (so the view gets past its first lookup), then all real."""
    segments = list(SEGMENT.finditer(route))

    def kind(match) -> str:
        return match.group(1) or ("str" if match.group(0).startswith("<") else "regex")

    def fill(index: int | None, value: str) -> str:
        path, last = "", 0
        for other_index, other in enumerate(segments):
            name = other.group(2) or other.group(3) or ""
            filler = value if other_index == index else real.get(name, "1")
            path += route[last : other.start()] + filler
            last = other.end()
        return "/" + path + route[last:]

    paths = [fill(None, "")]
    for index, segment in enumerate(segments):
        paths += [fill(index, value) for value in SEGMENT_VALUES[kind(segment)]]
    return paths


class PostForms(HTMLParser):
    """Every POST form of a page: its action and the values a browser would send unchanged."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.current: dict[str, str] | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.current = {}
                self.forms.append((attrs.get("action") or "", self.current))
            return
        if self.current is None or (tag != "option" and not attrs.get("name")):
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.current[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.current[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
        elif (
            tag == "option"
            and self.select
            and (self.select not in self.current or "selected" in attrs)
        ):
            self.current[self.select] = attrs.get("value") or ""

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def post_forms(response) -> list[tuple[str, dict[str, str]]]:
    parser = PostForms()
    parser.feed(response.content.decode())
    return parser.forms


def encoded(data: dict[str, str], raw: dict[str, str]) -> str:
    """URL-encode `data`, then add `raw` values as they are (already percent-encoded)."""
    pairs = [f"{quote(name)}={quote(value)}" for name, value in data.items() if name not in raw]
    return "&".join(pairs + [f"{quote(name)}={value}" for name, value in raw.items()])


@pytest.fixture
def site():
    outlook = OutlookFactory(profession__slug="nurse", profession__name="Nurse")
    TaskAssessmentFactory(outlook=outlook)
    SkillAssessmentFactory(outlook=outlook)
    WhatChangedFactory(outlook=outlook)
    InsightFactory(outlook=outlook)
    other = OutlookFactory(issue=outlook.issue, profession__slug="tax-adviser")
    signup = SignupFactory(profession=outlook.profession, confirmed_at=None)
    # The first user, whose admin pages the walk edits, is not the one walking.
    UserFactory(username="another", is_staff=True)
    real = {
        "slug": "nurse",
        "left": "nurse",
        "right": "tax-adviser",
        "year": str(outlook.year),
        "earlier": str(outlook.year - 1),
        "later": str(outlook.year),
        "volume": str(outlook.issue.volume),
        "number": str(outlook.issue.number),
        "object_id": str(outlook.pk),
        "token": make_confirm_token(signup),
        "section": "outlooks",
        "step": "submit",
    }
    return {"outlook": outlook, "other": other, "signup": signup, "real": real}


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def staff():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def server_errors(client, method: str, url: str, body: str | None = None) -> list[str]:
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    return (
        [f"{method} {url[:200]} -> {response.status_code}"] if response.status_code >= 500 else []
    )


def test_every_url_pattern_with_hostile_segments_and_query_answers_below_500(
    site, anonymous, staff
):
    errors = []
    values = [NUL, BAD_UTF8, NEGATIVE, HUGE, "x" * 3000]
    query_strings = ["&".join(f"{name}={value}" for name in QUERY_NAMES) for value in values]
    # One parameter hostile, the others sensible: "from=-1&to=2026" reaches further than
    # two bad values the view refuses at once.
    query_strings += [
        f"from={value}&to=2026&a=nurse&b={value}&page=1&q=nurse&o=1" for value in values
    ]
    for route in routes():
        client = staff if route.startswith("admin/") else anonymous
        paths = hostile_paths(route, site["real"])
        for path in paths:
            errors += server_errors(client, "GET", path)
        base = paths[0]
        for query in query_strings:
            errors += server_errors(client, "GET", f"{base}?{query}")
    assert not errors, "\n".join(errors)


def test_every_changelist_filter_and_search_with_hostile_values_answers_below_500(site, staff):
    errors = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = staff.get(url).content.decode()
        # Each filter link names a parameter; try every one with each hostile value.
        names = set(re.findall(r'href="\?([^"=&]+)=', page)) | {"q", "o", "p"}
        for name in sorted(names):
            for value in QUERY_VALUES:
                errors += server_errors(staff, "GET", f"{url}?{quote(name)}={value}")
    autocomplete = reverse("admin:autocomplete")
    for value in QUERY_VALUES:
        query = f"app_label=outlook&model_name=skillassessment&field_name=skill&term={value}"
        errors += server_errors(staff, "GET", f"{autocomplete}?{query}")
    assert not errors, "\n".join(errors)


def admin_form_pages(site) -> list[str]:
    """Every admin add, change and changelist page, then the delete pages (which delete)."""
    pages, deletes = [], []
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [reverse(f"{info}_add"), reverse(f"{info}_changelist")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{info}_change", args=[first.pk]))
            deletes.append(reverse(f"{info}_delete", args=[first.pk]))
    return pages + deletes


def test_every_admin_form_field_with_hostile_values_answers_below_500(site, staff):
    errors = []
    for page in admin_form_pages(site):
        for action, data in post_forms(staff.get(page)):
            if action == reverse("admin:logout"):
                continue  # signing out would end the walk
            url = action or page
            data.setdefault("_selected_action", str(site["outlook"].pk))
            # Every field at once with what no field takes...
            for value in (NUL, BAD_UTF8):
                errors += server_errors(
                    staff, "POST", url, encoded(data, dict.fromkeys(data, value))
                )
            # ...then each field holding a number or an id (or nothing yet) on its own: text
            # fields take any text, numbers and ids are where lookups break.
            for name, current in data.items():
                # An inline's rows share their fields: its first row stands for the others.
                if re.search(r"-[1-9]\d*-", name):
                    continue
                if re.fullmatch(r"-?\d*", current) and name != "csrfmiddlewaretoken":
                    for value in (HUGE, NEGATIVE, "abc"):
                        errors += server_errors(staff, "POST", url, encoded(data, {name: value}))
    assert not errors, "\n".join(errors)


def test_every_public_form_field_with_hostile_values_answers_below_500(site, anonymous):
    errors = []
    confirm = reverse("accounts:confirm", args=[make_confirm_token(site["signup"])])
    pages = [reverse("accounts:signup"), site["outlook"].get_absolute_url(), confirm]
    for page in pages:
        forms = post_forms(anonymous.get(page))
        assert forms, f"{page} has no form to try"
        for action, data in forms:
            for name in data:
                for value in QUERY_VALUES:
                    body = encoded(data, {name: value})
                    errors += server_errors(anonymous, "POST", action or page, body)
                    # Our script's in-place submission takes another path through the view.
                    response = anonymous.post(
                        action or page,
                        body,
                        content_type="application/x-www-form-urlencoded",
                        HTTP_X_REQUESTED_WITH="fetch",
                    )
                    if response.status_code >= 500:
                        errors.append(f"POST (fetch) {action or page} {name}={value}")
    assert not errors, "\n".join(errors)
