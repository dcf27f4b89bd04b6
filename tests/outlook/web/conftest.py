import os

import pytest
from django.core.cache import cache

from outlook.web.redis_cache import RedisCache
from tests.conftest import skip_or_fail


@pytest.fixture
def shared_redis_cache(settings):
    """Pages on Redis through outlook/web/redis_cache.py, as in production (one test's keys)."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("needs Redis: set TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/15")
    pages = {"BACKEND": "outlook.web.redis_cache.RedisCache", "LOCATION": url}
    settings.CACHES = {**settings.CACHES, "default": pages}
    cache.clear()
    yield
    # Through a backend of its own: the test may have pointed the cache elsewhere.
    RedisCache(url, {}).clear()
