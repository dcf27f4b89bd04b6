"""Two app servers sharing Redis and the database: an edit on one is seen at once on the other."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from outlook.models import PublicationStatus
from outlook.publishing import edits
from outlook.publishing import workflow as services
from tests.conftest import database_url, skip_or_fail
from tests.factories import UserFactory
from tests.outlook.helpers import complete_outlook

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]

# The other app server: a separate Python process with its own Redis client and database
# connection, answering requests the test sends it on stdin, one JSON line each.
OTHER_SERVER = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from accounts.models import User
from outlook.publishing import edits
from outlook.publishing import workflow as services
from outlook.models import Outlook
client = Client()
for line in sys.stdin:
    command = json.loads(line)
    if command["do"] == "get":
        response = client.get(command["url"])
        answer = {
            "status": response.status_code,
            "cache": response.get("X-Cache", ""),
            "body": response.content.decode(),
        }
    else:  # through the gate, as the admin's save and workflow buttons do
        outlook = Outlook.objects.get(pk=command["pk"])
        user = User.objects.get(username=command["user"])
        if command["do"] == "edit":
            edits.edit_fields(obj=outlook, user=user, **command["fields"])
        else:
            services.unpublish(outlook=outlook, user=user)
        answer = {"saved": outlook.pk}
    print(json.dumps(answer), flush=True)
"""


@pytest.fixture
def shared_redis(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "outlook",
        },
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


class OtherAppServer:
    def __init__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "outlook.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", OTHER_SERVER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the other app server stopped"
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def editor():
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.fixture
def other_server(shared_redis):
    server = OtherAppServer()
    yield server
    server.close()


def test_an_edit_on_one_server_is_seen_at_once_on_the_other(client, other_server, editor):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED, standfirst="First words.")
    url = outlook.get_absolute_url()

    # The other server renders the page and stores it in Redis; this one is served that copy.
    assert other_server.ask(do="get", url=url)["cache"] == "miss"
    here = client.get(url)
    assert here["X-Cache"] == "hit"
    assert b"First words." in here.content

    # Edited here: the other server's next reader gets the new page, not its cached copy.
    edits.edit_fields(obj=outlook, user=editor, standfirst="Second words.")
    there = other_server.ask(do="get", url=url)
    assert there["cache"] == "miss"
    assert "Second words." in there["body"]

    # Unpublished there: readers here get a 404 at once.
    assert client.get(url)["X-Cache"] == "hit"
    other_server.ask(do="unpublish", pk=outlook.pk, user=editor.username)
    assert client.get(url).status_code == 404


def test_publishing_on_one_server_shows_the_page_on_the_other(client, other_server, editor):
    outlook = complete_outlook(status=PublicationStatus.DRAFT)
    url = outlook.get_absolute_url()
    assert other_server.ask(do="get", url=url)["status"] == 404

    published = services.publish_outlook(outlook=outlook, user=editor)
    answer = other_server.ask(do="get", url=url)
    assert answer["status"] == 200
    assert published.headline in answer["body"]
