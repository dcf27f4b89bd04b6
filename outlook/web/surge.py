"""One render per page under a surge.

When a read page goes stale or was never stored, the first request takes a short lock in the
shared cache and renders it; the others wait briefly for that page instead of rendering it
too. After an edit of live content or a correction (soft invalidations alone), they may
instead get the previous copy, for a few seconds at most; never after a withdrawal or
anything going live (a hard invalidation), whose previous copy readers must not see.
"""

import time

from django.core.cache import cache

from outlook.web import key_versions

# Longer than any render; a renderer that dies frees the page after this.
LOCK_SECONDS = 10
# How long a reader waits for someone else's render before rendering the page itself.
WAIT_SECONDS = 3
POLL_SECONDS = 0.05
# The previous copy is served at most this long after the edit that made it stale.
STALE_SECONDS = 5


def lock_name(key: str) -> str:
    return f"render:{key}"


def take_render_lock(key: str) -> bool:
    """Return True if this request is the one to render the page."""
    return cache.add(lock_name(key), 1, timeout=LOCK_SECONDS)


def release_render_lock(key: str) -> None:
    cache.delete(lock_name(key))


def may_serve_previous(entry: dict | None, moved: dict, *, now_ns: int | None = None) -> bool:
    """Whether a stale page may be served while another request renders its new version."""
    if entry is None or not moved or None in moved.values():
        return False
    now_ns = now_ns or time.time_ns()
    if any(now_ns - version > STALE_SECONDS * 1_000_000_000 for version in moved.values()):
        return False
    hard = key_versions.hard_names(entry["versions"])
    current = cache.get_many(hard)
    return all(current.get(name) == entry["versions"][name] for name in hard)


def wait_for_render(key: str, lookup) -> dict | None:
    """Wait for another request's render of the page; return it fresh, or None in time."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        entry, moved = lookup(key)
        if entry is not None and not moved:
            return entry
        if cache.get(lock_name(key)) is None:
            return None  # the renderer gave up or did not store it: render here
    return None
