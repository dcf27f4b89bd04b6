"""The editorial workflow: every change of state of an issue or outlook goes through here.

Draft → in review → scheduled / published, and back to draft. Each step checks who may take
it and from which state, and runs in one transaction; the move itself, its one audit entry
and what readers see of it are outlook.publishing.gate's. Readers' visibility needs no job at the
go-live time: `published()` compares with the clock.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outlook.models import (
    RELEASED,
    AuditAction,
    Issue,
    Outlook,
    PublicationStatus,
)
from outlook.publishing import current_issue, gate
from outlook.publishing.gate import PUBLISH_ISSUE, PUBLISH_OUTLOOK, record_created
from outlook.publishing.transitions import ISSUE_STEPS, OUTLOOK_STEPS

__all__ = ["PUBLISH_ISSUE", "PUBLISH_OUTLOOK", "record_created"]


def _require(user, permission: str) -> None:
    gate.require(user.has_perm(permission))


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


def _release(obj, *, user, go_live_at: datetime.datetime | None, action: str | None = None):
    """Schedule `obj` for a future time, or publish it now."""
    if go_live_at is None:
        status, go_live_at = PublicationStatus.PUBLISHED, timezone.now()
    else:
        status = PublicationStatus.SCHEDULED
    return _set_released(obj, user=user, status=status, go_live_at=go_live_at, action=action)


def _back_to_draft(obj, *, user, action: str, comment: str = ""):
    return gate.transition(
        obj,
        user=user,
        action=action,
        status=PublicationStatus.DRAFT,
        go_live_at=None,
        comment=comment,
    )


def _set_released(obj, *, user, status: str, go_live_at, action: str | None = None):
    released = (
        AuditAction.PUBLISHED if status == PublicationStatus.PUBLISHED else AuditAction.SCHEDULED
    )
    return gate.transition(
        obj, user=user, action=action or released, status=status, go_live_at=go_live_at
    )


@transaction.atomic
def submit_for_review(*, outlook: Outlook, user) -> Outlook:
    """Hand a complete draft to the editors."""
    outlook = gate.locked(outlook)
    gate.require(gate.can_edit_outlook(user, outlook))
    _require_state(outlook, OUTLOOK_STEPS["submit"], _("submitted for review"))
    _require_complete(outlook)
    return gate.transition(
        outlook,
        user=user,
        action=AuditAction.SUBMITTED,
        status=PublicationStatus.IN_REVIEW,
        go_live_at=None,
    )


@transaction.atomic
def withdraw_submission(*, outlook: Outlook, user) -> Outlook:
    """Take one's own outlook back from review, a draft again, before an editor acts on it."""
    outlook = gate.locked(outlook)
    gate.require(user.has_perm("outlook.change_outlook") and outlook.writer_id == user.pk)
    _require_state(outlook, OUTLOOK_STEPS["withdraw"], _("withdrawn from review"))
    return _back_to_draft(outlook, user=user, action=AuditAction.WITHDRAWN)


@transaction.atomic
def approve(*, outlook: Outlook, user, go_live_at: datetime.datetime | None = None) -> Outlook:
    """Accept an outlook in review and publish it now, or schedule it for `go_live_at`."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = gate.locked(outlook)
    _require_state(outlook, OUTLOOK_STEPS["approve"], _("approved"))
    if go_live_at is not None:
        _require_future(go_live_at)
    _require_complete(outlook)
    return _release(outlook, user=user, go_live_at=go_live_at, action=AuditAction.APPROVED)


@transaction.atomic
def return_to_draft(*, outlook: Outlook, user, comment: str) -> Outlook:
    """Send an outlook in review back to its writer, saying why."""
    _require(user, PUBLISH_OUTLOOK)
    if not comment.strip():
        raise ValidationError(_("Say what needs to change before it can be approved."))
    outlook = gate.locked(outlook)
    _require_state(outlook, OUTLOOK_STEPS["return"], _("returned to draft"))
    return _back_to_draft(outlook, user=user, action=AuditAction.RETURNED, comment=comment.strip())


@transaction.atomic
def schedule(*, outlook: Outlook, user, go_live_at: datetime.datetime) -> Outlook:
    """Set (or move) the time a complete outlook goes live."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = gate.locked(outlook)
    _require_state(outlook, OUTLOOK_STEPS["schedule"], _("scheduled"))
    _require_future(go_live_at)
    _require_complete(outlook)
    return _release(outlook, user=user, go_live_at=go_live_at)


@transaction.atomic
def publish_outlook(*, outlook: Outlook, user) -> Outlook:
    """Make a complete outlook live now (readers see it once its issue is live too)."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = gate.locked(outlook)
    _require_state(outlook, OUTLOOK_STEPS["publish"], _("published"))
    _require_complete(outlook)
    return _release(outlook, user=user, go_live_at=None)


@transaction.atomic
def unpublish(*, outlook: Outlook, user) -> Outlook:
    """Take a scheduled or published outlook off the site, back to draft."""
    _require(user, PUBLISH_OUTLOOK)
    outlook = gate.locked(outlook)
    _require_state(outlook, OUTLOOK_STEPS["unpublish"], _("unpublished"))
    return _back_to_draft(outlook, user=user, action=AuditAction.UNPUBLISHED)


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
    issue = gate.locked(issue)
    step = "publish" if go_live_at is None else "schedule"
    _require_state(
        issue, ISSUE_STEPS[step], _("published") if step == "publish" else _("scheduled")
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
    issue = _release(issue, user=user, go_live_at=go_live_at)
    for outlook in outlooks:
        approving = outlook.status == PublicationStatus.IN_REVIEW
        # Every outlook of the issue goes live at the issue's moment.
        _set_released(
            outlook,
            user=user,
            status=issue.status,
            go_live_at=issue.go_live_at,
            action=AuditAction.APPROVED if approving else None,
        )
    return issue


@transaction.atomic
def unpublish_issue(*, issue: Issue, user) -> Issue:
    """Take an issue off the site; its outlooks keep their state and return with it.

    The current issue stops being current: the home page falls back to the newest live one.
    """
    _require(user, PUBLISH_ISSUE)
    issue = gate.locked(issue)
    _require_state(issue, ISSUE_STEPS["unpublish"], _("unpublished"))
    was_current = current_issue.stop_being_current(issue)
    comment = (
        _("It was the current issue: the home page now shows the newest live issue.")
        if was_current
        else ""
    )
    return _back_to_draft(issue, user=user, action=AuditAction.UNPUBLISHED, comment=comment)
