"""The shipped Varnish configuration, for real: varnishd from Debian's packages in front of
gunicorn on loopback ports, purged through the app's purge backend (outlook/web/purge.py)."""

import datetime
import gzip
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from outlook.models import PublicationStatus
from outlook.publishing import edits
from outlook.publishing import workflow as services
from outlook.publishing.previews import preview_link
from outlook.reading.params import TRACKING_PARAMETER
from outlook.settings_env import redis_cache
from outlook.web import purge
from tests.conftest import database_url, skip_or_fail
from tests.factories import UserFactory
from tests.outlook.helpers import complete_outlook

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
XKEY_VMOD = "libvmod_xkey.so"
SHARED_REDIS = os.environ.get("TEST_REDIS_URL", "")

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(command: list[str], *, port: int, log: Path, env: dict | None = None):
    """Run a server until the fixture ends: yield its port once it accepts connections."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} stopped: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{process.args[0]} did not start: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def varnishd_path():
    path = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if not path:
        skip_or_fail("varnishd is missing: apt-get install varnish varnish-modules")
    if not list(Path("/usr/lib").glob(f"*/varnish/vmods/{XKEY_VMOD}")):
        skip_or_fail("Varnish's xkey module is missing: apt-get install varnish-modules")
    return path


@pytest.fixture(scope="module")
def app_port(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn serving the test database, with the page cache off: every hit is Varnish's."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with django_db_blocker.unblock():
        url = database_url()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "PURGE_BACKEND", "PURGE_URLS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="outlook.settings",
        DATABASE_URL=url,
        PAGE_CACHE_SECONDS="0",
        SHARED_CACHE_SECONDS="3600",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="4",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_LOG_LEVEL="warning",
    )
    if SHARED_REDIS:
        # Events from the test process reach gunicorn's schedule through the shared cache.
        env["REDIS_URL"] = SHARED_REDIS
    command = [sys.executable, "-m", "gunicorn", "-c", "outlook/gunicorn.conf.py"]
    yield from serve(command, port=port, log=log, env=env)


@pytest.fixture(scope="module")
def varnish_port(varnishd_path, app_port, tmp_path_factory):
    """varnishd with the shipped VCL, its backend pointed at the test's gunicorn."""
    workdir = tmp_path_factory.mktemp("varnish")
    vcl = VCL.read_text()
    assert '.port = "8000";' in vcl
    (workdir / "test.vcl").write_text(vcl.replace('.port = "8000";', f'.port = "{app_port}";'))
    port = free_port()
    command = [
        varnishd_path,
        "-F",  # in the foreground, so the test owns the process
        "-j",
        "none",  # no privilege separation: runs as whoever runs the tests
        "-n",
        str(workdir / "instance"),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "none",
        "-f",
        str(workdir / "test.vcl"),
        "-s",
        "malloc,64m",
    ]
    yield from serve(command, port=port, log=workdir / "varnishd.log")


@pytest.fixture
def varnish(varnish_port, settings):
    """Fetch through Varnish; the app purges it as production does, starting empty."""
    settings.PURGE_BACKEND = "varnish"
    settings.PURGE_URLS = [f"http://127.0.0.1:{varnish_port}"]
    if SHARED_REDIS:
        settings.CACHES = {**settings.CACHES, "default": redis_cache(SHARED_REDIS, "outlook")}
    purge.purge_everything()
    return Varnish(varnish_port)


