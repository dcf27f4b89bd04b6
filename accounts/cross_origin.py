"""Forgery protection for the readers' signup form, read from what browsers say, not tokens.

Every current browser says where a request comes from: Sec-Fetch-Site, or at least Origin on
a POST. A form posted from another site is refused. A request carrying neither header does
not come from a browser, so no visitor's browser can be made to send it; scripts posting
directly meet the honeypot and the rate limits instead. The pages with the form therefore hold
nothing per reader, no token and no cookie: every reader gets the same cached bytes.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# "none": the reader typed the address or used a bookmark.
SAME_SITE_FETCHES = {"same-origin", "none"}


def is_cross_origin(request) -> bool:
    """Return whether an unsafe request was sent by another site's page."""
    if request.method in SAFE_METHODS:
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE_FETCHES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin not in {own_origin, *settings.CSRF_TRUSTED_ORIGINS}


def refuse_cross_origin(view):
    """Answer 403, with a page saying what to do, to a form another site sent."""

    @wraps(view)
    def checked_view(request, *args, **kwargs):
        if is_cross_origin(request):
            return render(request, "accounts/cross_origin.html", status=403)
        return view(request, *args, **kwargs)

    return checked_view
