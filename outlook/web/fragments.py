"""Parts shared by many pages, built once and kept under the content keys they show.

Two thousand outlook pages of one issue list the same links to the issue's other outlooks.
A page rendered after a miss reuses that list while none of its keys moved (the per-key
freshness of outlook/web/key_versions.py): the event that would make the pages stale makes the
list stale with them. A list carrying content due to go live is kept no later than that moment
(outlook/publishing/go_live.py), so it changes at T without any event, like the pages.

Other parts depend on no content at all, only on values they are given (a chart's numbers, a
form field no one has filled in): `rendered` keeps their HTML in the process, by those values.
"""

import logging
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from outlook.publishing import go_live
from outlook.web import key_versions

PREFIX = "fragment:"

logger = logging.getLogger("outlook.web.cache")


def shared(name: str, keys: Iterable[str], build: Callable[[], object]):
    """Return `build()`, reused by every page while none of `keys` moved (one round trip).

    With the page cache off (PAGE_CACHE_SECONDS=0) every page is built fresh, and so is this.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build()
    keys = sorted(keys)
    stored_name = PREFIX + name
    version_names = [key_versions.soft_name(key) for key in keys]
    try:
        found = cache.get_many([stored_name, *version_names])
    except Exception:
        # Without the cache, pages are slower but still served (as outlook/web/middleware.py).
        logger.warning("fragment cache unavailable", exc_info=True)
        return build()
    stored = found.pop(stored_name, None)
    now = timezone.now()
    if stored is not None:
        versions, until, value = stored
        if versions == found and (until is None or until > now):
            return value
    value = build()
    # Kept with the versions read before building: a key moving meanwhile makes it stale. A key
    # without a version is left for the page to start (key_versions.versions_at_store).
    if len(found) == len(version_names):
        until = go_live.next_change_for(keys, now)
        try:
            cache.set(stored_name, (found, until, value), timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("fragment cache unavailable", exc_info=True)
    return value


# Parts reused in this process, by what they show; the oldest go first past this many.
RENDERED_MAX = 2048
_rendered: dict[tuple, str] = {}
_rendered_lock = threading.Lock()


def rendered(template_name: str, context: dict, *, key: tuple) -> str:
    """Return `template_name` rendered with `context`, reused in this process for one `key`.

    For parts that show nothing but what `key` holds (a chart's numbers, a form field nobody
    has filled in): no edit can change them, so no event needs to reach them. The template
    sees `context` alone, as an `{% include … only %}` would.
    """
    key = (template_name, translation.get_language(), *key)
    found = _rendered.get(key)
    if found is not None:
        return found
    # Jinja2 returns plain text; the page around it must not escape it again.
    html = mark_safe(render_to_string(template_name, context))  # noqa: S308
    with _rendered_lock:
        if len(_rendered) >= RENDERED_MAX:
            _rendered.pop(next(iter(_rendered)))
        _rendered[key] = html
    return html
