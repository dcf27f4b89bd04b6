"""One render per page under a surge, the previous copy only after live edits, and dates."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils.http import http_date

from outlook.models import Outlook, PublicationStatus
from outlook.publishing import edits
from outlook.publishing import workflow as services
from outlook.web import cache as page_cache
from outlook.web import surge
from tests.factories import UserFactory
from tests.outlook.helpers import complete_outlook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def outlook():
    return complete_outlook(status=PublicationStatus.PUBLISHED, standfirst="The first words.")


@pytest.fixture
def editor():
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


def another_request_is_rendering(url: str) -> None:
    """Take the page's render lock, as a concurrent request that missed first does."""
    key = page_cache.page_cache_key(url=f"http://testserver{url}")
    assert surge.take_render_lock(key)


def test_while_a_live_edit_is_rendered_others_get_the_previous_copy(
    client, outlook, editor, after_commit
):
    url = outlook.get_absolute_url()
    client.get(url)
    with after_commit():
        edits.edit_fields(obj=outlook, user=editor, standfirst="The second words.")
    another_request_is_rendering(url)
    response = client.get(url)
    assert response["X-Cache"] == "stale"
    assert b"The first words." in response.content


def test_a_correction_may_also_be_served_previous_for_a_few_seconds_only(
    client, outlook, editor, after_commit, monkeypatch
):
    monkeypatch.setattr(surge, "WAIT_SECONDS", 0)
    url = outlook.get_absolute_url()
    client.get(url)
    with after_commit():
        edits.append_correction(outlook=outlook, user=editor, text="A count was wrong.")
    another_request_is_rendering(url)
    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=surge.STALE_SECONDS + 1)
    ):
        response = client.get(url)
    # Too long after the correction: this reader renders the page itself.
    assert response["X-Cache"] in {"miss", "uncached"}
    assert b"A count was wrong." in response.content


@pytest.mark.parametrize("withdraw", ["unpublish", "unpublish_issue"])
def test_after_a_withdrawal_no_reader_gets_the_previous_copy(
    client, outlook, editor, after_commit, monkeypatch, withdraw
):
    monkeypatch.setattr(surge, "WAIT_SECONDS", 0)
    url = outlook.get_absolute_url()
    client.get(url)
    with after_commit():
        if withdraw == "unpublish":
            services.unpublish(outlook=outlook, user=editor)
        else:
            services.unpublish_issue(issue=outlook.issue, user=editor)
    another_request_is_rendering(url)
    assert client.get(url).status_code == 404


def test_readers_who_miss_while_a_page_is_rendered_wait_for_that_render(
    client, outlook, monkeypatch
):
    url = outlook.get_absolute_url()
    another_request_is_rendering(url)
    first_reader = Client()
    seen = []

    def meanwhile(seconds):
        # The request holding the lock finishes: its page is stored, the lock released.
        if not seen:
            cache.delete(surge.lock_name(page_cache.page_cache_key(url=f"http://testserver{url}")))
            seen.append(first_reader.get(url)["X-Cache"])

    monkeypatch.setattr(surge.time, "sleep", meanwhile)
    response = client.get(url)
    assert seen == ["miss"]  # the one render
    assert response["X-Cache"] == "hit"  # this reader waited for it and rendered nothing


def test_last_modified_is_the_contents_date_not_the_caches(client, outlook, editor, after_commit):
    url = outlook.get_absolute_url()
    Outlook.objects.filter(pk=outlook.pk).update(
        updated_at=datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
    )
    miss = client.get(url)
    assert miss["Last-Modified"] == "Mon, 05 Jan 2026 09:30:00 GMT"
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    assert hit["Last-Modified"] == miss["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": miss["Last-Modified"]}).status_code == 304

    with after_commit():
        correction = edits.append_correction(outlook=outlook, user=editor, text="Fixed.")
    assert client.get(url)["Last-Modified"] == http_date(correction.created_at.timestamp())
