"""Which requests the page cache answers, under which key, and for how long.

Only what every reader would get is stored, under a key no visitor can multiply:

- a request asking for something made for it (our script's form fragment, a signed-in
  user's page) never touches the cache, and a response that varies on anything else is
  never stored;
- the key holds the path only in its one canonical spelling (`/02026/x/` is the page of
  `/2026/x/`, but not stored under a second key) and only the query parameters the view
  declares it reads (`query_parameters`); a view that declares none is not cached when a
  query string is present, since what it reads is unknown;
- pages whose parameters have no bound (search terms, deep pages, any pair of professions)
  are kept briefly (`page_cache_seconds` on the view).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from outlook.reading.params import query_read_by, without_tracking

# Long enough to absorb a burst of readers on one search, short enough that a crawler
# walking every term or page cannot keep many of them around.
BRIEF_SECONDS = 60
# Past this page, a list is read by few and walked by crawlers: kept briefly.
DEEP_PAGE = 5
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
# Requests with these headers get an answer made for them alone.
PERSONAL_HEADERS = ("X-Requested-With",)
# What a stored response may vary on: requests carrying a session cookie or a header above
# never reach the cache, and responses that set a cookie are never stored.
VARY_COVERED = {"cookie", "x-requested-with"}


@dataclass(frozen=True)
class PageRule:
    url: str
    longest: int | None  # seconds at most, or None for the site's usual limit


@lru_cache(maxsize=4096)
def canonical_view(path_info: str, path: str, urlconf: str):
    """Return the view answering `path` if it is its URL's one spelling, else None.

    Cached: resolving and reversing cost more than the rest of a cache hit, and a path's
    answer changes only with the code.
    """
    try:
        match = resolve(path_info, urlconf)
        canonical = reverse(match.view_name, kwargs=match.captured_kwargs, urlconf=urlconf)
    except (Resolver404, NoReverseMatch):
        return None
    if canonical != path:
        return None
    return getattr(match.func, "view_class", match.func)


def page_rule(request) -> PageRule | None:
    """Return how this anonymous GET may be cached, or None if it must not be."""
    if any(header in request.headers for header in PERSONAL_HEADERS):
        return None
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    view = canonical_view(request.path_info, request.path, urlconf)
    if view is None:
        return None
    query = query_read_by(view, request.GET)
    if query is None and without_tracking(request.GET):
        return None
    page = query.get("page") if query else None
    if page is not None and not PAGE_NUMBER.fullmatch(page):
        return None  # "01", "1.0", " 1": one page under endless keys
    url = request.build_absolute_uri(request.path)
    if query:
        url = f"{url}?{query.urlencode()}"
    longest = getattr(view, "page_cache_seconds", None)
    if page is not None and int(page) > DEEP_PAGE:
        longest = min(longest or BRIEF_SECONDS, BRIEF_SECONDS)
    return PageRule(url=url, longest=longest)


def varies_only_on_covered_headers(response) -> bool:
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return vary <= VARY_COVERED