class Varnish:
    def __init__(self, port: int):
        self.port = port

    def fetch(self, path, *, method="GET", headers=None, body=None, source="127.0.0.1"):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.fetch(path, **kwargs)

    def get_bytes(self, path, headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return dict(response.getheaders()), response.read()
        finally:
            connection.close()


def test_a_repeat_read_is_a_varnish_hit_and_keys_stay_inside(varnish):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    url = outlook.get_absolute_url()

    status, headers, first = varnish.get(url)
    assert status == 200
    assert headers["X-Shared-Cache"] == "miss"
    assert "s-maxage=3600" in headers["Cache-Control"]
    assert "max-age=0" in headers["Cache-Control"]
    status, headers, again = varnish.get(url)
    assert (status, headers["X-Shared-Cache"]) == (200, "hit")
    assert again == first
    # The keys are Varnish's business, not the reader's.
    assert "xkey" not in {name.lower() for name in headers}
    assert "surrogate-key" not in {name.lower() for name in headers}
    # A shared link with tracking parameters is the same stored page.
    assert varnish.get(f"{url}?utm_source=newsletter&fbclid=abc")[1]["X-Shared-Cache"] == "hit"


def test_staff_pages_and_drafts_shown_to_staff_are_never_stored(varnish):
    draft = complete_outlook(status=PublicationStatus.DRAFT)
    url = draft.get_absolute_url()
    staff = Client()
    staff.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    cookie = {"Cookie": f"sessionid={staff.cookies['sessionid'].value}"}

    for _ in range(2):
        status, headers, body = varnish.get(url, headers=cookie)
        assert status == 200
        assert "Draft" in body
        assert headers["X-Shared-Cache"] == "miss"
        assert "private" in headers["Cache-Control"]
        status, headers, _body = varnish.get("/admin/", headers=cookie)
        assert status == 200
        assert headers["X-Shared-Cache"] == "miss"
    # A reader never gets what staff saw.
    assert varnish.get(url)[0] == 404


def test_previews_are_never_stored(varnish):
    draft = complete_outlook(status=PublicationStatus.DRAFT)
    link = preview_link(draft)
    for _ in range(2):
        status, headers, body = varnish.get(link)
        assert status == 200
        assert draft.headline in body
        assert headers["X-Shared-Cache"] == "miss"
        assert "no-store" in headers["Cache-Control"]


def test_posts_are_never_stored(varnish):
    complete_outlook(status=PublicationStatus.PUBLISHED)
    form = b"email=reader%40example.com&profession=no-such-profession"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
    }
    for _ in range(2):
        status, answer, body = varnish.fetch("/signup/", method="POST", body=form, headers=headers)
        assert status == 400
        assert "reader@example.com" in body
        assert answer["X-Shared-Cache"] == "miss"
        assert "no-store" in answer["Cache-Control"]
    # The next reader of the form never sees what the last one typed.
    status, answer, body = varnish.get("/signup/")
    assert status == 200
    assert "reader@example.com" not in body


@pytest.fixture
def editor(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


def test_a_live_edit_reaches_the_next_reader_at_once(varnish, editor):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED, standfirst="First words.")
    url = outlook.get_absolute_url()
    varnish.get(url)
    assert varnish.get(url)[1]["X-Shared-Cache"] == "hit"

    # Through the gate: its publishing event purges the outlook's keys once it commits.
    edits.edit_fields(obj=outlook, user=editor, standfirst="Second words.")
    status, headers, body = varnish.get(url)
    assert (status, headers["X-Shared-Cache"]) == (200, "miss")
    assert "Second words." in body


def test_a_draft_edit_purges_nothing(varnish, editor):
    live = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Actuary")
    draft = complete_outlook(status=PublicationStatus.DRAFT, issue=live.issue)
    pages = [live.get_absolute_url(), live.issue.get_absolute_url(), "/", "/professions/"]
    for page in pages:
        varnish.get(page)
    edits.edit_fields(obj=draft, user=editor, standfirst="Nobody reads this yet.")
    for page in pages:
        assert varnish.get(page)[1]["X-Shared-Cache"] == "hit", page


def test_a_correction_reaches_the_next_reader(varnish, editor):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    url = outlook.get_absolute_url()
    varnish.get(url)
    assert varnish.get(url)[1]["X-Shared-Cache"] == "hit"

    edits.append_correction(outlook=outlook, user=editor, text="The task count was wrong.")
    assert "The task count was wrong." in varnish.get(url)[2]


def test_an_unpublish_purges_the_outlook_and_the_lists_that_show_it(varnish, editor):
    kept = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Actuary")
    gone = complete_outlook(
        status=PublicationStatus.PUBLISHED, issue=kept.issue, profession__name="Zookeeper"
    )
    pages = [gone.get_absolute_url(), kept.issue.get_absolute_url(), "/", "/professions/"]
    for page in pages:
        varnish.get(page)
        status, headers, body = varnish.get(page)
        assert (status, headers["X-Shared-Cache"]) == (200, "hit"), page
        assert "Zookeeper" in body
    # Another outlook's page lists the issue's other professions.
    assert "Zookeeper" in varnish.get(kept.get_absolute_url())[2]

    services.unpublish(outlook=gone, user=editor)

    assert varnish.get(gone.get_absolute_url())[0] == 404
    for page in [*pages[1:], kept.get_absolute_url()]:
        status, headers, body = varnish.get(page)
        assert (status, headers["X-Shared-Cache"]) == (200, "miss"), page
        assert "Zookeeper" not in body, page


