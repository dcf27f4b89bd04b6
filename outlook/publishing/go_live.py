"""Scheduled go-lives: which keys change by the clock alone, and when.

A go-live commits nothing at its moment, so no event can invalidate the pages it changes. Each
process keeps a small schedule instead: for every issue and outlook due to go live, the keys
whose pages will show it (`content_keys.keys_for`) and the time. A page (and a shared cache's
copy) carrying one of those keys lives no longer than the earliest of their times; other pages
keep their full lifetime. Events that move a go-live time invalidate `SCHEDULE`, which makes
every process read the schedule again.
"""

import threading
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from outlook.publishing import content_keys
from outlook.web import key_versions

# A pseudo key: its version moves whenever the schedule may have changed.
SCHEDULE = "go-live-schedule"

_memo = threading.local()


def upcoming(now: datetime):
    """Return the released issues and outlooks whose own go-live time is still to come."""
    from outlook.models import RELEASED, Issue, Outlook

    due = Q(status__in=RELEASED, go_live_at__gt=now)
    return [*Issue.objects.filter(due), *Outlook.objects.filter(due).select_related("issue")]


def build_schedule(now: datetime) -> dict[str, datetime]:
    """Return, for each key a coming go-live changes, the earliest time it does."""
    schedule: dict[str, datetime] = {}
    for item in upcoming(now):
        for key in content_keys.keys_for(item):
            if key not in schedule or item.go_live_at < schedule[key]:
                schedule[key] = item.go_live_at
    return schedule


def current_schedule(now: datetime) -> dict[str, datetime]:
    """Return the schedule, read again when it moved or one of its times has passed."""
    version = cache.get(key_versions.soft_name(SCHEDULE))
    memo = getattr(_memo, "value", None)
    if memo is None or memo[0] != version or (memo[2] is not None and memo[2] <= now):
        schedule = build_schedule(now)
        memo = (version, schedule, min(schedule.values(), default=None))
        _memo.value = memo
    return memo[1]


def next_change_for(keys, now: datetime | None = None) -> datetime | None:
    """Return the earliest coming go-live that changes a page carrying these keys."""
    now = now or timezone.now()
    schedule = current_schedule(now)
    return min(
        (schedule[key] for key in keys if key in schedule and schedule[key] > now), default=None
    )


def forget() -> None:
    """Drop this process's copy of the schedule (tests change the database underneath)."""
    _memo.value = None
