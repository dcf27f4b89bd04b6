"""Previews: a draft or scheduled outlook or issue exactly as readers will see it.

Editors open them from the admin; anyone holding a signed link opens them without an account
until the link expires, or until its object is published, unpublished, deleted or its links
are revoked (each moves the object's `preview_generation`, which the link carries). The real
URLs stay a 404 for readers until the go-live time.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from outlook.models import EXPOSURE_INDEX_FORMULA, Issue, Outlook, PublicationStatus
from outlook.reading.views import cover_contents, related_outlooks

# A salt of its own, so no other signed value of the site can pass as a preview link.
PREVIEW_SALT = "outlook.preview-link"
KINDS = {"issue": Issue, "outlook": Outlook}


def preview_token(obj: Issue | Outlook) -> str:
    kind = "issue" if isinstance(obj, Issue) else "outlook"
    payload = {"kind": kind, "pk": obj.pk, "generation": obj.preview_generation}
    return signing.dumps(payload, salt=PREVIEW_SALT)


def preview_link(obj: Issue | Outlook) -> str:
    """Return the path of a shareable preview link (it expires; see `link_expires_at`)."""
    return reverse("outlook:preview", kwargs={"token": preview_token(obj)})


def link_expires_at() -> datetime.datetime:
    """Return when a link made now stops working."""
    return timezone.now() + settings.PREVIEW_LINK_MAX_AGE


def read_preview_token(token: str) -> tuple[str, int]:
    """Return (kind, pk) from a valid, current link; raise BadSignature or SignatureExpired."""
    payload = signing.loads(token, salt=PREVIEW_SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    if not (
        isinstance(payload, dict)
        and payload.get("kind") in KINDS
        and isinstance(payload.get("pk"), int)
        and isinstance(payload.get("generation"), int)
    ):
        raise signing.BadSignature("Not a preview link.")
    current = KINDS[payload["kind"]].objects.filter(
        pk=payload["pk"], preview_generation=payload["generation"]
    )
    if not current.exists():
        raise signing.BadSignature("A revoked link, or its object is gone.")
    return payload["kind"], payload["pk"]


def _respond(request, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    # A preview must never reach a search engine or a shared cache.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _banner(*, is_live: bool, go_live_at, shared: bool) -> dict:
    """Return what the preview banner says: live or when it goes live, and when a link expires."""
    return {
        "is_live": is_live,
        "go_live_at": go_live_at,
        "expires_at": link_expires_at() if shared else None,
    }


def render_outlook_preview(request, *, pk: int, shared: bool) -> HttpResponse:
    outlook = get_object_or_404(Outlook.objects.with_page_data(), pk=pk)
    preview = _banner(
        is_live=outlook.is_published, go_live_at=outlook.reader_go_live_at, shared=shared
    )
    return _respond(
        request,
        "outlook/outlook_detail.html",
        {
            "outlook": outlook,
            "preview": preview,
            "index_formula": EXPOSURE_INDEX_FORMULA,
            **related_outlooks(outlook),
        },
    )


def render_issue_preview(
    request, *, pk: int, shared: bool, outlook_link: Callable[[Outlook], str]
) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    # The cover as it will be: the outlooks that go live with the issue, drafts left out.
    outlooks = issue.outlooks.exclude(status=PublicationStatus.DRAFT)
    contents = cover_contents(outlooks, outlooks.count())
    highlights = contents["highlights"]
    for outlook in contents["outlooks"] + (highlights.outlooks if highlights else []):
        outlook.preview_url = outlook_link(outlook)
    preview = _banner(is_live=issue.is_live, go_live_at=issue.go_live_at, shared=shared)
    return _respond(
        request,
        "outlook/home.html",
        {
            "issue": issue,
            "cover_picture": issue.cover_picture,
            **contents,
            "preview": preview,
        },
    )


@never_cache
def shared_preview(request, token: str) -> HttpResponse:
    """Open a preview from a signed link, no account needed."""
    try:
        kind, pk = read_preview_token(token)
    except signing.SignatureExpired:
        return render(request, "outlook/preview_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404("No such preview.") from error
    if kind == "outlook":
        return render_outlook_preview(request, pk=pk, shared=True)
    return render_issue_preview(request, pk=pk, shared=True, outlook_link=preview_link)
