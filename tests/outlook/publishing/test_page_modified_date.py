"""An outlook's page has one modification date, its last edit or newest correction, and every
place that reports it (JSON-LD, Atom, the sitemap, the Last-Modified header) says the same."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils.http import http_date, parse_http_date

from outlook.models import Correction
from tests.factories import OutlookFactory

pytestmark = pytest.mark.django_db

EDITED = datetime.datetime(2026, 4, 20, 8, 0, tzinfo=datetime.UTC)
CORRECTED = datetime.datetime(2026, 5, 3, 11, 0, tzinfo=datetime.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def corrected():
    """A published outlook edited on April 20 and corrected on May 3."""
    with time_machine.travel(EDITED, tick=False):
        outlook = OutlookFactory(profession__slug="corrected-job")
    Correction.objects.create(outlook=outlook, text="Fixed a figure.", created_at=CORRECTED)
    outlook.refresh_from_db()
    assert outlook.updated_at == EDITED
    return outlook


def test_json_ld_date_modified_is_the_correction(client, corrected):
    html = client.get(corrected.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block.group(1))["dateModified"] == CORRECTED.isoformat()


def test_atom_entry_updated_is_the_correction(client, corrected):
    feed = ET.fromstring(client.get("/feeds/atom/").content)
    entry = feed.find(f"{ATOM}entry")
    assert datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text) == CORRECTED
    assert datetime.datetime.fromisoformat(feed.find(f"{ATOM}updated").text) == CORRECTED


def test_sitemap_lastmod_is_the_correction(client, corrected):
    section = ET.fromstring(client.get("/sitemap-outlooks.xml").content)
    (lastmod,) = [url.find(f"{SITEMAP}lastmod").text for url in section]
    assert datetime.date.fromisoformat(lastmod[:10]) == CORRECTED.date()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    outlooks = [s for s in index if "outlooks" in s.find(f"{SITEMAP}loc").text]
    assert outlooks[0].find(f"{SITEMAP}lastmod").text.startswith(CORRECTED.date().isoformat())


@pytest.mark.parametrize("cached", [False, True])
def test_last_modified_header_is_the_correction(client, corrected, request, cached):
    if cached:
        request.getfixturevalue("page_cache")
        client.get(corrected.get_absolute_url())
    response = client.get(corrected.get_absolute_url())
    assert parse_http_date(response["Last-Modified"]) == CORRECTED.timestamp()
    unchanged = client.get(
        corrected.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=http_date(CORRECTED.timestamp())
    )
    assert unchanged.status_code == (304 if cached else 200)
