"""Query-string parameters read safely: anything malformed is a 404, never a 500."""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def slug_param(request, name: str, *, required: bool = True) -> str:
    """Return a slug from the query string; anything else is a 404, never a database error."""
    value = request.GET.get(name, "")
    if not value and not required:
        return ""
    if not SLUG.fullmatch(value):
        raise Http404(f"“{name}” must name something on this site.")
    return value


def page_or_404(paginator: Paginator, number):
    """Return the requested page; a malformed or out-of-range page is a 404."""
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
