"""Each issue's median exposure index, stored on the issue.

Outlook pages mark the issue's median on their index scale. Counting it on every render would
read every outlook of the issue; keeping it on each outlook's edit would make one edit change
2 000 pages. So it is stored, refreshed when an outlook joins or leaves the issue (released,
returned to draft, moved, deleted) and otherwise when a page finds it older than a day, so task
edits reach it within a day.

It counts the issue's released outlooks, scheduled ones included: an issue published for a
later time has its median ready when it goes live.
"""

import datetime

from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from outlook.models import (
    RELEASED,
    Issue,
    Outlook,
    divide_rounding_half_up,
    exposure_index_expression,
)

MAX_AGE = datetime.timedelta(days=1)


def index_counts(outlooks) -> dict[int, int]:
    """Return {exposure index: how many of `outlooks` have it}; outlooks without tasks aside."""
    rows = (
        outlooks.order_by()
        .annotate(index=exposure_index_expression())
        .exclude(index=None)
        .values_list("index")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


def median(counts_by_index: dict[int, int]) -> int | None:
    """Return the median of the indexes counted, halves rounded up as the index rounds them."""
    total = sum(counts_by_index.values())
    if not total:
        return None
    middle, seen, values = {(total - 1) // 2, total // 2}, 0, []
    for index in sorted(counts_by_index):
        count = counts_by_index[index]
        values += [index for position in middle if seen <= position < seen + count]
        seen += count
    return divide_rounding_half_up(sum(values), len(values))


def refresh_medians(issue_ids) -> dict[int, int | None]:
    """Store the median index of each issue in `issue_ids`, from its released outlooks.

    Return {issue id: its median}.
    """
    now, medians = timezone.now(), {}
    for issue_id in set(issue_ids) - {None}:
        released = Outlook.objects.filter(issue=issue_id, status__in=RELEASED)
        medians[issue_id] = median(index_counts(released))
        # update(): a median is derived data, not an edit readers' cached pages wait on.
        Issue.objects.filter(pk=issue_id).update(
            median_index=medians[issue_id], median_refreshed_at=now
        )
    return medians


def current_median(issue: Issue) -> int | None:
    """Return the issue's stored median, refreshing it first when older than a day."""
    stale = issue.median_refreshed_at is None or (
        issue.median_refreshed_at < timezone.now() - MAX_AGE
    )
    if stale:
        issue.median_index = refresh_medians([issue.pk])[issue.pk]
    return issue.median_index


def refresh_when_committed(issue_ids) -> None:
    """Mark the issues' medians out of date and refresh them once this transaction commits.

    Publishing an issue saves each of its outlooks: the mark makes the first refresh after
    commit do the work and the rest find nothing to do. A rollback undoes the mark too.
    """
    ids = set(issue_ids) - {None}
    Issue.objects.filter(pk__in=ids).update(median_refreshed_at=None)

    def refresh():
        pending = Issue.objects.filter(pk__in=ids, median_refreshed_at=None)
        refresh_medians(pending.values_list("pk", flat=True))

    transaction.on_commit(refresh)


MEMBERSHIP_FIELDS = ("issue_id", "status")


def remember_membership(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._previous_membership = None
        return
    instance._previous_membership = (
        sender.objects.filter(pk=instance.pk).values_list(*MEMBERSHIP_FIELDS).first()
    )


def outlook_saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    if raw:
        return
    previous = getattr(instance, "_previous_membership", None)
    released = instance.status in RELEASED
    if previous is None:
        if released:
            refresh_when_committed([instance.issue_id])
        return
    previous_issue, previous_status = previous
    was_released = previous_status in RELEASED
    if previous_issue != instance.issue_id and (released or was_released):
        refresh_when_committed([previous_issue, instance.issue_id])
    elif released != was_released:
        refresh_when_committed([instance.issue_id])


def outlook_deleted(sender, instance, **kwargs) -> None:
    if instance.status in RELEASED:
        refresh_when_committed([instance.issue_id])


def connect_signals() -> None:
    uid = "outlook.reading.issue_median"
    pre_save.connect(remember_membership, sender=Outlook, dispatch_uid=f"{uid}:pre")
    post_save.connect(outlook_saved, sender=Outlook, dispatch_uid=f"{uid}:save")
    post_delete.connect(outlook_deleted, sender=Outlook, dispatch_uid=f"{uid}:delete")
