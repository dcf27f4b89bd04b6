"""The load balancer's probes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from outlook.web import health

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_answers_while_the_process_runs(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_when_database_cache_and_migrations_are_ready(client, monkeypatch):
    monkeypatch.setattr(health, "migrations_applied", False)
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


UNREACHABLE_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    # Nothing listens on port 1.
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 1},
}


@pytest.mark.django_db
def test_readyz_reports_an_unreachable_cache_but_keeps_the_server_serving(client, settings):
    settings.CACHES = {"default": UNREACHABLE_REDIS, "ratelimit": UNREACHABLE_REDIS}
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reasons"]) == (
        "degraded",
        [
            "page cache unreachable: ConnectionError",
            "rate-limit cache unreachable: ConnectionError",
        ],
    )
    # The liveness probe touches no cache at all.
    assert client.get(reverse("healthz")).status_code == 200


def readyz_in_a_fresh_process(database_url: str) -> tuple[int, dict]:
    code = (
        "import json, django; django.setup();"
        "from django.test.utils import setup_test_environment; setup_test_environment();"
        "from django.test import Client;"
        "r = Client().get('/readyz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "outlook.settings", "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    return status, body


def test_readyz_fails_when_the_database_is_unreachable():
    # Nothing listens on port 1: the connection is refused at once.
    status, body = readyz_in_a_fresh_process("postgres://postgres@127.0.0.1:1/outlook")
    assert status == 503
    assert body == {"status": "unavailable", "reasons": ["database unreachable: OperationalError"]}


def test_readyz_fails_while_migrations_are_not_applied(tmp_path):
    status, body = readyz_in_a_fresh_process(f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}")
    assert status == 503
    assert body["status"] == "unavailable"
    [reason] = body["reasons"]
    assert reason.endswith("migration(s) not applied")
