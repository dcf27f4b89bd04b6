import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def publication_time(value: datetime.datetime | None) -> str:
    """Show a moment in the publication's time zone, always naming the zone.

    The admin's pages (DTL) and readers' previews (outlook/reading/jinja.py) both show it.
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    return f"{date_format(local, 'j F Y, H:i')} {local.tzname()} ({zone})"
