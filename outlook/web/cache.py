"""The anonymous page cache's storage: keys, lifetimes and the per-process copy.

Each stored page records the version of every content and list key it carries
(outlook/key_versions.py); publishing events move the versions of exactly the keys they touch
(outlook/pipeline.py), so an edit makes stale only the pages that show it, in every process.
A page never outlives the next go-live of anything it shows (outlook/go_live.py).
"""

import hashlib
import threading
import time
from collections import OrderedDict
from datetime import datetime


def page_cache_key(*, url: str) -> str:
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{digest}"


def page_cache_timeout(*, now: datetime, next_change: datetime | None, longest: int) -> int:
    """Return how many seconds a page rendered at `now` may be cached.

    At most `longest`, and never past `next_change`, the next time something the page shows
    becomes visible by the clock alone. 0 means "do not cache".
    """
    if next_change is None:
        return max(longest, 0)
    remaining = int((next_change - now).total_seconds())
    return max(min(longest, remaining), 0)


class LocalPages:
    """A small, per-process copy of recently served cached pages, in front of the shared cache.

    Reading a 150 KB page from Redis on every hit cost more than the rest of the hit. A copy
    is served only after its keys' versions, read from the shared cache on each request, are
    found unchanged, so an edit reaches every process at once; each entry also keeps its
    shared-cache expiry, so none outlives a go-live time.
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
