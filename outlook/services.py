"""The editorial workflow: every change of state of an issue or outlook goes through here.

Draft → in review → scheduled / published, and back to draft. Each step checks who may take
it and from which state, records an audit entry, and runs in one transaction. Readers'
visibility needs no job at the go-live time: `published()` compares with the clock.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outlook.models import (
    RELEASED,
    AuditAction,
    AuditEntry,
    Issue,
    Outlook,
    PublicationStatus,
)

PUBLISH_OUTLOOK = "outlook.publish_outlook"
PUBLISH_ISSUE = "outlook.publish_issue"


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


def _require_state(obj, allowed, action: str) -> None:
    if obj.status not in allowed:
        raise ValidationError(
            _("%(object)s is %(state)s: it cannot be %(action)s.")
            % {"object": obj, "state": obj.get_status_display().lower(), "action": action}
        )


def _require_complete(outlook: Outlook) -> None:
    missing = outlook.missing_for_publication()
    if missing:
        raise ValidationError([_("%(outlook)s is not complete:") % {"outlook": outlook}, *missing])


def _require_future(go_live_at: datetime.datetime) -> None:
    if timezone.is_naive(go_live_at):
        raise ValidationError(_("Give the go-live time with its time zone."))
    if go_live_at <= timezone.now():
        raise ValidationError(_("Choose a go-live time in the future, or publish now."))


def _audit(*, obj, user, action: str, comment: str = "") -> AuditEntry:
    entry = AuditEntry(
        actor=user,
        action=action,
        subject=str(obj)[:300],
        go_live_at=getattr(obj, "go_live_at", None),
        comment=comment,
        **({"issue": obj} if isinstance(obj, Issue) else {"outlook": obj}),
    )
    entry.full_clean()
    entry.save()
    return entry


def _release(obj, *, go_live_at: datetime.datetime | None) -> str:
    """Schedule `obj` for a future time, or publish it now; return the audit action."""
    if go_live_at is None:
        return _set_released(obj, status=PublicationStatus.PUBLISHED, go_live_at=timezone.now())
    return _set_released(obj, status=PublicationStatus.SCHEDULED, go_live_at=go_live_at)


def _set_released(obj, *, status: str, go_live_at: datetime.datetime) -> str:
    obj.status, obj.go_live_at = status, go_live_at
    obj.full_clean()
    obj.save(update_fields=["status", "go_live_at", "updated_at"])
    return AuditAction.PUBLISHED if status == PublicationStatus.PUBLISHED else AuditAction.SCHEDULED


def record_created(*, obj: Issue | Outlook, user) -> AuditEntry:
    """Record who created an issue or outlook."""
    return _audit(obj=obj, user=user, action=AuditAction.CREATED)


@transaction.atomic
def submit_for_review(*, outlook: Outlook, user) -> Outlook:
    """Hand a complete draft to the editors."""
    _require(user, "outlook.change_outlook")
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(outlook, [PublicationStatus.DRAFT], _("submitted for review"))
    _require_complete(outlook)
    outlook.status = PublicationStatus.IN_REVIEW
    outlook.full_clean()
    outlook.save(update_fields=["status", "updated_at"])
    _audit(obj=outlook, user=user, action=AuditAction.SUBMITTED)
    return outlook


@transaction.atomic
def approve(*, outlook: Outlook, user, go_live_at: datetime.datetime | None = None) -> Outlook:
    """Accept an outlook in review and publish it now, or schedule it for `go_live_at`."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(outlook, [PublicationStatus.IN_REVIEW], _("approved"))
    if go_live_at is not None:
        _require_future(go_live_at)
    _require_complete(outlook)
    _audit(obj=outlook, user=user, action=AuditAction.APPROVED)
    _audit(obj=outlook, user=user, action=_release(outlook, go_live_at=go_live_at))
    return outlook


