"""The rate limit's count is shared by every process when the cache is Redis."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from accounts import ratelimit
from tests.conftest import skip_or_fail


@pytest.fixture
def redis_settings(settings):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("needs Redis: set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-ratelimit",
        },
    }
    counters = caches["ratelimit"]
    counters.clear()
    yield url
    counters.clear()


def test_two_processes_share_one_count(redis_settings):
    # A second, separately connected client stands in for another worker process.
    other_process = RedisCache(redis_settings, {"KEY_PREFIX": "test-ratelimit"})
    assert ratelimit.hit("ip", "abc", limit=2, window=60)
    assert other_process.get("signup-rate:ip:abc") == 1
    other_process.incr("signup-rate:ip:abc")
    assert not ratelimit.hit("ip", "abc", limit=2, window=60)


def test_hit_counts_up_to_the_limit_in_local_memory():
    assert [ratelimit.hit("ip", "x", limit=2, window=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