def test_a_go_live_reaches_the_next_reader(varnish, editor):
    draft = complete_outlook(status=PublicationStatus.DRAFT)
    url = draft.get_absolute_url()
    # A 404 is never stored, so nothing needs purging for the page itself to appear.
    assert varnish.get(url)[0] == 404
    issue_page = draft.issue.get_absolute_url()
    varnish.get(issue_page)
    assert varnish.get(issue_page)[1]["X-Shared-Cache"] == "hit"

    services.publish_outlook(outlook=draft, user=editor)
    status, _headers, body = varnish.get(url)
    assert status == 200
    assert draft.headline in body
    assert draft.profession.name in varnish.get(issue_page)[2]


def test_a_scheduled_go_live_ends_the_lifetime_of_the_pages_that_will_show_it(varnish, editor):
    if not SHARED_REDIS:
        skip_or_fail("needs Redis shared with gunicorn: set TEST_REDIS_URL")
    shown = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Actuary")
    elsewhere = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Baker")
    coming = complete_outlook(issue=shown.issue, profession__name="Zookeeper")
    issue_page = shown.issue.get_absolute_url()
    varnish.get(issue_page)

    services.schedule(
        outlook=coming, user=editor, go_live_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    # Scheduling purged the issue's page; its new copy lives until the go-live, no longer.
    status, headers, body = varnish.get(issue_page)
    assert (status, headers["X-Shared-Cache"]) == (200, "miss")
    assert "Zookeeper" not in body
    lifetime = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 290 <= lifetime <= 300
    assert "s-maxage=3600" in varnish.get(elsewhere.get_absolute_url())[1]["Cache-Control"]


def test_only_the_app_may_purge(varnish):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    url = outlook.get_absolute_url()
    varnish.get(url)
    key = {"xkey-purge": f"outlook-{outlook.pk}"}
    # 127.0.0.2 is loopback too, but not in the VCL's access list.
    status, _headers, _body = varnish.fetch("/", method="PURGE", headers=key, source="127.0.0.2")
    assert status == 405
    assert varnish.get(url)[1]["X-Shared-Cache"] == "hit"
    status, _headers, _body = varnish.fetch("/", method="PURGE", headers=key)
    assert status == 200
    assert varnish.get(url)[1]["X-Shared-Cache"] == "miss"


def test_a_purge_by_url_reaches_the_next_reader(varnish, settings):
    settings.PURGE_BACKEND = "http"
    settings.SITE_URL = f"http://127.0.0.1:{varnish.port}"
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    url = outlook.get_absolute_url()
    varnish.get(url)
    assert varnish.get(url)[1]["X-Shared-Cache"] == "hit"
    purge.purge(urls=[url])
    assert varnish.get(url)[1]["X-Shared-Cache"] == "miss"


def test_the_vcl_drops_the_tracking_parameters_the_page_cache_ignores():
    assert f"(?<=[?&])({TRACKING_PARAMETER.pattern})(=[^&]*)?(&|$)" in VCL.read_text()


def test_varnish_stores_the_compressed_page_and_serves_either_form(varnish):
    url = complete_outlook(status=PublicationStatus.PUBLISHED).get_absolute_url()
    gzip_ok = {"Accept-Encoding": "gzip"}
    headers, _body = varnish.get_bytes(url, gzip_ok)
    assert headers["Content-Encoding"] == "gzip"
    headers, zipped = varnish.get_bytes(url, gzip_ok)
    assert (headers["X-Shared-Cache"], headers["Content-Encoding"]) == ("hit", "gzip")
    headers, plain = varnish.get_bytes(url, {})
    assert headers["X-Shared-Cache"] == "hit"
    assert "Content-Encoding" not in headers
    assert gzip.decompress(zipped) == plain
