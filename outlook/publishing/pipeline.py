"""What a publishing event does: the pages showing the change go stale, everywhere.

The gate (outlook/gate.py) calls `handle` once a reader-facing change commits, with the keys
and addresses of every page showing the object, taken before the change could lose them
(a deleted outlook no longer knows its issue's list). Then:

- the page cache makes stale exactly those keys (outlook/key_versions.py), hard after
  anything went live, was withdrawn or had its go-live moved (no previous copy is served);
- a task purges the same keys from shared caches (retried with backoff, failures logged
  and counted by outlook/purge.py);
- a go-live set for later gets a task at that moment, which purges what the clock alone made
  stale (readers see the new state at that time anyway: the lifetimes end then);
- the open-data files of every issue whose live content changed are written again.

Draft edits (nothing readers see) do none of this.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from outlook.publishing import content_keys, go_live
from outlook.taskqueue.queue import Backoff, retried_task
from outlook.web import key_versions

logger = logging.getLogger(__name__)

DRAFT_EDIT = "draft_edit"
CORRECTED = "corrected"
CURRENT_CHANGED = "current_changed"
# After these, the page that showed the previous state must never be served again.
HARD_KINDS = frozenset({"went_live", "withdrawn", "go_live_moved", CURRENT_CHANGED})


@dataclass(frozen=True)
class Affected:
    """What pages show an object: content and list keys, and the addresses a URL purge needs."""

    keys: frozenset[str]
    urls: frozenset[str]
    issue_ids: frozenset[int]


def affected(obj, *, kind: str = "") -> Affected:
    """Return what pages show `obj`; call it while the object still has its relations.

    A correction touches only the outlook's own page (and the dates in feeds and sitemaps):
    not the lists showing the outlook, nor the datasets, which carry no corrections.
    """
    if kind == CURRENT_CHANGED:
        # Editors chose another current issue: only the pages showing which one is current.
        return Affected(
            keys=frozenset({content_keys.CURRENT_ISSUE}),
            urls=frozenset({reverse("outlook:home")}),
            issue_ids=frozenset(),
        )
    if kind == CORRECTED:
        return Affected(
            keys=frozenset(content_keys.keys_for_correction(obj)),
            urls=frozenset({obj.get_absolute_url(), *content_keys.urls_for_lists()}),
            issue_ids=frozenset(),
        )
    return Affected(
        keys=frozenset(content_keys.keys_for(obj)),
        urls=frozenset(content_keys.urls_for(obj)),
        issue_ids=frozenset(issues_showing(obj)),
    )


def issues_showing(obj) -> set[int]:
    """Return the issues whose open-data files include `obj`."""
    from outlook.models import Issue, Outlook

    if isinstance(obj, Issue):
        return {obj.pk}
    if isinstance(obj, Outlook):
        return {obj.issue_id}
    if hasattr(obj, "outlook_id"):
        return {obj.outlook.issue_id}
    related = {
        "profession": "profession",
        "category": "profession__category",
        "skill": "skill_assessments__skill",
    }.get(obj._meta.model_name)
    if related is None:
        return set()
    return set(Outlook.objects.filter(**{related: obj}).values_list("issue_id", flat=True))


def handle(*, kind: str, obj, changed: Affected) -> None:
    """Run the side effects of one reader-facing change (after its commit)."""
    if kind == DRAFT_EDIT:
        return
    hard = kind in HARD_KINDS
    key_versions.invalidate(changed.keys, hard=hard)
    if hard:
        key_versions.invalidate([go_live.SCHEDULE], hard=False)
    if settings.PURGE_BACKEND:
        purge_pages.enqueue(keys=sorted(changed.keys), urls=sorted(changed.urls))
    write_datasets(changed.issue_ids)
    schedule_go_live(obj)


def write_datasets(issue_ids) -> None:
    from outlook.reading.datasets import write_issue_datasets

    for issue_id in sorted(issue_ids):
        write_issue_datasets.enqueue(issue_id)


@retried_task(attempts=8, backoff=Backoff(first_seconds=10, max_seconds=900))
def purge_pages(*, keys: list[str], urls: list[str]) -> None:
    """Purge shared caches of the pages carrying `keys` (or at `urls`, for a URL cache)."""
    from outlook.web import purge

    purge.purge(keys=keys, urls=urls)


def schedule_go_live(obj) -> None:
    """Queue the go-live's own side effects for its moment, when it is still to come."""
    from outlook.models import RELEASED, Issue, Outlook

    if not isinstance(obj, Issue | Outlook) or obj.pk is None:
        return
    if obj.status not in RELEASED or obj.go_live_at is None or obj.go_live_at <= timezone.now():
        return
    if not go_live_reached.get_backend().supports_defer:
        return  # the immediate backend: lifetimes alone show the change at its time
    go_live_reached.using(run_after=obj.go_live_at).enqueue(
        model=obj._meta.model_name, pk=obj.pk, at=obj.go_live_at.isoformat()
    )


@retried_task(attempts=8, backoff=Backoff(first_seconds=10, max_seconds=900))
def go_live_reached(*, model: str, pk: int, at: str) -> None:
    """Purge and rewrite what a go-live changed; nothing if it was moved or cancelled since."""
    from outlook.models import Issue, Outlook

    found = {"issue": Issue, "outlook": Outlook}[model].objects.filter(pk=pk).first()
    if found is None or found.go_live_at is None or found.go_live_at.isoformat() != at:
        return
    if not found.is_live:
        return
    if isinstance(found, Outlook):
        # Imported here: the notifications import the gate, which imports this module.
        from outlook.publishing.notifications import after_scheduled_go_live

        after_scheduled_go_live(found)
    changed = affected(found)
    key_versions.invalidate(changed.keys, hard=True)
    key_versions.invalidate([go_live.SCHEDULE], hard=False)
    from outlook.web import purge

    purge.purge(keys=changed.keys, urls=changed.urls)
    write_datasets(changed.issue_ids)


def share_image_changed(obj) -> None:
    """Refresh the pages naming `obj`'s share card (its own page's og:image) after a redraw."""
    keys = [content_keys.content_key(obj)]
    key_versions.invalidate(keys, hard=False)
    if settings.PURGE_BACKEND:
        purge_pages.enqueue(keys=keys, urls=[obj.get_absolute_url()])


def invalidate_everything() -> None:
    """Make every stored page stale (bulk loads, restores): every page carries `SITE`."""
    key_versions.invalidate([content_keys.SITE, go_live.SCHEDULE], hard=True)
    if settings.PURGE_BACKEND:
        purge_everything.enqueue()


@retried_task(attempts=8, backoff=Backoff(first_seconds=10, max_seconds=900))
def purge_everything() -> None:
    """Empty shared caches (a bulk load changed pages no event names)."""
    from outlook.web import purge

    purge.purge_everything()
