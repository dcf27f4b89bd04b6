"""Purge shared caches (Varnish, Fastly, Cloudflare, any cache taking HTTP PURGE) by key.

`PURGE_BACKEND` picks the backend (see the README). The functions below are what a task
calls after a change commits: they send every batch, log each one, count failures in the
shared cache and raise `PurgeFailed` naming what was not purged, so the caller can retry
exactly that later. Without a backend they do nothing.
"""

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from outlook.publishing import content_keys

logger = logging.getLogger("outlook.web.purge")

FAILURES_KEY = "purge-failures"


class PurgeFailed(Exception):
    """Some batches were not purged; `keys` and `urls` name them, for a retry."""

    def __init__(self, errors: list[str], *, keys: Iterable[str] = (), urls: Iterable[str] = ()):
        self.errors = errors
        self.keys = sorted(keys)
        self.urls = sorted(urls)
        super().__init__("; ".join(errors))


def send(method: str, url: str, *, headers: dict | None = None, body: dict | None = None):
    """Send one request; return the decoded JSON answer (or None); raise OSError on failure."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=settings.PURGE_TIMEOUT) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        raise OSError(f"{method} {url}: HTTP {error.code} {error.read()[:200]!r}") from error
    except urllib.error.URLError as error:
        raise OSError(f"{method} {url}: {error.reason}") from error
    if response.headers.get_content_type() == "application/json":
        return json.loads(payload)
    return None


def batches(items: Iterable[str], size: int) -> list[list[str]]:
    items = sorted(set(items))
    return [items[start : start + size] for start in range(0, len(items), size)]


class VarnishBackend:
    """Varnish with the xkey module and deploy/varnish/default.vcl: one PURGE per batch of keys."""

    # Well under Varnish's 8 KB limit per request header.
    batch_size = 100

    def purge_keys(self, keys: list[str]) -> None:
        for cache_url in settings.PURGE_URLS:
            send("PURGE", f"{cache_url.rstrip('/')}/", headers={"xkey-purge": " ".join(keys)})

    def purge_everything(self) -> None:
        self.purge_keys([content_keys.SITE])


class HttpBackend:
    """Any cache that takes `PURGE <path>`: purges by URL, so keys are not used."""

    batch_size = 50
    by_url = True

    def purge_urls(self, paths: list[str]) -> None:
        host = urlsplit(settings.SITE_URL).netloc
        for cache_url in settings.PURGE_URLS:
            for path in paths:
                send("PURGE", f"{cache_url.rstrip('/')}{path}", headers={"Host": host})

    def purge_everything(self) -> None:
        for batch in batches(every_public_path(), self.batch_size):
            self.purge_urls(batch)


class FastlyBackend:
    """Fastly's batch purge by surrogate key (`POST /service/<id>/purge`, 256 keys at most)."""

    batch_size = 256

    def headers(self) -> dict:
        return {"Fastly-Key": settings.FASTLY_API_TOKEN, "Accept": "application/json"}

    def service_url(self) -> str:
        return f"{settings.FASTLY_API_URL.rstrip('/')}/service/{settings.FASTLY_SERVICE_ID}"

    def purge_keys(self, keys: list[str]) -> None:
        body = {"surrogate_keys": keys}
        send("POST", f"{self.service_url()}/purge", headers=self.headers(), body=body)

    def purge_everything(self) -> None:
        send("POST", f"{self.service_url()}/purge_all", headers=self.headers())


class CloudflareBackend:
    """Cloudflare's purge by Cache-Tag (`POST /zones/<id>/purge_cache`, 30 tags at most)."""

    batch_size = 30

    def purge(self, body: dict) -> None:
        answer = send(
            "POST",
            f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{settings.CLOUDFLARE_ZONE_ID}"
            "/purge_cache",
            headers={"Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}"},
            body=body,
        )
        if not (isinstance(answer, dict) and answer.get("success") is True):
            raise OSError(f"Cloudflare refused the purge: {answer!r}"[:300])

    def purge_keys(self, keys: list[str]) -> None:
        self.purge({"tags": keys})

    def purge_everything(self) -> None:
        self.purge({"purge_everything": True})


BACKENDS = {
    "varnish": VarnishBackend,
    "http": HttpBackend,
    "fastly": FastlyBackend,
    "cloudflare": CloudflareBackend,
}


def configured_backend():
    backend = BACKENDS.get(settings.PURGE_BACKEND)
    return backend() if backend else None


def count_failures(count: int) -> None:
    try:
        cache.add(FAILURES_KEY, 0, timeout=None)
        cache.incr(FAILURES_KEY, count)
    except Exception:
        logger.warning("could not count purge failures", exc_info=True)


def failure_count() -> int:
    """Return how many purge batches have failed (since the shared cache was last emptied)."""
    return cache.get(FAILURES_KEY, 0)


def purge(*, keys: Iterable[str] = (), urls: Iterable[str] = ()) -> None:
    """Purge pages carrying any of `keys` (or, for a cache purging by URL, at `urls`)."""
    backend = configured_backend()
    if backend is None:
        return
    by_url = getattr(backend, "by_url", False)
    items = urls if by_url else keys
    send_batch = backend.purge_urls if by_url else backend.purge_keys
    errors, unpurged = [], set()
    for batch in batches(items, backend.batch_size):
        started = time.perf_counter()
        try:
            send_batch(batch)
        except OSError as error:
            errors.append(str(error))
            unpurged.update(batch)
            logger.error(
                "purge failed",
                extra={"backend": settings.PURGE_BACKEND, "items": batch, "error": str(error)},
            )
            continue
        logger.info(
            "purged %d %s",
            len(batch),
            "urls" if by_url else "keys",
            extra={
                "backend": settings.PURGE_BACKEND,
                "items": batch,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
    if errors:
        count_failures(len(errors))
        raise PurgeFailed(errors, keys=() if by_url else unpurged, urls=unpurged if by_url else ())


def purge_content(*objects) -> None:
    """Purge every page showing these objects (after their change commits)."""
    keys, urls = set(), set()
    for obj in objects:
        keys |= content_keys.keys_for(obj)
        urls |= content_keys.urls_for(obj)
    purge(keys=keys, urls=urls)


def purge_everything() -> None:
    """Empty the shared cache: on each release, templates change with no content key."""
    backend = configured_backend()
    if backend is None:
        return
    try:
        backend.purge_everything()
    except OSError as error:
        count_failures(1)
        logger.error("purge of everything failed", extra={"error": str(error)})
        raise PurgeFailed([str(error)], keys=[content_keys.SITE]) from error
    logger.info("purged everything", extra={"backend": settings.PURGE_BACKEND})


def every_public_path() -> set[str]:
    """Return the path of every page the sitemaps list, and the list pages."""
    from outlook.reading.sitemaps import SITEMAPS

    paths = set()
    for sitemap in SITEMAPS.values():
        sitemap = sitemap() if isinstance(sitemap, type) else sitemap
        paths.update(sitemap.location(item) for item in sitemap.items())
    return paths | content_keys.urls_for_lists()
