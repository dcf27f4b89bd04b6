"""The editors' schedule: what goes live when, and what will not go live as planned."""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from outlook.models import RELEASED, Issue, Outlook, PublicationStatus

READY = (PublicationStatus.IN_REVIEW, *RELEASED)


@dataclass
class ScheduleRow:
    when: datetime.datetime | None
    kind: str
    obj: Issue | Outlook
    state: str
    note: str
    overdue: bool = False
    missing: list[str] = field(default_factory=list)
    # An approved outlook's own go-live time while its issue is not scheduled.
    waiting_from: datetime.datetime | None = None

    @property
    def admin_url(self) -> str:
        return reverse(f"admin:outlook_{self.kind}_change", args=[self.obj.pk])


def overdue_outlooks(now: datetime.datetime) -> Q:
    """Outlooks that will not go live as planned: in review once their issue is out or due,
    or approved for a time that has passed while their issue is not released."""
    issue_out_or_due = Q(issue__publication_date__lt=timezone.localdate(now)) | Q(
        issue__in=Issue.objects.published()
    )
    stuck_in_review = Q(status=PublicationStatus.IN_REVIEW) & issue_out_or_due
    approved_waiting = Q(status__in=RELEASED, go_live_at__lte=now) & ~Q(issue__status__in=RELEASED)
    return stuck_in_review | approved_waiting


def _issue_row(issue: Issue, now: datetime.datetime) -> ScheduleRow:
    today = timezone.localdate(now)
    if issue.status in RELEASED:
        missing = [] if issue.ready_total else ["No outlook in it is ready."]
        return ScheduleRow(
            issue.go_live_at, "issue", issue, issue.state_label, "Goes live", False, missing
        )
    overdue = issue.publication_date < today
    note = "Not scheduled" + (
        f": its date, {issue.publication_date:%d %b %Y}, has passed" if overdue else ""
    )
    return ScheduleRow(None, "issue", issue, issue.state_label, note, overdue)


def _outlook_row(outlook: Outlook, now: datetime.datetime) -> ScheduleRow:
    issue = outlook.issue
    missing = outlook.missing_for_publication()
    if outlook.status == PublicationStatus.IN_REVIEW:
        note = "Waiting for review"
        return ScheduleRow(
            None, "outlook", outlook, outlook.state_label, note, outlook.is_overdue, missing
        )
    when = outlook.reader_go_live_at
    if when is None:
        # Approved, but its issue is not scheduled: it cannot go live at its own time.
        note = f"Approved; waiting for its issue ({issue.state_label.lower()}) to be scheduled"
        return ScheduleRow(
            None,
            "outlook",
            outlook,
            outlook.state_label,
            note,
            outlook.is_overdue,
            missing,
            waiting_from=outlook.go_live_at,
        )
    return ScheduleRow(when, "outlook", outlook, outlook.state_label, "Goes live", False, missing)


def build_schedule(*, now: datetime.datetime | None = None) -> list[ScheduleRow]:
    """Return everything not yet public that is on its way, soonest first, unscheduled last."""
    now = now or timezone.now()
    issues = (
        Issue.objects.exclude(pk__in=Issue.objects.published())
        .annotate(ready_total=Count("outlooks", filter=Q(outlooks__status__in=READY)))
        .order_by("publication_date")
    )
    outlooks = (
        Outlook.objects.filter(status__in=READY)
        .exclude(pk__in=Outlook.objects.published())
        .with_page_data()
        .annotate(is_overdue=ExpressionWrapper(overdue_outlooks(now), BooleanField()))
        .order_by("issue__publication_date", "profession__name")
    )
    rows = [_issue_row(issue, now) for issue in issues]
    rows += [_outlook_row(outlook, now) for outlook in outlooks]
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda row: (row.when or far_future, row.kind != "issue"))
