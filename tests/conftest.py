import os

import pytest
from django.core.cache import cache

from tests.factories import UserFactory

# On CI every service-backed test must run: a missing service fails the run, never skips it.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str):
    """Skip a test whose service is missing locally; fail it on CI."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


def database_is_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


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


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local-memory caches outlive a settings change; counts (rate limits) must not leak
    # from one test into the next.
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
