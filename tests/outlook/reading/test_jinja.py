"""What public templates can call (outlook/reading/jinja.py), where it holds a rule of its own."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import engines
from django.urls import clear_script_prefix, set_script_prefix

PUBLIC = engines["jinja2"]


def render(source: str, **context) -> str:
    return PUBLIC.from_string(source).render(context)


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    clear_script_prefix()


def test_remembered_addresses_follow_the_script_prefix(script_prefix):
    assert render("{{ url('outlook:archive') }}") == "/issues/"
    script_prefix("/outlook/")
    assert render("{{ url('outlook:archive') }}") == "/outlook/issues/"
    script_prefix("/")
    assert render("{{ url('outlook:archive') }}") == "/issues/"


def test_addresses_with_arguments_are_reversed_each_time():
    source = "{{ url('outlook:issue', volume=volume, number=1) }}"
    assert render(source, volume=2) == "/issues/2/1/"
    assert render(source, volume=3) == "/issues/3/1/"


def test_a_missing_value_shows_nothing_as_in_the_dtl():
    assert render("[{{ nothing }}|{{ nothing.deeper.still }}|{{ nothing|default('x') }}]") == (
        "[||x]"
    )


def test_dates_show_in_the_publication_time_zone():
    # 23:30 UTC on June 30 is already July 1 in London (BST).
    late = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert render("{{ when|date('F j, Y') }}", when=late) == "July 1, 2026"
    assert render("{{ when|machine_time }}", when=late) == "2026-07-01T00:30:00+01:00"


def test_regroup_keeps_the_order_it_is_given():
    rows = [SimpleNamespace(volume=v) for v in ("Volume II", "Volume II", "Volume I", "Volume X")]
    source = (
        "{% for g in regroup(rows, 'volume') %}{{ g.grouper }}={{ g.list|length }};{% endfor %}"
    )
    assert render(source, rows=rows) == "Volume II=2;Volume I=1;Volume X=1;"


def test_safe_html_from_django_is_kept_and_text_is_escaped():
    html = render("{{ text|linebreaksbr }}", text="<b>a</b>\nb")
    assert html == "&lt;b&gt;a&lt;/b&gt;<br>b"
