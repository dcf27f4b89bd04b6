"""Sending reports: each one at most once, from a task, never resent on its own.

Staff ask for reports (`request_reports`); a task per signup sends each (`deliver_report`).
A send that certainly failed (the server refused it, or could not be reached) may be asked
for again. A send whose outcome is unknown (the connection dropped or timed out once the
message was on its way, or the worker died mid-send) is held: a reviewer says whether it
arrived (`settle_held_report`), and only then is it marked sent or sent again.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import REPORT_SENDABLE, ReportDelivery, Signup, SignupStatus, User
from accounts.report_archive import archive_report
from accounts.reports import matches_confirmed
from accounts.services import ReportError, report_to_send
from outlook.taskqueue.queue import at_most_once_task, enqueue_on_commit

logger = logging.getLogger(__name__)

# The server answered "no" to the message itself: it was certainly not delivered.
REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPHeloError,
    smtplib.SMTPNotSupportedError,
)


@dataclass(frozen=True)
class RequestOutcome:
    queued: int
    skipped: int


def request_reports(*, signups: QuerySet[Signup], by: User) -> RequestOutcome:
    """Queue one send per reviewed, confirmed signup whose report may be sent; return counts.

    A report already sent, queued, being sent or held is skipped: asking twice sends once.
    So is one whose matches of the reader's tasks a reviewer has not all confirmed.
    """
    with transaction.atomic():
        # Re-select by id: the admin's queryset may carry joins that cannot be locked.
        selected = Signup.objects.filter(pk__in=signups.values("pk"))
        ready = list(
            selected.confirmed()
            .filter(status=SignupStatus.REVIEWED, report_delivery__in=REPORT_SENDABLE)
            .select_for_update()
        )
        ready_ids = [signup.pk for signup in ready if matches_confirmed(signup)]
        Signup.objects.filter(pk__in=ready_ids).update(
            report_delivery=ReportDelivery.QUEUED,
            report_requested_at=timezone.now(),
            report_requested_by=by,
            updated_at=timezone.now(),
        )
        for signup_id in ready_ids:
            enqueue_on_commit(send_report, signup_id)
    return RequestOutcome(queued=len(ready_ids), skipped=selected.count() - len(ready_ids))


def settle_held_report(*, signup: Signup, arrived: bool, by: User) -> None:
    """Record a reviewer's decision on a held report: it arrived, or send it again."""
    with transaction.atomic():
        locked = Signup.objects.select_for_update().get(pk=signup.pk)
        if locked.report_delivery != ReportDelivery.UNKNOWN:
            raise ReportError(f"{locked}: its report is not held for a decision.")
        now = timezone.now()
        if arrived:
            locked.status = SignupStatus.REPORT_SENT
            locked.report_delivery = ReportDelivery.SENT
            locked.report_sent_at = now
            locked.report_sent_by = by
        else:
            locked.report_delivery = ReportDelivery.QUEUED
            locked.report_requested_at = now
            locked.report_requested_by = by
            enqueue_on_commit(send_report, locked.pk)
        locked.full_clean()
        locked.save()


def _hold_after_lost_worker(signup_id: int) -> None:
    _record(
        signup_id,
        ReportDelivery.UNKNOWN,
        "The worker stopped while sending: the report may or may not have arrived.",
        from_states=[ReportDelivery.SENDING],
    )


@at_most_once_task(on_worker_lost=_hold_after_lost_worker)
def send_report(signup_id: int) -> str:
    """Send one signup's report, unless it was already tried: never twice on its own."""
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update(of=("self",))
            .select_related("profession")
            .filter(pk=signup_id)
            .first()
        )
        if signup is None or signup.report_delivery != ReportDelivery.QUEUED:
            return "not queued"
        signup.report_delivery = ReportDelivery.SENDING
        signup.save(update_fields=["report_delivery", "updated_at"])
    # From here on the send is claimed: whatever happens, this task never runs it again.
    try:
        if signup.status != SignupStatus.REVIEWED or not signup.is_confirmed:
            raise ReportError(f"{signup} must be confirmed and reviewed before sending.")
        message = report_to_send(signup=signup, sender=signup.report_requested_by)
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception as error:
        # Nothing reached the server: certainly not delivered.
        _record(signup_id, ReportDelivery.FAILED, f"Not sent: {_describe(error)}")
        raise
    try:
        connection.send_messages([message])
    except REFUSED as error:
        _record(signup_id, ReportDelivery.FAILED, f"Refused by the server: {_describe(error)}")
        raise
    except Exception as error:
        _record(
            signup_id,
            ReportDelivery.UNKNOWN,
            f"Outcome unknown, held for a decision: {_describe(error)}",
            sent=message,
        )
        raise
    finally:
        _close_quietly(connection)
    _record(signup_id, ReportDelivery.SENT, "", sent=message)
    return "sent"


def _describe(error: Exception) -> str:
    return f"{error.__class__.__name__}: {error}"[:2000]


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.warning("Closing the email connection failed", exc_info=True)


def _record(signup_id: int, delivery: str, error: str, *, from_states=None, sent=None) -> None:
    """Record a send's outcome (a sent report marks the signup sent, by whoever asked).

    `sent` is the message if it reached the mail server (or may have): it is archived.
    """
    with transaction.atomic():
        signup = Signup.objects.select_for_update().filter(pk=signup_id).first()
        if signup is None or (from_states and signup.report_delivery not in from_states):
            return
        if sent is not None:
            archive_report(signup_id=signup_id, message=sent)
        signup.report_delivery = delivery
        signup.report_error = error
        if delivery == ReportDelivery.SENT:
            signup.status = SignupStatus.REPORT_SENT
            signup.report_sent_at = timezone.now()
            signup.report_sent_by_id = signup.report_requested_by_id
        signup.full_clean()
        signup.save()
    if error:
        logger.warning("Report for signup %s: %s", signup_id, error)
