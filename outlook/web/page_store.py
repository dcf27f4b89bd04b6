"""Reading and writing stored pages with their keys' versions.

A hit costs one round trip to the shared cache: the page (unless this process holds a copy)
and the current versions of its keys, in one `get_many`. The keys of a page are remembered per
process from the last time it was read, so they can be asked for together with the page.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_http_date_safe

from outlook.publishing import go_live
from outlook.web import cache as page_cache
from outlook.web import key_versions, redis_cache, surge
from outlook.web.response_keys import KEY_HEADERS

# Headers that describe the request or the moment, not the page.
UNSTORED_HEADERS = {"set-cookie", "date", "x-request-id"}
# Page keys whose version names this process has seen: bounded, cleared when full.
_known_names: dict[str, list[str]] = {}
KNOWN_NAMES_MAX = 20_000


def remember_names(key: str, names: list[str]) -> None:
    if len(_known_names) >= KNOWN_NAMES_MAX:
        _known_names.clear()
    _known_names[key] = names


def forget() -> None:
    """Drop what this process remembers of stored pages (tests empty the cache under it)."""
    _known_names.clear()


def lookup(key: str) -> tuple[dict | None, dict]:
    """Return (the stored page or None, its keys' versions that moved since it was stored).

    One round trip when this process has seen the page before. The page is fresh when
    nothing moved; a key whose version is missing (evicted) counts as moved, with None.
    """
    entry, moved, _locked = read(key, lock=None)
    return entry, moved


def lookup_or_lock(key: str, lock: str) -> tuple[dict | None, dict, bool | None]:
    """Return what `lookup` does, and whether the render lock `lock` was taken.

    When the shared cache holds no page, the lock is asked for in the same round trip, as the
    one to render it (True) or not (False); None when it was not asked for.
    """
    return read(key, lock=lock)


def read(key: str, *, lock: str | None) -> tuple[dict | None, dict, bool | None]:
    entry = page_cache.local_pages.get(key)
    if entry is not None:
        current = cache.get_many(key_versions.soft_names(entry["versions"]))
        moved = key_versions.moved(entry["versions"], current)
        if not moved:
            return entry, moved, None
        # Another process may have stored the new page already: look there.
    names = [key, *_known_names.get(key, [])]
    if lock is None:
        found, locked = cache.get_many(names), None
    else:
        found, locked = redis_cache.get_many_lock_if_absent(names, lock, surge.LOCK_SECONDS)
    entry = found.pop(key, None)
    if entry is None:
        return None, {}, locked
    wanted = key_versions.soft_names(entry["versions"])
    remember_names(key, wanted)
    missing = [name for name in wanted if name not in found]
    if missing:  # the page's keys changed since this process last read it
        found.update(cache.get_many(missing))
    moved = key_versions.moved(entry["versions"], found)
    if not moved and entry["expires"] > time.time():
        page_cache.local_pages.put(key, entry, entry["expires"])
    return entry, moved, None


def mark_public(response, entry) -> None:
    response["ETag"] = entry["etag"]
    # Browsers keep the page but ask each time; the answer is a 304 until content changes.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def keys_of(response) -> list[str]:
    return response.get(KEY_HEADERS[1], "").split()


def lifetime(keys, *, longest: int | None) -> tuple[int, float | None]:
    """Return (seconds the page may be stored, the go-live ending it as a timestamp or None)."""
    now = timezone.now()
    next_change = go_live.next_change_for(keys, now)
    seconds = page_cache.page_cache_timeout(
        now=now, next_change=next_change, longest=settings.PAGE_CACHE_SECONDS
    )
    if longest is not None:
        seconds = min(seconds, longest)
    return seconds, next_change.timestamp() if next_change else None


def store(
    key: str, response, *, longest: int | None, rendered_since: int, release: str | None
) -> dict | None:
    """Store a rendered page under its keys' versions; None if it must not be stored.

    Storing it deletes `release` (the render lock) in the same round trip; not storing it
    leaves the lock to its holder.

    Not stored: a page naming no keys (nothing could invalidate it), one whose keys moved
    while it was rendered (it may show the old state), one due to expire at once.
    """
    keys = keys_of(response)
    if not keys:
        return None
    seconds, go_live_at = lifetime(keys, longest=longest)
    if seconds <= 0:
        return None
    versions = key_versions.versions_at_store(keys, rendered_since=rendered_since)
    if versions is None:
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = response.content
    entry = {
        "content": content,
        "status": response.status_code,
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        # The content's own date when the view gave one (outlook/response_keys.py).
        "last_modified": parse_http_date_safe(response.get("Last-Modified", "")),
        "expires": time.time() + seconds,
        "go_live_at": go_live_at,
        "versions": versions,
    }
    mark_public(response, entry)
    entry["headers"] = {
        name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    }
    if release is None:
        cache.set(key, entry, seconds)
    else:
        redis_cache.set_and_delete(key, entry, seconds, release)
    remember_names(key, key_versions.soft_names(versions))
    page_cache.local_pages.put(key, entry, entry["expires"])
    return entry
