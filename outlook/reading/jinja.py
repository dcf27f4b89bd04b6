"""What the public pages' Jinja2 templates (templates/jinja2/) can call.

Readers' pages render with Jinja2, which costs a miss less than the Django template language
did on an outlook page of a few hundred nodes (README, Performance); the admin and the emails
stay in the DTL. Django's own filters are reused here rather than rewritten, so a value looks the
same on a reader's page as in the admin.
"""

import datetime
import json
from collections.abc import Iterable
from itertools import groupby

import jinja2
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.template.defaulttags import GroupedResult
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.forms import SignupForm
from outlook.media.markdown import render_markdown
from outlook.reading.params import declared_query, without_tracking
from outlook.templatetags.outlook_tags import publication_time
from outlook.web import fragments

# Addresses of pages without arguments, by URLconf and script prefix: neither changes while
# the process runs, and a page asks for the same dozen addresses on every render.
_plain_urls: dict[tuple[str, str, str], str] = {}


def url(name: str, *args, **kwargs) -> str:
    """Return the address of the page named `name`, as `{% url %}` does."""
    if args or kwargs:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    key = (name, get_urlconf(settings.ROOT_URLCONF), get_script_prefix())
    found = _plain_urls.get(key)
    if found is None:
        found = _plain_urls[key] = reverse(name)
    return found


def local_date(value, format_string: str | None = None) -> str:
    """Django's `date` filter, given the moment in the current time zone as the DTL gives it."""
    if isinstance(value, datetime.datetime):
        value = timezone.template_localtime(value)
    return defaultfilters.date(value, format_string)


def machine_time(value: datetime.datetime | None) -> str:
    """Return a moment for a <time datetime>: local, to the second (HTML allows no more)."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# The characters that could end a <script> element or open a comment inside one.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    """Render `data` as a JSON-LD script element that editor text cannot break out of."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@jinja2.pass_environment
def regroup(env, items: Iterable, attribute: str) -> list[GroupedResult]:
    """Group consecutive `items` by a dotted `attribute`, keeping their order, as `{% regroup %}`.

    Jinja2's own `groupby` sorts first, which would reorder pages listed in an editorial order.
    """
    key = jinja2.filters.make_attrgetter(env, attribute)
    return [GroupedResult(grouper, list(group)) for grouper, group in groupby(items, key)]


def data_controller() -> str:
    """Return who publishes the site and controls readers' data, as the privacy notice names it."""
    return settings.DATA_CONTROLLER


@jinja2.pass_context
def absolute_url(context, url_name: str) -> str:
    """Return the full address of a named page, for a template whose view gives no canonical URL."""
    return context["request"].build_absolute_uri(url(url_name))


@jinja2.pass_context
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


@jinja2.pass_context
def nav_link(context, url_name: str, label: str) -> str:
    """Return a main-menu link, marked aria-current when the page is in its section."""
    address = url(url_name)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or NAV_SECTIONS.get(match.view_name) != NAV_SECTIONS[url_name]:
        return format_html('<a href="{}">{}</a>', address, label)
    # "page" on the section's own page, "true" on a page inside it (WAI-ARIA 1.2).
    current = "page" if request.path == address else "true"
    return format_html('<a href="{}" aria-current="{}">{}</a>', address, current, label)


def chart(template_name: str, **values) -> str:
    """Render a chart template (includes/charts/) with `values` alone.

    A chart is drawn from its numbers and titles only, so its SVG is reused in this process
    wherever they are the same (outlook/web/fragments.py).
    """
    return fragments.rendered(
        template_name, values, key=tuple(sorted((name, repr(v)) for name, v in values.items()))
    )


def render_part(template_name: str, context: dict) -> str:
    """Render a part of a page with `context` alone, as HTML the page around it keeps as is."""
    return mark_safe(render_to_string(template_name, context))  # noqa: S308


def signup_form(profession, issue=None) -> str:
    """Render the report form with `profession` preselected, on any page, without view code."""
    form = SignupForm(
        initial={"profession": profession.slug, "issue": issue.pk if issue else None},
        professions=[profession],
        fixed_profession=True,
    )
    return render_part("includes/signup_form.html", {"form": form, "with_script": True})


def form_field(field, template_name: str = "includes/signup_field.html") -> str:
    """Render one field of a reader's form (label, widget, help, errors) with `template_name`.

    A field nobody has filled in (an unbound form, no initial value) is the same on every page:
    it holds nothing of a reader's and no CSRF token (the forms need none,
    accounts/cross_origin.py), so its HTML is reused in this process (outlook/web/fragments.py).
    """
    form = field.form
    context = {"field": field, "form": form}
    if form.is_bound or field.name in form.initial:
        return render_part(template_name, context)
    key = (type(form), form.prefix, field.name, field.auto_id)
    return fragments.rendered(template_name, context, key=key)


FILTERS = {
    "date": local_date,
    "default": defaultfilters.default,
    "default_if_none": defaultfilters.default_if_none,
    "json_ld": json_ld,
    "linebreaksbr": defaultfilters.linebreaksbr,
    "machine_time": machine_time,
    "markdown": render_markdown,
    "pluralize": defaultfilters.pluralize,
    "publication_time": publication_time,
    "truncatechars": defaultfilters.truncatechars,
    "urlencode": defaultfilters.urlencode,
}

GLOBALS = {
    "absolute_url": absolute_url,
    "chart": chart,
    "data_controller": data_controller,
    "form_field": form_field,
    "nav_link": nav_link,
    "page_url": page_url,
    "regroup": regroup,
    "signup_form": signup_form,
    "static": static,
    "url": url,
}


def environment(**options) -> jinja2.Environment:
    """Build the public pages' environment (TEMPLATES' Jinja2 "environment" option)."""
    # A missing value shows nothing, as in the DTL, in development as in production (the
    # backend's default prints it in DEBUG); a template ends as written, its newline kept.
    options["undefined"] = jinja2.ChainableUndefined
    options["keep_trailing_newline"] = True
    env = jinja2.Environment(**options)
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env
