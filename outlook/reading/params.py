"""Query-string parameters read safely: anything malformed is a 404, never a 500."""

import re
from functools import wraps

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, QueryDict
from django.urls import Resolver404, resolve

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Longer than any name a reader could mean (profession names stop at 120 characters).
MAX_TEXT_LENGTH = 200

# Added to shared links by newsletters, social networks and ad platforms; no page reads them.
TRACKING_PARAMETER = re.compile(
    r"utm_\w+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|igshid|yclid|mc_cid|mc_eid|_hsenc|_hsmi"
)


def slug_param(request, name: str, *, required: bool = True) -> str:
    """Return a slug from the query string; anything else is a 404, never a database error."""
    value = request.GET.get(name, "")
    if not value and not required:
        return ""
    if not SLUG.fullmatch(value):
        raise Http404(f"“{name}” must name something on this site.")
    return value


def text_param(request, name: str) -> str:
    """Return a short free-text value from the query string, stripped; "" when absent.

    Text no database would accept (a NUL character) or longer than MAX_TEXT_LENGTH is a 404.
    """
    value = request.GET.get(name, "").strip()
    if len(value) > MAX_TEXT_LENGTH or "\x00" in value:
        raise Http404(f"“{name}” must name something on this site.")
    return value


# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def id_value(value: str) -> int:
    """Return a row id read from text; ValueError for anything no row could have."""
    number = int(value)
    if not 0 < number <= MAX_ID:
        raise ValueError(f"{value!r} is not an id")
    return number


def page_or_404(paginator: Paginator, number):
    """Return the requested page; a malformed or out-of-range page is a 404."""
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def without_tracking(query: QueryDict) -> QueryDict:
    """Return the query string's own parameters, in a fixed order, without tracking tags.

    A link shared on a social network reaches each reader with its own click id: keyed on the
    raw URL, every click would miss the page cache in exactly the spike it exists for.
    """
    kept = QueryDict(mutable=True)
    for name in sorted(query):
        if not TRACKING_PARAMETER.fullmatch(name):
            kept.setlist(name, query.getlist(name))
    return kept


def reads_query(*names: str):
    """Declare, on a function view, the query parameters it reads (see `declared_query`).

    Class-based views declare them as `query_parameters` instead.
    """

    def declare(view):
        @wraps(view)
        def declared(*args, **kwargs):
            return view(*args, **kwargs)

        declared.query_parameters = names
        return declared

    return declare


def view_of(request):
    """Return the view (class or function) that answers this request's path, or None."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return getattr(match.func, "view_class", match.func)


def declared_query(request) -> QueryDict | None:
    """Return the query parameters the request's view reads, in a fixed order, and no other."""
    return query_read_by(view_of(request), request.GET)


def query_read_by(view, query: QueryDict) -> QueryDict | None:
    """Return the parameters of `query` that `view` declares it reads (`query_parameters`).

    None when the view declares none: what it reads is then unknown. A parameter no view
    reads changes nothing on the page, so it must not make a new page in the cache, nor be
    copied into the page's links for every later reader.
    """
    names = getattr(view, "query_parameters", None)
    if names is None:
        return None
    kept = QueryDict(mutable=True)
    for name in sorted(set(names) & set(query)):
        kept.setlist(name, query.getlist(name))
    return kept
