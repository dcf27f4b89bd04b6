"""The anonymous page cache and what keeps it fresh.

Every cached page's key contains a content version held in the shared cache (Redis in
production), so one bump after any save or delete of content makes every process miss and
render the new state: nothing to purge. Pages also never outlive the next scheduled go-live.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

CONTENT_VERSION_KEY = "content-version"

# Everything a public page shows comes from these models.
CONTENT_MODELS = (
    "outlook.Issue",
    "outlook.Outlook",
    "outlook.Change",
    "outlook.TaskAssessment",
    "outlook.SkillAssessment",
    "outlook.Insight",
    "outlook.Correction",
    "professions.Category",
    "professions.Profession",
    "professions.Skill",
)


def content_version() -> int:
    """Return the current content version, starting one if the cache has none."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # A clock value, so a version lost to eviction restarts above every earlier one and
        # no stale page can match it again.
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, time.time_ns())
    return version


def bump_content_version() -> None:
    """Make every cached page stale, in every process sharing the cache."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


def page_cache_key(*, url: str, version: int) -> str:
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{version}:{digest}"


def page_cache_timeout(*, now: datetime, next_change: datetime | None, longest: int) -> int:
    """Return how many seconds a page rendered at `now` may be cached.

    At most `longest`, and never past `next_change`, the next time content becomes visible by
    the clock alone. 0 means "do not cache".
    """
    if next_change is None:
        return max(longest, 0)
    remaining = int((next_change - now).total_seconds())
    return max(min(longest, remaining), 0)


def next_scheduled_change(now: datetime) -> datetime | None:
    """Return the earliest future go-live time of an issue or outlook."""
    from outlook.models import Issue, Outlook

    upcoming = [
        model.objects.filter(go_live_at__gt=now).aggregate(next=Min("go_live_at"))["next"]
        for model in (Issue, Outlook)
    ]
    return min(filter(None, upcoming), default=None)


def current_page_cache_timeout() -> int:
    if settings.PAGE_CACHE_SECONDS <= 0:
        return 0  # the page cache is off: no need to look for go-live times
    now = timezone.now()
    return page_cache_timeout(
        now=now, next_change=next_scheduled_change(now), longest=settings.PAGE_CACHE_SECONDS
    )


def content_changed(sender, **kwargs) -> None:
    # After commit: a bump before it would let another process cache the old state again.
    # Robust: the edit is saved either way; a cache outage is logged, not shown to the editor.
    transaction.on_commit(bump_content_version, robust=True)


def connect_signals() -> None:
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"outlook.web.cache:{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")


class LocalPages:
    """A small, per-process copy of recently served cached pages, in front of the shared cache.

    Reading a 150 KB page from Redis on every hit cost more than the rest of the hit. Keys
    are the shared cache's keys, which contain the content version, so an edit (a new version,
    read from the shared cache on each request) makes every process's copies unreachable at
    once; each entry also keeps its shared-cache expiry, so none outlives a go-live time.
    Least recently used pages go first once `max_bytes` is reached.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple[float, int, dict]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, size, entry = found
            if expires <= time.time():
                del self.entries[key]
                self.size -= size
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict, expires: float) -> None:
        size = len(entry["content"])
        if size > self.max_bytes:
            return
        with self.lock:
            if key in self.entries:
                self.size -= self.entries.pop(key)[1]
            self.entries[key] = (expires, size, entry)
            self.size += size
            while self.size > self.max_bytes:
                _key, (_expires, old_size, _entry) = self.entries.popitem(last=False)
                self.size -= old_size

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


# 32 MB per process: a few hundred of the most read pages.
local_pages = LocalPages(max_bytes=32 * 1024 * 1024)
