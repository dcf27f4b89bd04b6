"""Per-key freshness: each content or list key has a version in the shared cache.

A stored page records the version of every key it carries (outlook/content_keys.py); it is
fresh while none of them moved. Invalidating a key writes a new version (a clock value, so a
version lost to eviction is replaced by a later one and no stale page can match it again).
A key whose version is missing counts as moved: the page is rendered again and stores it.

Two versions per key: `soft` moves on every invalidation, `hard` only on those after which
readers must never see the previous copy (a withdrawal, something going live). A page whose
soft versions alone moved, a few seconds ago at most, may be served while one request renders
the new one (outlook/surge.py).
"""

import time
from collections.abc import Iterable

from django.core.cache import cache

from outlook.web import redis_cache

SOFT_PREFIX = "kv:"
HARD_PREFIX = "kh:"


def soft_name(key: str) -> str:
    return SOFT_PREFIX + key


def hard_name(key: str) -> str:
    return HARD_PREFIX + key


def invalidate(keys: Iterable[str], *, hard: bool) -> None:
    """Make every stored page carrying any of `keys` stale, in every process (one round trip)."""
    version = time.time_ns()
    names = [soft_name(key) for key in keys]
    if hard:
        names += [hard_name(key) for key in keys]
    if names:
        cache.set_many(dict.fromkeys(names, version), timeout=None)


def versions_at_store(keys: Iterable[str], *, rendered_since: int) -> dict[str, int] | None:
    """Return the versions to record with a page rendered from `rendered_since` (ns), or None.

    None means a key moved while the page was being rendered: it may show the old state, so
    it must not be stored. Missing versions are started at `rendered_since`.
    """
    keys = sorted(keys)
    names = [soft_name(key) for key in keys] + [hard_name(key) for key in keys]
    found = redis_cache.add_then_get_many(names, rendered_since)
    # A version lost to eviction meanwhile counts as moved, as a later one would.
    if len(found) < len(names) or any(version > rendered_since for version in found.values()):
        return None
    return found


def moved(recorded: dict[str, int], current: dict) -> dict[str, int | None]:
    """Return the soft versions (name: current version) that differ from what a page recorded."""
    return {
        name: current.get(name)
        for name, version in recorded.items()
        if name.startswith(SOFT_PREFIX) and current.get(name) != version
    }


def hard_names(recorded: dict[str, int]) -> list[str]:
    return [name for name in recorded if name.startswith(HARD_PREFIX)]


def soft_names(recorded: dict[str, int]) -> list[str]:
    return [name for name in recorded if name.startswith(SOFT_PREFIX)]
