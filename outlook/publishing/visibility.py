"""The one rule for what readers may see: released, and its go-live time has come.

Querysets (published()), the page cache, scheduling and the catalogue all ask it here.
"""

from django.db.models import Q
from django.utils import timezone

from outlook.models.states import RELEASED


def live_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": RELEASED, f"{prefix}go_live_at__lte": timezone.now()})
