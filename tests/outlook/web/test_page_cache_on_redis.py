"""The page cache's tests again, with pages on Redis through outlook/web/redis_cache.py.

Elsewhere the tests use the local-memory cache, which takes the plain cache calls; on Redis a
miss takes its render lock, starts its keys' versions and frees its lock in scripts and
pipelines. Both must behave alike.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from outlook.web import cache as page_cache
from outlook.web import key_versions, surge
from tests.outlook.web import test_page_cache
from tests.outlook.web.test_page_cache import *  # noqa: F403 (every test, on Redis)
from tests.outlook.web.test_page_cache import outlook  # noqa: F401 (a fixture)

pytestmark = [*test_page_cache.pytestmark, pytest.mark.usefixtures("shared_redis_cache")]
# These move Python's clock past a go-live; Redis expires keys by its own clock.
del test_a_cached_page_expires_at_the_next_go_live  # noqa: F821
del test_a_go_live_shortens_only_the_pages_that_show_it  # noqa: F821


def stored_key(outlook):  # noqa: F811
    return page_cache.page_cache_key(url=f"http://testserver{outlook.get_absolute_url()}")


def version_names(response) -> list[str]:
    keys = response["xkey"].split()
    return [key_versions.soft_name(key) for key in keys] + [
        key_versions.hard_name(key) for key in keys
    ]


def test_a_miss_stores_the_page_with_its_keys_versions_and_frees_its_lock(outlook):  # noqa: F811
    response = Client().get(outlook.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert cache.get(surge.lock_name(stored_key(outlook))) is None
    stored = cache.get(stored_key(outlook))
    assert f'"{stored["etag"].strip(chr(34))}"' == response["ETag"]
    assert stored["versions"] == cache.get_many(version_names(response))
    assert sorted(stored["versions"]) == sorted(version_names(response))
    assert Client().get(outlook.get_absolute_url())["X-Cache"] == "hit"


def test_a_page_whose_key_moved_while_rendering_is_not_stored_and_frees_its_lock(
    outlook,  # noqa: F811
):
    first = Client().get(outlook.get_absolute_url())
    cache.delete(stored_key(outlook))
    # A version from the future: the key moved after this render began.
    cache.set(version_names(first)[0], 2**62, timeout=None)
    response = Client().get(outlook.get_absolute_url())
    assert response["X-Cache"] == "uncached"
    assert cache.get(surge.lock_name(stored_key(outlook))) is None
    assert cache.get(stored_key(outlook)) is None


def test_a_reader_of_a_page_never_stored_waits_for_the_one_render_under_way(
    outlook,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(surge, "WAIT_SECONDS", 0)
    assert surge.take_render_lock(stored_key(outlook))
    # Another request is rendering it: this one waited (no time here), then renders it too.
    response = Client().get(outlook.get_absolute_url())
    assert response["X-Cache"] == "miss"
    # Its own store leaves the other request's lock alone.
    assert cache.get(surge.lock_name(stored_key(outlook))) == 1
