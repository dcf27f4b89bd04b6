"""What a shared cache (Varnish, a CDN) may store, and for how long.

A public page (an anonymous GET whose 200 names its keys and sets no cookie) tells shared
caches to keep it for `SHARED_CACHE_SECONDS` (`s-maxage`), never past the next scheduled
go-live of anything it shows (outlook/go_live.py), while browsers revalidate each time
(`max-age=0`); purges by key (outlook/purge.py) end it sooner when content changes.
Everything else a signed-in user, a preview, a POST or a cookie touches is
`private, no-store`, and loses its keys.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control

from outlook.publishing import go_live
from outlook.web import cache as page_cache
from outlook.web.response_keys import KEY_HEADERS, strip_key_headers

PRIVATE_WORDS = ("private", "no-store", "no-cache")
# Paths whose answers belong to one person, even without a session cookie.
PRIVATE_PREFIXES = ("/admin/", "/markdownx/", "/preview/")
# How long a shared cache may keep serving a page it is refreshing, when nothing is due to
# go live before then (a purge removes a page at once whatever this says).
STALE_WHILE_REVALIDATE = 30


def next_change_of(response):
    """Return the next go-live changing this page: from its stored copy, or its keys."""
    if hasattr(response, "go_live_at"):  # served by the page cache, which knows it
        stamp = response.go_live_at
        return datetime.fromtimestamp(stamp, tz=UTC) if stamp else None
    return go_live.next_change_for(response.get(KEY_HEADERS[1], "").split())


def shared_max_age(response) -> tuple[int, bool]:
    """Return (seconds a shared cache may keep a public page, whether it may then serve it stale).

    Neither the lifetime nor the stale window may reach the next go-live of anything the page
    shows (its keys'); pages showing nothing due to go live keep their full lifetime.
    """
    longest = settings.SHARED_CACHE_SECONDS
    if longest <= 0:
        return 0, False
    now = timezone.now()
    next_change = next_change_of(response)
    seconds = page_cache.page_cache_timeout(now=now, next_change=next_change, longest=longest)
    may_go_stale = next_change is None or (
        (next_change - now).total_seconds() > seconds + STALE_WHILE_REVALIDATE
    )
    return seconds, seconds > 0 and may_go_stale


def is_private_request(request) -> bool:
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path.startswith(PRIVATE_PREFIXES)
    )


def is_shareable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        not is_private_request(request)
        and response.status_code == 200
        and KEY_HEADERS[0] in response
        and not response.cookies
        and not any(word in cache_control for word in PRIVATE_WORDS)
    )


class SharedCacheHeadersMiddleware:
    """Give public pages their shared-cache lifetime; keep everything else private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_shareable(request, response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            seconds, may_go_stale = shared_max_age(response)
            # Without s-maxage, max-age=0 tells shared caches not to keep the page either.
            if seconds:
                patch_cache_control(response, s_maxage=seconds)
            if may_go_stale:
                patch_cache_control(response, stale_while_revalidate=STALE_WHILE_REVALIDATE)
            return response
        strip_key_headers(response)
        if is_private_request(request) or response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response
