import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from outlook.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render an editor's Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def publication_time(value: datetime.datetime | None) -> str:
    """Show a moment in the publication's time zone, always naming the zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    return f"{date_format(local, 'j F Y, H:i')} {local.tzname()} ({zone})"
