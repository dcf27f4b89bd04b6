"""Staff emails about the review workflow, sent from the task queue after the step commits.

Editors hear of a submission; the writer hears of a return (with the editor's comment), an
approval and a publication, "Publish now" or a scheduled go-live reached (once per go-live time,
however often the go-live task runs). Each email links to the outlook's admin page. The actor is
never told of their own step. A retried send may deliver a second copy, which is harmless.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.services import one_line
from outlook.models import AuditAction, AuditEntry, GoLiveNotice, Outlook, PublicationStatus
from outlook.publishing.gate import PUBLISH_OUTLOOK
from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task

SUBJECTS = {
    AuditAction.SUBMITTED: "Waiting for your review: {outlook}",
    AuditAction.RETURNED: "Returned to you: {outlook}",
    AuditAction.APPROVED: "Approved: {outlook}",
    AuditAction.PUBLISHED: "Published: {outlook}",
}


def after_transition(*, obj, action: str, actor) -> None:
    """Queue the notice for one workflow step on an outlook, once the step commits."""
    if isinstance(obj, Outlook) and action in SUBJECTS:
        enqueue_on_commit(send_workflow_notice, obj.pk, action, actor.pk)


def after_scheduled_go_live(outlook: Outlook) -> None:
    """Queue the publication notice of an outlook whose scheduled go-live has come, once.

    Called by the go-live task at the outlook's time; the stored GoLiveNotice makes a rerun of
    the task (a retry, a second copy queued) send nothing more. The one who scheduled it is the
    step's actor.
    """
    with transaction.atomic():
        _notice, created = GoLiveNotice.objects.get_or_create(
            outlook=outlook, go_live_at=outlook.go_live_at
        )
        if not created:
            return
        scheduled = (
            AuditEntry.objects.for_object(outlook)
            .filter(go_live_at=outlook.go_live_at)
            .order_by("-at", "-id")
            .first()
        )
        actor_id = scheduled.actor_id if scheduled else None
        enqueue_on_commit(send_workflow_notice, outlook.pk, AuditAction.PUBLISHED, actor_id)


def _recipients(outlook: Outlook, action: str, actor_id: int | None) -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if action == AuditAction.SUBMITTED:
        users = users.filter(
            pk__in=get_user_model().objects.with_perm(
                PUBLISH_OUTLOOK,
                include_superusers=True,
                # Where permissions live; the login lock backend before it holds none.
                backend="django.contrib.auth.backends.ModelBackend",
            )
        )
    else:
        users = users.filter(pk=outlook.writer_id)
    return list(users.exclude(pk=actor_id).values_list("email", flat=True))


@retried_task(attempts=5, backoff=Backoff(first_seconds=60, max_seconds=3600))
def send_workflow_notice(outlook_id: int, action: str, actor_id: int | None) -> str:
    """Email the people a workflow step hands the outlook to."""
    outlook = Outlook.objects.select_related("profession", "issue").filter(pk=outlook_id).first()
    if outlook is None:
        return "outlook gone"
    recipients = _recipients(outlook, action, actor_id)
    if not recipients:
        return "nobody to tell"
    entry = (
        AuditEntry.objects.for_object(outlook).filter(action=action).order_by("-at", "-id").first()
    )
    context = {
        "outlook": outlook,
        "action": AuditAction(action).label,
        "action_key": action,
        "actor": entry.actor if entry else None,
        "comment": entry.comment if entry else "",
        "scheduled": outlook.status == PublicationStatus.SCHEDULED,
        "admin_url": settings.SITE_URL + reverse("admin:outlook_outlook_change", args=[outlook.pk]),
    }
    subject = one_line(SUBJECTS[action].format(outlook=outlook))
    body = render_to_string("emails/workflow_notice.txt", context)
    # One message per person: no one sees who else was told.
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients],
        fail_silently=False,
    )
    return f"told {len(recipients)}"