@transaction.atomic
def return_to_draft(*, outlook: Outlook, user, comment: str) -> Outlook:
    """Send an outlook in review back to its writer, saying why."""
    _require(user, PUBLISH_OUTLOOK)
    if not comment.strip():
        raise ValidationError(_("Say what needs to change before it can be approved."))
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(outlook, [PublicationStatus.IN_REVIEW], _("returned to draft"))
    outlook.status = PublicationStatus.DRAFT
    outlook.full_clean()
    outlook.save(update_fields=["status", "updated_at"])
    _audit(obj=outlook, user=user, action=AuditAction.RETURNED, comment=comment.strip())
    return outlook


@transaction.atomic
def schedule(*, outlook: Outlook, user, go_live_at: datetime.datetime) -> Outlook:
    """Set (or move) the time a complete outlook goes live."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(
        outlook,
        [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.SCHEDULED],
        _("scheduled"),
    )
    _require_future(go_live_at)
    _require_complete(outlook)
    _audit(obj=outlook, user=user, action=_release(outlook, go_live_at=go_live_at))
    return outlook


@transaction.atomic
def publish_outlook(*, outlook: Outlook, user) -> Outlook:
    """Make a complete outlook live now (readers see it once its issue is live too)."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(
        outlook,
        [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.SCHEDULED],
        _("published"),
    )
    _require_complete(outlook)
    _audit(obj=outlook, user=user, action=_release(outlook, go_live_at=None))
    return outlook


@transaction.atomic
def unpublish(*, outlook: Outlook, user) -> Outlook:
    """Take a scheduled or published outlook off the site, back to draft."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = Outlook.objects.select_for_update().get(pk=outlook.pk)
    _require_state(outlook, RELEASED, _("unpublished"))
    outlook.status, outlook.go_live_at = PublicationStatus.DRAFT, None
    outlook.full_clean()
    outlook.save(update_fields=["status", "go_live_at", "updated_at"])
    _audit(obj=outlook, user=user, action=AuditAction.UNPUBLISHED)
    return outlook


def ready_outlooks(issue: Issue):
    """Return the outlooks that go live with their issue: submitted or already approved."""
    return issue.outlooks.filter(
        status__in=[PublicationStatus.IN_REVIEW, *RELEASED]
    ).with_page_data()


@transaction.atomic
def publish_issue(*, issue: Issue, user, go_live_at: datetime.datetime | None = None) -> Issue:
    """Release an issue with all its ready outlooks at one time, now or at `go_live_at`.

    All or nothing: if any ready outlook is incomplete, or anything fails on the way, no
    issue or outlook changes.
    """
    _require(user, PUBLISH_ISSUE)
    _require(user, PUBLISH_OUTLOOK)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_state(
        issue,
        [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.SCHEDULED],
        _("published") if go_live_at is None else _("scheduled"),
    )
    if go_live_at is not None:
        _require_future(go_live_at)
    outlooks = list(ready_outlooks(issue).select_for_update(of=("self",)))
    if not outlooks:
        raise ValidationError(
            _("%(issue)s has no outlook in review or approved: submit some first.")
            % {"issue": issue}
        )
    problems = []
    for outlook in outlooks:
        missing = outlook.missing_for_publication()
        if missing:
            problems.append(f"{outlook}: {' '.join(missing)}")
    if problems:
        raise ValidationError([_("Nothing was published. Complete these outlooks:"), *problems])
    action = _release(issue, go_live_at=go_live_at)
    _audit(obj=issue, user=user, action=action)
    for outlook in outlooks:
        if outlook.status == PublicationStatus.IN_REVIEW:
            _audit(obj=outlook, user=user, action=AuditAction.APPROVED)
        # Every outlook of the issue goes live at the issue's moment.
        action = _set_released(outlook, status=issue.status, go_live_at=issue.go_live_at)
        _audit(obj=outlook, user=user, action=action)
    return issue


@transaction.atomic
def unpublish_issue(*, issue: Issue, user) -> Issue:
    """Take an issue off the site; its outlooks keep their state and return with it."""
    _require(user, PUBLISH_ISSUE)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_state(issue, RELEASED, _("unpublished"))
    issue.status, issue.go_live_at = PublicationStatus.DRAFT, None
    issue.full_clean()
    issue.save(update_fields=["status", "go_live_at", "updated_at"])
    _audit(obj=issue, user=user, action=AuditAction.UNPUBLISHED)
    return issue
