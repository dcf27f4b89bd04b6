"""Signup writes: submit, confirm, delete, review; the report's email (sent in report_sending).

Views, admin actions and commands call these; none re-implements them.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import REVIEW_STATUSES, Signup, SignupStatus, User, normalize_email
from accounts.reports import Report, build_report
from accounts.tokens import make_confirm_token, make_unsubscribe_token
from outlook.models import Issue
from outlook.models.exposure import EXPOSURE_INDEX_FORMULA
from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task
from professions.models import Profession

logger = logging.getLogger(__name__)

# A repeated submission re-sends the confirmation only after this long, so the form cannot
# be used to flood someone's inbox.
CONFIRMATION_RESEND_AFTER = datetime.timedelta(minutes=10)
# A confirmation is retried while the SMTP server is away: 1, 2, 4 … minutes apart, for about
# two hours in all, before the next submission is left to ask again.
CONFIRMATION_ATTEMPTS = 8
CONFIRMATION_BACKOFF = Backoff(first_seconds=60, max_seconds=3600)


class ReportError(Exception):
    """The report cannot be sent now; the message says why, for staff."""


def one_line(text: str) -> str:
    """Return text with every run of whitespace (line breaks included) as one space.

    For email headers: names are refused with line breaks (validate_single_line), and one
    saved before that rule must still not stop the email.
    """
    return " ".join(text.split())


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(signup: Signup) -> str:
    return absolute_url(
        reverse("accounts:unsubscribe", kwargs={"token": make_unsubscribe_token(signup)})
    )


def reader_email(
    *, to: str, subject: str, template: str, context: dict, delete_url: str
) -> EmailMultiAlternatives:
    """Return an HTML and text email to a reader, with a one-click link deleting their data."""
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"emails/{template}.txt", context),
        to=[to],
        headers={
            # RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
            "List-Unsubscribe": f"<{delete_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def build_email(
    *, signup: Signup, subject: str, template: str, context: dict
) -> EmailMultiAlternatives:
    """Return an email to a signup's reader, with its one-click unsubscribe link."""
    link = unsubscribe_url(signup)
    return reader_email(
        to=signup.email,
        subject=subject,
        template=template,
        context={"signup": signup, "unsubscribe_url": link, **context},
        delete_url=link,
    )


def confirmation_email(signup: Signup) -> EmailMultiAlternatives:
    confirm_url = absolute_url(
        reverse("accounts:confirm", kwargs={"token": make_confirm_token(signup)})
    )
    return build_email(
        signup=signup,
        subject=f"Confirm your {signup.profession.name} AI exposure report",
        template="signup_confirmation",
        context={
            "confirm_url": confirm_url,
            "valid_days": settings.SIGNUP_CONFIRM_MAX_AGE // 86400,
        },
    )


def _confirmation_given_up(signup_id: int) -> None:
    # The signup is kept; clearing the mark lets the reader's next submission send it again.
    Signup.objects.filter(pk=signup_id, confirmed_at__isnull=True).update(confirmation_sent_at=None)


@retried_task(
    attempts=CONFIRMATION_ATTEMPTS,
    backoff=CONFIRMATION_BACKOFF,
    on_give_up=_confirmation_given_up,
)
def send_confirmation(signup_id: int) -> str:
    """Email the confirmation link. A second copy is harmless, so a failed send is retried."""
    signup = Signup.objects.select_related("profession").filter(pk=signup_id).first()
    if signup is None or signup.is_confirmed:
        return "not needed"
    confirmation_email(signup).send()
    return "sent"


