"""The Redis cache backend builds one redis client per process, not one per call."""

import os

import pytest
from django.core.cache.backends.redis import RedisCacheClient

from outlook.web.redis_cache import RedisCache
from tests.conftest import skip_or_fail


def test_every_call_shares_one_client():
    backend = RedisCache("redis://127.0.0.1:6379/0", {})
    client = backend._cache
    assert isinstance(client, RedisCacheClient)
    # No connection is made until a command runs.
    assert client.get_client("a") is client.get_client("b", write=True)


def test_it_stores_and_reads_like_djangos_backend(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "redis-cache-test"})
    backend.set("greeting", {"hello": b"world"}, 10)
    assert backend.get("greeting") == {"hello": b"world"}
    backend.set("counter", 1, 10)
    assert backend.incr("counter") == 2
    backend.delete_many(["greeting", "counter"])
    assert backend.get("greeting") is None


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("needs Redis: set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15")
    return url
