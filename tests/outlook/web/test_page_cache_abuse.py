"""The page cache against visitors who try to poison it, flood it or break it."""

import datetime
import os
import shutil
import socket
import subprocess
import time

import pytest
import time_machine
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Signup
from outlook.web.middleware import PublicPageCacheMiddleware
from outlook.web.page_cache_rules import BRIEF_SECONDS, page_rule
from tests.conftest import skip_or_fail
from tests.factories import OutlookFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

SIGNUP_URL = reverse("accounts:signup")
FRAGMENT = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def outlook():
    return OutlookFactory(profession__name="Tax Adviser", profession__slug="tax-adviser")


def stored_pages() -> int:
    # The test cache is local memory; its keys say which entries are pages.
    return sum(":page:" in key for key in cache._cache)


def signup_data(outlook, email="reader@example.com") -> dict:
    return {
        "email": email,
        "profession": outlook.profession.slug,
        "consent": "on",
        "website": "",
    }


@pytest.mark.parametrize("query", ["", "?profession=tax-adviser"])
def test_a_fragment_asked_for_first_is_never_served_as_the_page(client, outlook, query):
    fragment = client.get(f"{SIGNUP_URL}{query}", **FRAGMENT)
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert "X-Cache" not in fragment
    assert stored_pages() == 0

    page = client.get(f"{SIGNUP_URL}{query}")
    assert page["X-Cache"] == "miss"
    assert b"<html" in page.content
    again = client.get(f"{SIGNUP_URL}{query}")
    assert again["X-Cache"] == "hit"
    assert b"<html" in again.content and b"<footer" in again.content


def test_the_signup_page_says_it_varies_on_the_fragment_header(client, outlook):
    assert "X-Requested-With" in client.get(SIGNUP_URL)["Vary"]


@pytest.mark.parametrize("vary", ["Accept-Language", "Cookie, User-Agent"])
def test_a_response_varying_on_another_header_is_never_stored(outlook, vary):
    def view(request):
        response = HttpResponse("<html>for this reader</html>")
        response["Vary"] = vary
        return response

    middleware = PublicPageCacheMiddleware(view)
    response = middleware(RequestFactory().get("/"))
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert stored_pages() == 0


def test_unknown_query_parameters_do_not_make_new_pages(client, outlook):
    assert client.get("/?x=0")["X-Cache"] == "miss"
    for n in range(1, 500):
        assert client.get(f"/?x={n}")["X-Cache"] == "hit"
    assert stored_pages() == 1


def test_a_query_string_on_a_view_that_declares_none_is_not_cached(client, outlook):
    response = client.get("/robots.txt?x=1")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert stored_pages() == 0


