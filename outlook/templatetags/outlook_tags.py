import datetime
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from outlook.media.markdown import render_markdown
from outlook.reading.params import declared_query, without_tracking
from outlook.web import fragments

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


@register.filter
def machine_time(value: datetime.datetime | None) -> str:
    """Return a moment for a <time datetime>: local, to the second (HTML allows no more)."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# The characters that could end a <script> element or open a comment inside one.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(name="json_ld")
def json_ld(data) -> str:
    """Render `data` as a JSON-LD script element that editor text cannot break out of."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def data_controller() -> str:
    """Return who publishes the site and controls readers' data, as the privacy notice names it."""
    return settings.DATA_CONTROLLER


@register.simple_tag(takes_context=True)
def absolute_url(context, url_name: str) -> str:
    """Return the full address of a named page, for a template whose view gives no canonical URL."""
    return context["request"].build_absolute_uri(reverse(url_name))


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """Return the current URL with its `page` parameter set to `number`.

    Only the parameters the view reads are kept: the page may be cached and served to every
    reader, who must not inherit one visitor's other parameters in its links.
    """
    request = context["request"]
    query = declared_query(request)
    if query is None:
        query = without_tracking(request.GET)
    query["page"] = number
    return f"?{query.urlencode()}"


# The main navigation's section of each public page, so the menu shows where the reader is.
NAV_SECTIONS = {
    "outlook:archive": "issues",
    "outlook:issue": "issues",
    "outlook:side_by_side": "issues",
    "outlook:detail": "issues",
    "professions:directory": "professions",
    "professions:detail": "professions",
    "professions:compare": "professions",
    "professions:skills": "skills",
    "professions:skill": "skills",
}


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str) -> str:
    """Return a main-menu link, marked aria-current when the page is in its section."""
    url = reverse(url_name)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or NAV_SECTIONS.get(match.view_name) != NAV_SECTIONS[url_name]:
        return format_html('<a href="{}">{}</a>', url, label)
    # "page" on the section's own page, "true" on a page inside it (WAI-ARIA 1.2).
    current = "page" if request.path == url else "true"
    return format_html('<a href="{}" aria-current="{}">{}</a>', url, current, label)


@register.simple_tag
def chart(template_name: str, **values) -> str:
    """Render a chart template (includes/charts/) with `values` alone, as `include … only`.

    A chart is drawn from its numbers and titles only, so its SVG is reused in this process
    wherever they are the same (outlook/web/fragments.py).
    """
    return fragments.rendered(
        template_name, values, key=tuple(sorted((name, repr(v)) for name, v in values.items()))
    )
