"""The keys of the response being built: views, feeds and sitemaps add what they render.

`ResponseKeysMiddleware` opens an empty set for each request and writes what was added as
`Surrogate-Key` (Fastly), `xkey` (Varnish) and, for Cloudflare, `Cache-Tag` headers. It sits
inside the page cache, so a page served from it carries the keys it was rendered with.
Whether a shared cache may store the response at all is decided outside
(outlook/web/shared_cache.py), which drops the keys from anything private.
"""

from contextvars import ContextVar

from django.conf import settings
from django.utils.http import http_date

from outlook.publishing import content_keys

KEY_HEADERS = ("Surrogate-Key", "xkey")
CLOUDFLARE_HEADER = "Cache-Tag"

_collected: ContextVar[set[str] | None] = ContextVar("response_keys", default=None)
# The latest modification date of what the page shows in full, when the view knows it.
_modified: ContextVar[list | None] = ContextVar("response_modified", default=None)


def add(*keys: str) -> None:
    """Say that the response being built shows what these keys name (outside a request: no-op)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(keys)


def add_content(*objects) -> None:
    """Add the content key of each issue, outlook, profession, skill or category rendered."""
    add(*map(content_keys.content_key, objects))


def add_outlook_page(outlook) -> None:
    """Add the keys of an outlook rendered in full (see `content_keys.outlook_page_keys`).

    Its modification date (the last edit or newest correction) becomes the page's
    `Last-Modified`, whenever the page is served from a cache.
    """
    add(*content_keys.outlook_page_keys(outlook))
    dates = _modified.get()
    if dates is not None:
        dates.append(outlook.last_modified)


def collected() -> set[str]:
    return set(_collected.get() or ())


class ResponseKeysMiddleware:
    """Collect the keys a view adds and name them in the response's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, dates_token = _collected.set(set()), _modified.set([])
        try:
            response = self.get_response(request)
            keys, dates = _collected.get(), _modified.get()
        finally:
            _collected.reset(token)
            _modified.reset(dates_token)
        if dates and response.status_code == 200 and "Last-Modified" not in response:
            response["Last-Modified"] = http_date(max(dates).timestamp())
        if keys and response.status_code == 200:
            keys = sorted(keys | {content_keys.SITE})
            for header in KEY_HEADERS:
                response[header] = " ".join(keys)
            if settings.PURGE_BACKEND == "cloudflare":
                response[CLOUDFLARE_HEADER] = ",".join(keys)
        return response


def strip_key_headers(response) -> None:
    for header in (*KEY_HEADERS, CLOUDFLARE_HEADER):
        if header in response:
            del response[header]
