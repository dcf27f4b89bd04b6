"""Public pages, feeds and data are compressed; what holds one reader's data is not (BREACH)."""

import gzip
import json

import brotli
import pytest
from django.urls import reverse

from outlook.models import PublicationStatus
from outlook.publishing.previews import preview_link
from outlook.web import compression
from tests.factories import OutlookFactory, TaskAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlook():
    outlook = OutlookFactory()
    TaskAssessmentFactory(outlook=outlook, task="Prepare returns")
    return outlook


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_pages_are_gzipped_for_clients_that_accept_it(client, outlook):
    url = outlook.get_absolute_url()
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert "accept-encoding" in vary(plain)

    zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped["Content-Encoding"] == "gzip"
    assert "accept-encoding" in vary(zipped)
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 2
    assert gzip.decompress(zipped.content) == plain.content


def test_brotli_is_preferred_when_accepted_and_a_refusal_is_respected(client, outlook):
    url = outlook.get_absolute_url()
    plain = client.get(url).content
    answer = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert answer["Content-Encoding"] == "br"
    assert brotli.decompress(answer.content) == plain
    refused = client.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0.5"})
    assert refused["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(url, headers={"Accept-Encoding": "identity"})


def test_xml_json_and_csv_are_compressed(client, outlook):
    issue = {"volume": outlook.issue.volume, "number": outlook.issue.number}
    for url in (
        reverse("outlook:feed_atom"),
        reverse("outlook:sitemap_section", kwargs={"section": "outlooks"}),
        reverse("outlook:dataset_json", kwargs=issue),
        reverse("outlook:dataset_csv", kwargs=issue),
    ):
        plain = body(client.get(url))
        answer = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert answer["Content-Encoding"] == "gzip", url
        assert gzip.decompress(body(answer)) == plain, url
    document = client.get(reverse("outlook:dataset_json", kwargs=issue))
    assert json.loads(body(document))


def body(response) -> bytes:
    """The datasets are files streamed from storage; pages and feeds are not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_cached_pages_keep_working_validators_once_compressed(client, outlook, page_cache):
    url = outlook.get_absolute_url()
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    hit = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert hit["X-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert hit.content == first.content
    # Compressed bytes differ per encoding: the validator is weak, and still answers a 304.
    assert hit["ETag"].startswith('W/"')
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": hit["ETag"]})
    assert again.status_code == 304


def test_what_holds_one_readers_data_or_a_csrf_token_is_not_compressed(client, outlook):
    gzip_ok = {"Accept-Encoding": "gzip, br"}
    draft = OutlookFactory(status=PublicationStatus.DRAFT)
    # A reader's own input echoed back, and a shared preview link.
    answers = [
        client.post(
            reverse("accounts:signup"),
            {"email": "reader@example.com", "profession": "no-such-profession"},
            headers={**gzip_ok, "Sec-Fetch-Site": "same-origin"},
        ),
        client.get(preview_link(draft), headers=gzip_ok),
    ]
    assert b"reader@example.com" in answers[0].content
    # Staff pages: the admin's forms carry CSRF tokens.
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    answers += [
        client.get(reverse("admin:outlook_outlook_change", args=[outlook.pk]), headers=gzip_ok),
        client.get(outlook.get_absolute_url(), headers=gzip_ok),
    ]
    assert b"csrfmiddlewaretoken" in answers[2].content
    for response in answers:
        assert response.status_code in (200, 400)
        assert "Content-Encoding" not in response


def test_large_downloads_are_compressed_without_being_kept(monkeypatch):
    monkeypatch.setattr(compression, "MEMO_MAX_LENGTH", 1000)
    compression.memoized_compress.cache_clear()
    large, small = b"a,b,c\n" * 1000, b"a,b,c\n" * 100
    assert gzip.decompress(compression.compressed(large, "gzip")) == large
    assert brotli.decompress(compression.compressed(small, "br")) == small
    assert compression.memoized_compress.cache_info().currsize == 1