def test_a_second_spelling_of_a_path_is_served_but_never_stored(client, outlook):
    response = client.get(f"/0{outlook.year}/{outlook.profession.slug}/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert stored_pages() == 0


@pytest.mark.parametrize("page", ["01", "1.0", " 1", "-1"])
def test_a_page_number_in_another_spelling_is_never_stored(client, outlook, page):
    client.get("/professions/", {"page": page})
    assert stored_pages() == 0


def test_a_signup_link_naming_no_profession_readers_see_goes_to_the_plain_form(client, outlook):
    for n in range(20):
        response = client.get(SIGNUP_URL, {"profession": f"nothing-{n}"})
        assert response.status_code == 302
        assert response["Location"] == SIGNUP_URL
    assert stored_pages() == 0


@pytest.mark.parametrize(
    ("path", "brief"),
    [
        ("/search/?q=tax", True),
        ("/skills/?page=6", True),
        ("/issues/1/4/compare/a/b/", True),
        ("/professions/x/compare/2025/2026/", True),
        ("/skills/?page=2", False),
        ("/", False),
    ],
)
def test_pages_with_unbounded_parameters_are_kept_briefly(path, brief):
    rule = page_rule(RequestFactory().get(path))
    assert (rule.longest == BRIEF_SECONDS) is brief


def test_a_search_result_expires_after_a_minute_while_pages_stay(client, outlook):
    start = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert client.get("/search/?q=tax")["X-Cache"] == "miss"
        assert client.get(outlook.get_absolute_url())["X-Cache"] == "miss"
        clock.shift(BRIEF_SECONDS + 1)
        assert client.get("/search/?q=tax")["X-Cache"] == "miss"
        assert client.get(outlook.get_absolute_url())["X-Cache"] == "hit"


def test_pagination_links_carry_only_what_the_view_reads(rf, outlook):
    from django.template import engines

    request = rf.get("/professions/", {"category": "law", "x": "<evil>", "utm_source": "y"})
    html = engines["jinja2"].from_string("{{ page_url(2) }}").render(request=request)
    assert html == "?category=law&amp;page=2"


def test_flooding_the_page_cache_never_evicts_the_rate_limit(client, outlook, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = 2
    settings.CACHES = settings.CACHES | {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tiny-pages",
            "OPTIONS": {"MAX_ENTRIES": 5},
        }
    }
    assert client.post(SIGNUP_URL, signup_data(outlook, "a@example.com")).status_code == 302
    assert client.post(SIGNUP_URL, signup_data(outlook, "b@example.com")).status_code == 302
    for n in range(50):  # every search is stored: the page cache culls again and again
        client.get("/search/", {"q": f"term{n}"})
    assert len(caches["default"]._cache) <= 5
    assert client.post(SIGNUP_URL, signup_data(outlook, "c@example.com")).status_code == 429
    assert Signup.objects.count() == 2


UNREACHABLE_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"socket_connect_timeout": 1},
}


def test_a_cache_outage_never_turns_a_page_or_a_signup_into_a_5xx(client, outlook, settings):
    settings.CACHES = {"default": UNREACHABLE_REDIS, "ratelimit": UNREACHABLE_REDIS}
    assert client.get(outlook.get_absolute_url()).status_code == 200
    assert client.get(SIGNUP_URL).status_code == 200
    # The rate limiter fails open: the signup is recorded.
    response = client.post(SIGNUP_URL, signup_data(outlook))
    assert response.status_code == 302
    assert Signup.objects.filter(email="reader@example.com").exists()
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json()["status"] == "degraded"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def capped_redis(tmp_path):
    """A Redis of its own for pages, capped at 2 MB with LRU eviction, as README says."""
    server = shutil.which("redis-server")
    if server is None:
        skip_or_fail("needs redis-server (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(tmp_path), "--maxmemory", "2mb", "--maxmemory-policy",
         "allkeys-lru"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_flood_on_a_capped_redis_leaves_readyz_and_signups_working(
    client, outlook, settings, capped_redis
):
    counters_url = os.environ.get("TEST_REDIS_URL")
    if not counters_url:
        skip_or_fail("needs Redis: set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15")
    settings.SIGNUP_RATE_LIMIT_PER_IP = 3
    settings.CACHES = {
        "default": {"BACKEND": "outlook.web.redis_cache.RedisCache", "LOCATION": capped_redis},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": counters_url,
            "KEY_PREFIX": "test-flood",
        },
    }
    caches["ratelimit"].clear()
    try:
        for n in range(2):
            response = client.post(SIGNUP_URL, signup_data(outlook, f"{n}@example.com"))
            assert response.status_code == 302
        padding = "x" * 180  # each search page is stored: far more than 2 MB in all
        for n in range(400):
            assert client.get("/search/", {"q": f"{padding}{n}"}).status_code == 200
            assert client.get(f"/?x={n}").status_code == 200
        readiness = client.get("/readyz").json()
        assert (readiness["status"], readiness.get("reasons")) == ("ok", None)
        assert client.post(SIGNUP_URL, signup_data(outlook, "2@example.com")).status_code == 302
        # The counts survived the flood: the fourth submission is over the limit.
        assert client.post(SIGNUP_URL, signup_data(outlook, "3@example.com")).status_code == 429
    finally:
        caches["ratelimit"].clear()
