import functools
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches

from outlook.publishing import go_live
from outlook.web import page_store
from outlook.web.cache import local_pages
from tests.factories import UserFactory

# On CI every service-backed test must run: a missing service fails the run, never skips it.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str):
    """Skip a test whose service is missing locally; fail it on CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


def database_url() -> str:
    """Return the test database's URL, for another process (an app server) to open it."""
    from django.db import connection

    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def database_is_postgresql() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    """Run @pytest.mark.postgresql tests only when the suite runs on PostgreSQL.

    CI runs the whole suite once per database, so on its SQLite pass these tests are
    deselected (its PostgreSQL pass runs them); locally they skip with the way to run them.
    """
    if database_is_postgresql():
        return
    needs_postgresql = [item for item in items if item.get_closest_marker("postgresql")]
    if IN_CI:
        config.hook.pytest_deselected(items=needs_postgresql)
        items[:] = [item for item in items if item not in needs_postgresql]
        return
    reason = "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres"
    for item in needs_postgresql:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Keep an SQLite test database in a file, so a second process can open it too.

    The cross-process cache tests start another Django process against the same database, as
    a second app server would; an in-memory database exists only inside this one.
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_name)


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
    # The local-memory cache outlives each test's rolled-back database: start every test with
    # no cached pages and no rate-limit counts from another test.
    cache.clear()
    caches["ratelimit"].clear()
    local_pages.clear()
    page_store.forget()
    go_live.forget()
    # Content changes refresh cached pages after commit, and a test's transaction never commits:
    # pages are cached only in tests that ask for it with the `page_cache` fixture.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what a block queues for after commit (tasks included), as its commit would.

    A test's transaction never commits: `with after_commit(): client.post(...)` runs the
    callbacks at the end of the block, as production runs them once the request commits.
    """
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def database_queue(settings):
    """Queue tasks in the database for a worker, as production does (not run where enqueued)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_BACKEND = "database"


@pytest.fixture
def page_cache(settings):
    """Cache anonymous pages as production does (see outlook/web/cache.py)."""
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
