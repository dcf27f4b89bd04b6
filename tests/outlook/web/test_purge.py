"""Purge backends, against a local server that checks each request as the real API documents it.

Fastly and Cloudflare cannot be reached from here; the Varnish backend also runs against a
real varnishd in tests/deploy/test_varnish.py.
"""

import json
import logging
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from outlook.publishing import content_keys
from outlook.web import purge
from tests.factories import OutlookFactory, SkillAssessmentFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "test-token-3f9a"
SERVICE = "SU1Z0isxPaozGVKXdv0eY"
ZONE = "023e105f4ecef8ad9ca31a8372d0c353"


class FakeApi:
    """Answers like the API it imitates; a request it would refuse is recorded as a problem."""

    def __init__(self, check):
        self.check = check
        self.requests = []
        self.problems = []
        self.fail_next = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = {
                    "method": self.command,
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": json.loads(body) if body else None,
                }
                api.requests.append(request)
                try:
                    status, payload = api.check(request)
                except AssertionError as problem:
                    api.problems.append(str(problem))
                    status, payload = 400, {"error": str(problem)}
                if api.fail_next:
                    api.fail_next -= 1
                    status, payload = 503, {"error": "try later"}
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_PURGE = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def fastly_check(request):
    """Fastly: POST /service/{id}/purge with {"surrogate_keys": [...]}, at most 256; purge_all."""
    headers = request["headers"]
    assert request["method"] == "POST", request["method"]
    assert headers.get("fastly-key") == TOKEN, "Fastly-Key header"
    if request["path"] == f"/service/{SERVICE}/purge_all":
        return 200, {"status": "ok"}
    assert request["path"] == f"/service/{SERVICE}/purge", request["path"]
    assert headers.get("content-type") == "application/json"
    keys = request["json"]["surrogate_keys"]
    assert 1 <= len(keys) <= 256, f"{len(keys)} keys in one batch"
    assert all(isinstance(key, str) and key and " " not in key for key in keys)
    return 200, {key: f"108-{index}" for index, key in enumerate(keys)}


def cloudflare_check(request):
    """Cloudflare: POST /zones/{id}/purge_cache, Bearer token, {"tags": [...]} (30 at most)."""
    headers = request["headers"]
    assert request["method"] == "POST"
    assert request["path"] == f"/zones/{ZONE}/purge_cache", request["path"]
    assert headers.get("authorization") == f"Bearer {TOKEN}"
    assert headers.get("content-type") == "application/json"
    body = request["json"]
    if body == {"purge_everything": True}:
        return 200, {"success": True, "errors": [], "messages": [], "result": {"id": ZONE}}
    assert set(body) == {"tags"}, body
    assert 1 <= len(body["tags"]) <= 30, f"{len(body['tags'])} tags in one call"
    return 200, {"success": True, "errors": [], "messages": [], "result": {"id": ZONE}}


def cache_check(request):
    """A cache taking PURGE: by xkey header (Varnish) or by path (anything else)."""
    assert request["method"] == "PURGE"
    if "xkey-purge" in request["headers"]:
        assert request["path"] == "/"
        assert 1 <= len(request["headers"]["xkey-purge"].split()) <= 100
    else:
        assert request["headers"]["host"] == "outlook.example.com"
    return 200, {"purged": 1}


@pytest.fixture
def api(request):
    server = FakeApi(request.param)
    yield server
    server.close()
    assert not server.problems


@pytest.fixture
def outlook():
    outlook = OutlookFactory()
    for _ in range(3):
        SkillAssessmentFactory(outlook=outlook)
    return outlook


def use(settings, backend: str, api: FakeApi):
    settings.PURGE_BACKEND = backend
    settings.PURGE_URLS = [api.url]
    settings.FASTLY_API_URL = api.url
    settings.FASTLY_API_TOKEN = TOKEN
    settings.FASTLY_SERVICE_ID = SERVICE
    settings.CLOUDFLARE_API_URL = api.url
    settings.CLOUDFLARE_API_TOKEN = TOKEN
    settings.CLOUDFLARE_ZONE_ID = ZONE
    settings.SITE_URL = "https://outlook.example.com"


def sent_keys(api: FakeApi) -> list[str]:
    keys = []
    for request in api.requests:
        body = request["json"] or {}
        keys += body.get("surrogate_keys", []) + body.get("tags", [])
        keys += request["headers"].get("xkey-purge", "").split()
    return keys


