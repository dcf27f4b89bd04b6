"""Request logging with request ids, and the anonymous public page cache."""

import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from outlook.web import cache as page_cache
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
# Headers that describe the request or the moment, not the page.
UNSTORED_HEADERS = {"set-cookie", "date", "x-request-id"}


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache, with ETag and 304s.

    Which requests, under which key and for how long: outlook/web/page_cache_rules.py.
    A request carrying a session cookie (staff, previews) bypasses it entirely. A response is
    stored only if it is a 200 that sets no cookie and does not ask to stay private
    (never_cache views opt out): a page holding anything of one reader's, such as a CSRF
    token (which always comes with its cookie), is never served to another. The signup form
    needs no token (accounts/cross_origin.py), so the pages that carry it are stored too.
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
        try:
            key = page_cache.page_cache_key(url=rule.url, version=page_cache.content_version())
            entry = page_cache.local_pages.get(key)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and "expires" in entry:
                    page_cache.local_pages.put(key, entry, entry["expires"])
        except Exception:
            # Without the cache, pages are slower but still served.
            cache_logger.warning("page cache unavailable", exc_info=True)
            response = self.get_response(request)
            response[CACHE_STATUS_HEADER] = "unavailable"
            return response
        if entry is not None:
            response = self.rebuild(entry)
            response[CACHE_STATUS_HEADER] = "hit"
        else:
            response = self.get_response(request)
            if not self.is_cacheable_response(response):
                return response
            entry = self.store(key, response, longest=rule.longest)
            response[CACHE_STATUS_HEADER] = "miss" if entry else "uncached"
            if entry is None:
                return response
        return get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry["last_modified"],
            response=response,
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

    @staticmethod
    def mark_public(response, entry) -> None:
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["last_modified"])
        # Browsers keep the page but ask each time; the answer is a 304 until content changes.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)

    def store(self, key, response, *, longest: int | None) -> dict | None:
        try:
            timeout = page_cache.current_page_cache_timeout()
        except Exception:
            cache_logger.warning("page cache timeout unknown", exc_info=True)
            return None
        if longest is not None:
            timeout = min(timeout, longest)
        if timeout <= 0:
            return None
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        content = response.content
        entry = {
            "content": content,
            "status": response.status_code,
            "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
            # A page that knows its modification date (an outlook's) keeps it; others are
            # as new as their copy.
            "last_modified": parse_http_date_safe(response.get("Last-Modified", ""))
            or int(time.time()),
            "expires": time.time() + timeout,
        }
        self.mark_public(response, entry)
        entry["headers"] = {
            name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
        }
        try:
            cache.set(key, entry, timeout)
        except Exception:
            cache_logger.warning("page cache unavailable", exc_info=True)
        page_cache.local_pages.put(key, entry, entry["expires"])
        return entry

    @staticmethod
    def rebuild(entry) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            if name.lower() not in UNSTORED_HEADERS:
                response[name] = value
        return response