def submit_signup(
    *,
    email: str,
    profession: Profession,
    issue: Issue | None = None,
    seniority: str = "",
    tasks: str = "",
    ip_hash: str = "",
) -> Signup:
    """Record a signup once, however often or concurrently it arrives; ask to confirm it.

    A new and a known address take the same database path (an insert, which the unique
    constraint on (lower(email), profession) refuses for a known one, then a read and a
    claim of the confirmation email), so the answer's timing does not tell them apart. The
    constraint also settles races: the loser of an insert reads the winner's row. The email
    goes out from a task after commit, so the answer never waits for the SMTP server.
    """
    email = normalize_email(email)
    now = timezone.now()
    candidate = Signup(
        email=email,
        profession=profession,
        issue=issue,
        seniority=seniority,
        tasks=tasks,
        ip_hash=ip_hash,
        consented_at=now,
        # Set by the claim below, as for a known address.
        confirmation_sent_at=None,
    )
    # Uniqueness is left to the database, the only check that holds under concurrency.
    candidate.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        pass  # a known address: its row stays as it was
    signup = Signup.objects.get(email=email, profession=profession)
    # Claim the email in one UPDATE, so concurrent duplicates send at most one; a new row
    # (never sent) always wins it, a known one only if unconfirmed and not sent lately.
    claimed = (
        Signup.objects.filter(pk=signup.pk, confirmed_at__isnull=True)
        .filter(
            Q(confirmation_sent_at__isnull=True)
            | Q(confirmation_sent_at__lt=now - CONFIRMATION_RESEND_AFTER)
        )
        .update(confirmation_sent_at=now)
    )
    if claimed:
        enqueue_on_commit(send_confirmation, signup.pk)
    return signup


def confirm_signup(*, signup: Signup) -> Signup:
    """Mark the address as confirmed; confirming twice changes nothing."""
    with transaction.atomic():
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.confirmed_at is None:
            signup.confirmed_at = timezone.now()
            signup.full_clean()
            signup.save(update_fields=["confirmed_at", "updated_at"])
    return signup


def delete_signup(*, signup: Signup) -> None:
    """Delete the reader's data for good: no flag, no soft delete."""
    with transaction.atomic():
        Signup.objects.filter(pk=signup.pk).delete()


def set_status(*, signups: QuerySet[Signup], status: str, by: User) -> int:
    """Set the status of signups, recording who reviewed them; return how many changed.

    Unconfirmed signups never enter review (they may still be marked spam), and a sent
    report is never undone here.
    """
    if status == SignupStatus.REPORT_SENT:
        raise ValueError("Reports are marked sent only by sending them (accounts.report_sending).")
    changed = 0
    with transaction.atomic():
        # Re-select by id: the admin's queryset may carry joins that cannot be locked.
        selected = Signup.objects.filter(pk__in=signups.values("pk"))
        if status in REVIEW_STATUSES:
            selected = selected.confirmed()
        for signup in selected.exclude(status=SignupStatus.REPORT_SENT).select_for_update():
            if signup.status == status:
                continue
            signup.set_status(status, by=by)
            signup.full_clean()
            signup.save()
            changed += 1
    return changed


def report_email(report: Report) -> EmailMultiAlternatives:
    signup, outlook = report.signup, report.outlook
    return build_email(
        signup=signup,
        subject=f"Your personalised report: {outlook.headline}",
        template="report",
        context={
            "report": report,
            "outlook": outlook,
            "outlook_url": absolute_url(outlook.get_absolute_url()),
            "exposure_index_formula": EXPOSURE_INDEX_FORMULA,
        },
    )


def report_for(*, signup: Signup, sender: User | None) -> Report:
    """Return the signup's report as it stands now, matches confirmed or not."""
    report = build_report(signup, sender=sender)
    if report is None:
        raise ReportError(f"{signup.profession} has no published outlook to report from yet.")
    return report


def preview_report(*, signup: Signup, sender: User | None = None) -> EmailMultiAlternatives:
    """Return the report email as it would be sent now (proposed matches standing in)."""
    return report_email(report_for(signup=signup, sender=sender))


def report_to_send(*, signup: Signup, sender: User | None) -> EmailMultiAlternatives:
    """Return the report email to send; refused until a reviewer confirmed every match."""
    report = report_for(signup=signup, sender=sender)
    if not report.all_confirmed:
        raise ReportError(
            f"{signup}: confirm or change the match of each of the reader's tasks first."
        )
    return report_email(report)
