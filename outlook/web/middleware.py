"""Request logging with request ids, and the anonymous public page cache."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from outlook.web import cache as page_cache
from outlook.web import page_store, surge
from outlook.web.logs import request_id_var
from outlook.web.page_cache_rules import page_rule, varies_only_on_covered_headers

request_logger = logging.getLogger("outlook.request")
cache_logger = logging.getLogger("outlook.web.cache")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the load balancer is kept only if it cannot forge or break a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestLogMiddleware:
    """Give each request an id (the caller's, if sane), echo it, and log one line with timing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "cache": response.get(CACHE_STATUS_HEADER, ""),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


CACHE_STATUS_HEADER = "X-Cache"
# Never cached, whoever asks: staff tools, the editor's endpoints, the probes, files.
UNCACHED_PREFIXES = ("/admin/", "/markdownx/", "/healthz", "/readyz")


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache, with ETag and 304s.

    Which requests, under which key and for how long: outlook/page_cache_rules.py; freshness
    per content key: outlook/page_store.py; one render under a surge: outlook/surge.py.
    A request carrying a session cookie (staff, previews) bypasses it entirely. A response is
    stored only if it is a 200 that names its keys, sets no cookie and does not ask to stay
    private (never_cache views opt out): a page holding anything of one reader's, such as a
    CSRF token (which always comes with its cookie), is never served to another. The signup
    form needs no token (accounts/cross_origin.py), so the pages that carry it are stored too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # What a signed-in user sees (drafts included) must stay in their browser.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        rule = page_rule(request)
        if rule is None:
            return self.get_response(request)
        key = page_cache.page_cache_key(url=rule.url)
        try:
            entry, moved, renderer = page_store.lookup_or_lock(key, surge.lock_name(key))
        except Exception:
            # Without the cache, pages are slower but still served.
            cache_logger.warning("page cache unavailable", exc_info=True)
            response = self.get_response(request)
            response[CACHE_STATUS_HEADER] = "unavailable"
            return response
        if entry is not None and not moved:
            return self.answer(request, entry, "hit")
        return self.miss(request, key, rule, entry, moved, renderer)

    def miss(self, request, key, rule, previous, moved, renderer):
        """Render the page, or wait for another request's render; `renderer`: lock taken?"""
        try:
            if renderer is None:  # a stored page went stale: the lock was not asked for yet
                renderer = surge.take_render_lock(key)
            if not renderer:
                if surge.may_serve_previous(previous, moved):
                    return self.answer(request, previous, "stale")
                waited = surge.wait_for_render(key, page_store.lookup)
                if waited is not None:
                    return self.answer(request, waited, "hit")
        except Exception:
            cache_logger.warning("page cache unavailable", exc_info=True)
            renderer = False
        lock = surge.lock_name(key) if renderer else None
        stored = False
        try:
            response, stored = self.render(request, key, rule, lock)
            return response
        finally:
            if lock and not stored:
                try:
                    surge.release_render_lock(key)
                except Exception:
                    cache_logger.warning("page cache unavailable", exc_info=True)

    def render(self, request, key, rule, lock):
        """Return (the response, whether it was stored: storing released `lock` too)."""
        rendered_since = time.time_ns()
        response = self.get_response(request)
        if not self.is_cacheable_response(response):
            return response, False
        try:
            entry = page_store.store(
                key, response, longest=rule.longest, rendered_since=rendered_since, release=lock
            )
        except Exception:
            cache_logger.warning("page cache unavailable", exc_info=True)
            entry = None
        if entry is None:
            response[CACHE_STATUS_HEADER] = "uncached"
            return response, False
        response.go_live_at = entry["go_live_at"]
        response[CACHE_STATUS_HEADER] = "miss"
        return self.conditional(request, entry, response), True

    def answer(self, request, entry, status):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        # The shared cache's lifetime ends at the same go-live (outlook/shared_cache.py).
        response.go_live_at = entry["go_live_at"]
        response[CACHE_STATUS_HEADER] = status
        return self.conditional(request, entry, response)

    @staticmethod
    def conditional(request, entry, response):
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
        )

    @staticmethod
    def is_cacheable_request(request) -> bool:
        return (
            # Off means off: not even pages stored while it was on are served.
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        )

    @staticmethod
    def is_cacheable_response(response) -> bool:
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and varies_only_on_covered_headers(response)
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
