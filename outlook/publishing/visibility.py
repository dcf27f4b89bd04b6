"""The one rule for what readers may see: released, and its go-live time has come.

Querysets (published()), the page cache, scheduling and the catalogue all ask it here.
"""

from django.db.models import Q
from django.utils import timezone


def live_q(prefix: str = "", *, now=None) -> Q:
    """Return the filter for an issue or outlook (at `prefix`) that has itself gone live.

    `now` defaults to this moment; a query compiled once and run many times passes it
    (outlook/models/prepared.py).
    """
    # Imported here: the catalogue's models load this module before the publication's.
    from outlook.models.states import RELEASED

    moment = timezone.now() if now is None else now
    return Q(**{f"{prefix}status__in": RELEASED, f"{prefix}go_live_at__lte": moment})


def has_gone_live(item) -> bool:
    """Return live_q() for one loaded issue or outlook, in Python."""
    from outlook.models.states import RELEASED

    return (
        item.status in RELEASED
        and item.go_live_at is not None
        and item.go_live_at <= timezone.now()
    )


def published_outlook_q(prefix: str = "", *, now=None) -> Q:
    """Return the filter for an outlook readers may see: live, in a live issue.

    `prefix` reaches outlooks through a relation, e.g. "outlooks__" from a profession.
    """
    return live_q(prefix, now=now) & live_q(f"{prefix}issue__", now=now)
