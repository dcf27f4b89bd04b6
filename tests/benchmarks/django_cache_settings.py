"""The site's settings with Django's own cache middleware in place of the page cache.

For the benchmark's "through Django alone" comparison: UpdateCacheMiddleware takes the page
cache's place (inside compression and the shared-cache headers, as ours is) and
FetchFromCacheMiddleware goes last, as Django's documentation orders them. The bench also sets
PAGE_CACHE_SECONDS=0 so our page cache stands aside.
"""

from outlook.settings import *  # noqa: F403
from outlook.settings import MIDDLEWARE

MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware"
    if name == "outlook.web.middleware.PublicPageCacheMiddleware"
    else name
    for name in MIDDLEWARE
] + ["django.middleware.cache.FetchFromCacheMiddleware"]
CACHE_MIDDLEWARE_SECONDS = 3600