@pytest.mark.parametrize(
    ("backend", "api", "batch"),
    [("fastly", fastly_check, 256), ("cloudflare", cloudflare_check, 30)],
    indirect=["api"],
)
def test_cdn_backends_purge_every_key_in_documented_batches(settings, api, backend, batch):
    use(settings, backend, api)
    keys = {f"outlook-{n}" for n in range(600)}
    purge.purge(keys=keys)
    assert sorted(sent_keys(api)) == sorted(keys)
    assert len(api.requests) == -(-600 // batch)


@pytest.mark.parametrize("api", [cache_check], indirect=True)
def test_varnish_gets_one_purge_per_batch_of_keys(settings, api, outlook):
    use(settings, "varnish", api)
    purge.purge_content(outlook)
    assert set(sent_keys(api)) == content_keys.keys_for(outlook)
    assert f"skill-{outlook.skill_assessments.first().skill_id}-outlooks" in sent_keys(api)


@pytest.mark.parametrize("api", [cache_check], indirect=True)
def test_a_plain_cache_is_purged_by_url(settings, api, outlook):
    use(settings, "http", api)
    purge.purge_content(outlook)
    paths = {request["path"] for request in api.requests}
    assert paths == content_keys.urls_for(outlook)
    assert {outlook.get_absolute_url(), outlook.issue.get_absolute_url(), "/"} <= paths


@pytest.mark.parametrize(
    ("backend", "api", "expected"),
    [
        ("fastly", fastly_check, f"/service/{SERVICE}/purge_all"),
        ("cloudflare", cloudflare_check, {"purge_everything": True}),
        ("varnish", cache_check, "site"),
    ],
    indirect=["api"],
)
def test_the_release_command_purges_everything(settings, api, backend, expected, capsys):
    use(settings, backend, api)
    call_command("purge_shared_caches")
    (request,) = api.requests
    assert expected in (request["path"], request["json"], request["headers"].get("xkey-purge"))
    assert "Purged everything" in capsys.readouterr().out


@pytest.mark.parametrize("api", [cache_check], indirect=True)
def test_the_release_command_purges_every_public_address_of_a_plain_cache(settings, api, outlook):
    use(settings, "http", api)
    call_command("purge_shared_caches")
    paths = {request["path"] for request in api.requests}
    assert {outlook.get_absolute_url(), outlook.profession.get_absolute_url(), "/"} <= paths


@pytest.mark.parametrize("api", [fastly_check], indirect=True)
def test_the_command_purges_chosen_keys(settings, api, capsys):
    use(settings, "fastly", api)
    call_command("purge_shared_caches", "--key", "outlook-12", "--key", "issue-3-contents")
    assert sorted(sent_keys(api)) == ["issue-3-contents", "outlook-12"]


@pytest.mark.parametrize("api", [fastly_check], indirect=True)
def test_a_failed_batch_is_logged_counted_and_raised_with_what_to_retry(settings, api, caplog):
    use(settings, "fastly", api)
    keys = {f"outlook-{n:03}" for n in range(300)}
    api.fail_next = 1
    with (
        caplog.at_level(logging.INFO, logger="outlook.web.purge"),
        pytest.raises(purge.PurgeFailed) as failed,
    ):
        purge.purge(keys=keys)
    # The other batch was still sent; the failed one is named for a retry.
    assert len(api.requests) == 2
    assert failed.value.keys == sorted(keys)[:256]
    assert purge.failure_count() == 1
    assert [r.levelname for r in caplog.records] == ["ERROR", "INFO"]
    # A retry of what failed succeeds.
    purge.purge(keys=failed.value.keys)
    assert purge.failure_count() == 1


@pytest.mark.parametrize("api", [cloudflare_check], indirect=True)
def test_a_refusal_in_a_success_answer_counts_as_a_failure(settings, api):
    use(settings, "cloudflare", api)
    api.check = lambda request: (
        200,
        {"success": False, "errors": [{"code": 1134, "message": "Not entitled"}]},
    )
    with pytest.raises(purge.PurgeFailed, match="Not entitled"):
        purge.purge(keys=["outlook-1"])
    assert purge.failure_count() == 1


def test_an_unreachable_cache_fails_loudly(settings):
    settings.PURGE_BACKEND = "varnish"
    settings.PURGE_URLS = ["http://127.0.0.1:9"]
    with pytest.raises(purge.PurgeFailed) as failed:
        purge.purge(keys=["outlook-1"])
    assert failed.value.keys == ["outlook-1"]
    with pytest.raises(CommandError, match="The purge failed"):
        call_command("purge_shared_caches")
    assert purge.failure_count() == 2


def test_without_a_backend_nothing_is_sent(settings, capsys):
    settings.PURGE_BACKEND = ""
    purge.purge(keys=["outlook-1"])
    call_command("purge_shared_caches")
    assert "No PURGE_BACKEND" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PURGE_BACKEND": "akamai"}, "PURGE_BACKEND must be one of"),
        ({"PURGE_BACKEND": "fastly"}, "needs FASTLY_API_TOKEN, FASTLY_SERVICE_ID"),
        ({"PURGE_BACKEND": "cloudflare", "CLOUDFLARE_API_TOKEN": "x"}, "needs CLOUDFLARE_ZONE_ID"),
        ({"PURGE_BACKEND": "varnish"}, "needs PURGE_URLS"),
    ],
)
def test_a_backend_missing_its_settings_refuses_to_start(env, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "outlook.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr
