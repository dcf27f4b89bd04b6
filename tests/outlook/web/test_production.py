"""Production mode, checked the way it runs: fresh processes with a production environment."""

import http.client
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SECRET = "x7Jk2-production-test-secret-Qp9vLm4sT8wZ3nB6yR1cH5dF0gA2eU7iO4kP9jX"
HOST = "outlook.example.com"


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "MEDIA_S3_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=SECRET,
        SIGNUP_IP_HASH_KEY=f"{SECRET}-signups",
        DATA_CONTROLLER="Outlook Media Ltd, 1 Example Street, London",
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", env=production_env(tmp_path, DJANGO_SECRET_KEY=None))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_ENV=production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = manage("check", env=production_env(tmp_path, DJANGO_ALLOWED_HOSTS=None))
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_a_data_controller(tmp_path):
    result = manage("check", env=production_env(tmp_path, DATA_CONTROLLER=None))
    assert result.returncode != 0
    assert "DATA_CONTROLLER must be set when DJANGO_ENV=production" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = manage("check", env=production_env(tmp_path, DJANGO_DEBUG="1"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_media_goes_to_an_s3_bucket_when_one_is_named(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "from django.conf import settings;"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="outlook.settings",
        MEDIA_S3_BUCKET="outlook-media",
        MEDIA_S3_ENDPOINT_URL="https://objects.example.net",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("S3Storage outlook-media https://objects.example.net")
    assert "https://objects.example.net" in result.stdout


def free_listening_socket() -> socket.socket:
    """A socket already listening, so requests queue until gunicorn accepts them: no polling."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    return listener


def fetch(address: tuple[str, int], path: str, **headers) -> tuple[int, dict, bytes]:
    """GET without following redirects, as the load balancer would."""
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def gunicorn_site(tmp_path):
    """The site under gunicorn with our config and production settings, static files collected."""
    env = production_env(tmp_path)
    collected = manage("collectstatic", "--noinput", env=env)
    assert collected.returncode == 0, collected.stderr
    listener = free_listening_socket()
    env["GUNICORN_BIND"] = f"fd://{listener.fileno()}"
    env["GUNICORN_WORKERS"] = "1"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "outlook/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield {
            "address": listener.getsockname(),
            "static_root": tmp_path / "static",
            "server": server,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        listener.close()


def test_gunicorn_serves_hashed_compressed_static_files_for_ten_years(gunicorn_site):
    manifest = json.loads((gunicorn_site["static_root"] / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"

    status, headers, body = fetch(
        gunicorn_site["address"],
        f"/static/{hashed}",
        **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"


def test_gunicorn_answers_the_health_probe_over_plain_http(gunicorn_site):
    # A load balancer probes without TLS; it must not be redirected to HTTPS.
    status, headers, body = fetch(gunicorn_site["address"], "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    assert headers["X-Request-ID"]


def test_production_pages_redirect_to_https_and_send_hsts(gunicorn_site):
    status, headers, _ = fetch(gunicorn_site["address"], "/no-such-page/")
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/no-such-page/"

    status, headers, _ = fetch(
        gunicorn_site["address"], "/healthz", **{"X-Forwarded-Proto": "https"}
    )
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_production_cookies_are_secure_and_http_only(gunicorn_site):
    status, headers, _ = fetch(
        gunicorn_site["address"], "/admin/login/", **{"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=")
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_refuses_a_page_cache_redis_without_a_rate_limit_redis(tmp_path):
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "RATELIMIT_REDIS_URL must be set with REDIS_URL" in result.stderr
    env["RATELIMIT_REDIS_URL"] = "redis://127.0.0.1:6380/0"
    assert manage("check", "--deploy", "--fail-level", "WARNING", env=env).returncode == 0
