"""Compress public pages, feeds and data: brotli when the client accepts it, else gzip.

Only responses a shared cache may store are compressed (public, no cookie set, nothing of one
reader's): a page with a CSRF token or a reader's own data is sent as it is, so BREACH has
nothing secret to measure. Static files are compressed ahead of time by WhiteNoise.
The same page is served many times from the page cache, so its compressed bodies are kept
per process (keyed by the body itself) and compressed once.
"""

import gzip
import re
from functools import lru_cache

import brotli
from django.utils.cache import patch_vary_headers

COMPRESSIBLE_TYPES = re.compile(
    r"^(text/(html|xml|csv|plain)|application/((rss|atom)\+)?xml|application/json)\b"
)
# Below this, compression saves less than a packet and costs a round of CPU.
MIN_LENGTH = 200
# Fast settings: a miss compresses while the reader waits; repeats come from the memo.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5


# Pages are kept compressed; a dataset (megabytes) is compressed each time rather than held.
MEMO_MAX_LENGTH = 512 * 1024


def compressed(content: bytes, encoding: str) -> bytes:
    if len(content) > MEMO_MAX_LENGTH:
        return compress(content, encoding)
    return memoized_compress(content, encoding)


def compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)


# 128 pages of ~150 KB with their compressed copies: about 20 MB per process at most.
memoized_compress = lru_cache(maxsize=128)(compress)


def accepted_encoding(request) -> str | None:
    """Return "br" or "gzip" if the client accepts it (a q=0 refuses), else None."""
    accepted = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        try:
            accepted[name.strip().lower()] = float(quality) if quality else 1.0
        except ValueError:
            continue
    for encoding in ("br", "gzip"):
        if accepted.get(encoding, 0) > 0:
            return encoding
    return None


def is_public(response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        "public" in cache_control
        and not any(word in cache_control for word in ("private", "no-store"))
        and not response.cookies
    )


class CompressionMiddleware:
    """Compress public HTML, XML, JSON and CSV responses for clients that accept it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 200
            or response.streaming
            or response.has_header("Content-Encoding")
            or not COMPRESSIBLE_TYPES.match(response.get("Content-Type", ""))
            or not is_public(response)
        ):
            return response
        # Whatever this client gets, a cache must not hand it to one accepting less.
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request)
        if encoding is None or len(response.content) < MIN_LENGTH:
            return response
        response.content = compressed(response.content, encoding)
        response["Content-Length"] = str(len(response.content))
        response["Content-Encoding"] = encoding
        if (etag := response.get("ETag", "")) and not etag.startswith("W/"):
            # The bytes differ per encoding, so the validator is weak (as GZipMiddleware does).
            response["ETag"] = f"W/{etag}"
        return response
