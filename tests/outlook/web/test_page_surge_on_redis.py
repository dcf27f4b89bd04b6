"""The surge's tests again, with pages on Redis (see test_page_cache_on_redis.py)."""

import pytest

from tests.outlook.web import test_page_surge
from tests.outlook.web.test_page_surge import *  # noqa: F403 (every test, on Redis)
from tests.outlook.web.test_page_surge import editor, outlook  # noqa: F401 (fixtures)

pytestmark = [*test_page_surge.pytestmark, pytest.mark.usefixtures("shared_redis_cache")]
