import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from tests.factories import UserFactory

# On CI every service-backed test must run: a missing service fails the run, never skips it.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str):
    """Skip a test whose service is missing locally; fail it on CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


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
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The local-memory cache outlives each test's rolled-back database; start every test with
    # no cached pages so none is served from another test's content.
    cache.clear()
    # Content changes refresh cached pages after commit, and a test's transaction never commits:
    # pages are cached only in tests that ask for it with the `page_cache` fixture.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    """Cache anonymous pages as production does (see outlook/cache.py)."""
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
