"""Cache-Control for shared caches: s-maxage on public pages, private and no-store elsewhere."""

import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from outlook.models import PublicationStatus
from outlook.publishing import workflow as services
from outlook.publishing.previews import preview_link
from outlook.web.shared_cache import SharedCacheHeadersMiddleware
from tests.factories import OutlookFactory, UserFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def shared(settings):
    settings.SHARED_CACHE_SECONDS = 600


def test_a_public_page_is_kept_by_shared_caches_and_revalidated_by_browsers(client, shared):
    response = client.get(OutlookFactory().get_absolute_url())
    assert directives(response) == {
        "public",
        "max-age=0",
        "must-revalidate",
        "s-maxage=600",
        "stale-while-revalidate=30",
    }


def test_with_the_page_cache_a_hit_gets_the_same_lifetime(client, shared, page_cache):
    url = OutlookFactory().get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    assert "s-maxage=600" in directives(hit)
    assert hit["xkey"]


def schedule_in_issue_of(page_outlook, *, seconds: int):
    """Schedule, through the gate, another outlook of the same issue to go live soon."""
    coming = complete_outlook(issue=page_outlook.issue, profession__name="Bookbinder")
    editor = UserFactory(username="chief", is_staff=True, is_superuser=True)
    go_live_at = timezone.now() + datetime.timedelta(seconds=seconds)
    services.schedule(outlook=coming, user=editor, go_live_at=go_live_at)


def test_a_scheduled_go_live_caps_the_lifetime_of_the_pages_that_show_it(
    client, shared, after_commit
):
    shown = OutlookFactory()
    elsewhere = OutlookFactory().get_absolute_url()  # another issue
    issue_page = shown.issue.get_absolute_url()
    assert "s-maxage=600" in directives(client.get(issue_page))
    # An outlook going live in two minutes will appear on its issue's page: no cache keeps
    # that page longer, and none serves it stale past then.
    with after_commit():
        schedule_in_issue_of(shown, seconds=120)
    found = directives(client.get(issue_page))
    lifetime = next(int(part.split("=")[1]) for part in found if part.startswith("s-maxage="))
    assert 110 <= lifetime <= 120
    assert not any(part.startswith("stale-while-revalidate") for part in found)
    # A page that will not show it keeps its full lifetime.
    assert "s-maxage=600" in directives(client.get(elsewhere))


def test_without_a_shared_lifetime_shared_caches_keep_nothing(client, settings):
    settings.SHARED_CACHE_SECONDS = 0
    response = client.get(OutlookFactory().get_absolute_url())
    assert directives(response) == {"public", "max-age=0", "must-revalidate"}


def test_staff_previews_and_posts_are_private_and_never_stored(client, shared):
    outlook = OutlookFactory()
    draft = OutlookFactory(status=PublicationStatus.DRAFT)
    answers = [client.get(preview_link(draft)), client.post(outlook.get_absolute_url())]
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    answers += [
        client.get(outlook.get_absolute_url()),
        client.get(draft.get_absolute_url()),
        client.get("/admin/"),
    ]
    for response in answers:
        found = directives(response)
        assert {"private", "no-store"} <= found
        assert "public" not in found
        assert not any(part.startswith("s-maxage") for part in found)


def test_a_response_setting_a_cookie_is_private_and_loses_its_keys(shared):
    def view(request):
        response = HttpResponse("<p>Hello, reader</p>")
        response["xkey"] = response["Surrogate-Key"] = "site outlook-1"
        response.set_cookie("seen", "1")
        return response

    response = SharedCacheHeadersMiddleware(view)(RequestFactory().get("/"))
    assert {"private", "no-store"} <= directives(response)
    assert "xkey" not in response
    assert "Surrogate-Key" not in response


def test_not_found_pages_are_not_given_a_shared_lifetime(client, shared):
    response = client.get("/2026/no-such-profession/")
    assert response.status_code == 404
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_a_go_live_just_past_the_lifetime_forbids_serving_stale(client, shared, after_commit):
    shown = OutlookFactory()
    with after_commit():
        schedule_in_issue_of(shown, seconds=610)
    found = directives(client.get(shown.issue.get_absolute_url()))
    assert "s-maxage=600" in found
    assert not any(part.startswith("stale-while-revalidate") for part in found)
