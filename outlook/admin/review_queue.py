"""The review queue: who waits on whom, as counts on the admin index and a list filter.

Each queue is one condition on outlooks for the signed-in user; the index's count and the
filtered changelist it links to both read it from here, so they always agree.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outlook.models import AuditAction, AuditEntry, Outlook, PublicationStatus
from outlook.publishing.gate import PUBLISH_OUTLOOK
from outlook.publishing.schedule import overdue_outlooks

PARAMETER = "queue"
# The workflow steps that decide who holds an outlook now (edits do not hand it over).
HAND_OVERS = [
    AuditAction.SUBMITTED,
    AuditAction.WITHDRAWN,
    AuditAction.RETURNED,
    AuditAction.APPROVED,
    AuditAction.SCHEDULED,
    AuditAction.PUBLISHED,
    AuditAction.UNPUBLISHED,
]


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    condition: Callable[..., Q]
    for_editors: bool = False


def _waiting_for_review(user, now) -> Q:
    return Q(status=PublicationStatus.IN_REVIEW)


def _my_drafts(user, now) -> Q:
    return Q(status=PublicationStatus.DRAFT, writer=user)


def _returned_to_me(user, now) -> Q:
    return _my_drafts(user, now) & Q(last_hand_over=AuditAction.RETURNED)


def _scheduled_this_week(user, now) -> Q:
    week = now + datetime.timedelta(days=7)
    return Q(status=PublicationStatus.SCHEDULED, go_live_at__gt=now, go_live_at__lte=week)


def _overdue(user, now) -> Q:
    return overdue_outlooks(now)


QUEUES = [
    Queue("review", _("Waiting for my review"), _waiting_for_review, for_editors=True),
    Queue("drafts", _("My drafts"), _my_drafts),
    Queue("returned", _("Returned to me"), _returned_to_me),
    Queue("week", _("Scheduled this week"), _scheduled_this_week, for_editors=True),
    Queue("overdue", _("Overdue"), _overdue, for_editors=True),
]


def queues_for(user) -> list[Queue]:
    is_editor = user.has_perm(PUBLISH_OUTLOOK)
    return [queue for queue in QUEUES if is_editor or not queue.for_editors]


def with_last_hand_over(outlooks):
    """Annotate `last_hand_over`: the latest workflow step taken on each outlook."""
    latest = (
        AuditEntry.objects.filter(outlook=OuterRef("pk"), action__in=HAND_OVERS)
        .order_by("-at", "-id")
        .values("action")[:1]
    )
    return outlooks.annotate(last_hand_over=Subquery(latest))


def queue_counts(user, *, now=None) -> list[tuple[Queue, int, str]]:
    """Return each of `user`'s queues with its count and the changelist link, in one query."""
    now = now or timezone.now()
    queues = queues_for(user)
    counts = with_last_hand_over(Outlook.objects.all()).aggregate(
        **{queue.key: Count("pk", filter=queue.condition(user, now)) for queue in queues}
    )
    changelist = reverse("admin:outlook_outlook_changelist")
    return [(queue, counts[queue.key], f"{changelist}?{PARAMETER}={queue.key}") for queue in queues]


class ReviewQueueFilter(admin.SimpleListFilter):
    title = _("review queue")
    parameter_name = PARAMETER

    def lookups(self, request, model_admin):
        return [(queue.key, queue.label) for queue in queues_for(request.user)]

    def queryset(self, request, queryset):
        queue = next((q for q in queues_for(request.user) if q.key == self.value()), None)
        if queue is None:
            return queryset
        condition = queue.condition(request.user, timezone.now())
        return with_last_hand_over(queryset).filter(condition)
