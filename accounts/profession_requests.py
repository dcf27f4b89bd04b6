"""Readers' requests for a profession we do not cover yet, optionally to be told when we do.

The same consent, rate limits, forgery check and deletion as signups (accounts/): the address
is stored only with consent, every email carries a link that deletes the request at once,
and once the reader has been told the profession is published the request is deleted.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import normalize_email
from accounts.tokens import make_token
from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task

DELETE_SALT = "accounts.profession-request.delete"
NAME_MAX_LENGTH = 120


class ProfessionRequest(models.Model):
    """A profession a reader searched for and did not find, and who to tell when it appears."""

    name = models.CharField(_("profession asked for"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Only with the reader's consent; lower case.")
    )
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    ip_hash = models.CharField(_("address hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("profession request")
        verbose_name_plural = _("profession requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email="") | models.Q(consented_at__isnull=False),
                name="profession_request_email_has_consent",
                violation_error_message=_("An address is kept only with consent."),
            )
        ]

    def __str__(self):
        # No address here: the admin's history keeps this text after a reader deletes the row.
        return self.name


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def delete_url(request: ProfessionRequest) -> str:
    token = make_token(request, salt=DELETE_SALT)
    return absolute_url(reverse("accounts:request_delete", kwargs={"token": token}))


def request_email(request: ProfessionRequest, *, template: str, subject: str, **context):
    """Return the email to a requester, with the link that deletes the request."""
    # Imported here: accounts.models loads this module, and accounts.services loads those models.
    from accounts.services import reader_email

    link = delete_url(request)
    return reader_email(
        to=request.email,
        subject=subject,
        template=template,
        context={"profession_request": request, "delete_url": link, **context},
        delete_url=link,
    )


@retried_task(attempts=8, backoff=Backoff(first_seconds=60, max_seconds=3600))
def send_request_received(request_id: int) -> str:
    """Tell the address what was asked and how to delete it (a second copy is harmless)."""
    request = ProfessionRequest.objects.filter(pk=request_id).exclude(email="").first()
    if request is None:
        return "not needed"
    request_email(
        request,
        template="profession_request_received",
        subject=f"We noted your request: {request.name}",
    ).send()
    return "sent"


def submit_request(*, name: str, email: str = "", ip_hash: str = "") -> ProfessionRequest:
    """Record a request; with an address, acknowledge it by email after commit."""
    email = normalize_email(email) if email else ""
    request = ProfessionRequest(
        name=" ".join(name.split()),
        email=email,
        consented_at=timezone.now() if email else None,
        ip_hash=ip_hash,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        if email:
            enqueue_on_commit(send_request_received, request.pk)
    return request


def delete_request(*, request: ProfessionRequest) -> None:
    """Delete the request and its address for good."""
    ProfessionRequest.objects.filter(pk=request.pk).delete()


def tell_requesters(*, requests, outlook) -> int:
    """Email each requester with an address that `outlook` is published, then delete them all.

    Each request is deleted once its email is sent, so a failure half-way leaves exactly the
    requesters not yet told. Requests without an address go too: the profession is covered.
    """
    url = absolute_url(outlook.get_absolute_url())
    told = 0
    for request in requests.exclude(email=""):
        request_email(
            request,
            template="profession_request_published",
            subject=f"Now published: {outlook.headline}",
            outlook=outlook,
            outlook_url=url,
        ).send()
        delete_request(request=request)
        told += 1
    requests.filter(email="").delete()
    return told
