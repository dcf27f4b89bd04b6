"""Parts kept in the process by what they show (outlook/web/fragments.py `rendered`)."""

import pytest
from django.template import engines

from accounts.forms import SignupForm
from outlook.models import Exposure
from outlook.publishing import edits
from outlook.reading import charts
from outlook.web import fragments
from tests.factories import OutlookFactory, TaskAssessmentFactory

pytestmark = pytest.mark.django_db

STACKED = "includes/charts/stacked.html"
PUBLIC = engines["jinja2"]
TAG = PUBLIC.from_string(
    '{{ chart("includes/charts/stacked.html", chart=mix, chart_id="task-mix", title="Tasks", '
    'unit="task") }}'
)
INCLUDE = PUBLIC.from_string(
    '{% with chart=mix, chart_id="task-mix", title="Tasks", unit="task" %}'
    '{% include "includes/charts/stacked.html" %}{% endwith %}'
)


@pytest.fixture
def renders(monkeypatch):
    """Count the renders `rendered` makes, starting from an empty store."""
    monkeypatch.setattr(fragments, "_rendered", {})
    calls = []
    real = fragments.render_to_string

    def counting(name, context):
        calls.append(name)
        return real(name, context)

    monkeypatch.setattr(fragments, "render_to_string", counting)
    return calls


def mix(high: int, medium: int, low: int) -> charts.StackedChart:
    return charts.stacked_rows(
        [("", {"high": high, "medium": medium, "low": low})], charts.TASK_LEVELS
    )


def test_the_chart_function_draws_what_the_include_draws(renders):
    context = {"mix": mix(2, 1, 3)}
    assert TAG.render(context) == INCLUDE.render(context)


def test_a_chart_is_drawn_once_for_the_same_numbers_and_again_for_others(renders):
    first = TAG.render({"mix": mix(2, 1, 3)})
    assert TAG.render({"mix": mix(2, 1, 3)}) == first
    assert renders == [STACKED]
    other = TAG.render({"mix": mix(0, 1, 3)})
    assert renders == [STACKED, STACKED]
    assert "High exposure 2 tasks" in first
    assert "High exposure" not in other.split("<figcaption")[1].split("</ul>")[1]


def test_the_store_keeps_at_most_its_limit(renders, monkeypatch):
    monkeypatch.setattr(fragments, "RENDERED_MAX", 2)
    for high in range(4):
        TAG.render({"mix": mix(high, 1, 1)})
    assert len(fragments._rendered) == 2


def test_an_edit_of_a_live_task_reaches_the_next_page_chart(
    client, page_cache, superuser, after_commit
):
    outlook = OutlookFactory()
    task = TaskAssessmentFactory(outlook=outlook, exposure=Exposure.LOW, position=0)
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.LOW, position=1)
    before = client.get(outlook.get_absolute_url()).content.decode()
    assert "Low exposure 2 tasks (100%)" in before
    with after_commit():
        edits.edit_row(row=task, user=superuser, exposure=Exposure.HIGH)
    after = client.get(outlook.get_absolute_url()).content.decode()
    assert "High exposure 1 task (50%)" in after
    assert "Low exposure 1 task (50%)" in after


def signup_html(form) -> str:
    template = PUBLIC.from_string(
        '{{ form_field(form.email) }}{{ form_field(form.consent, "includes/consent_field.html") }}'
    )
    return template.render({"form": form})


def test_untouched_fields_are_reused_and_a_filled_in_form_shows_its_errors(renders):
    empty = signup_html(SignupForm(professions=[]))
    assert signup_html(SignupForm(professions=[])) == empty
    assert renders == ["includes/signup_field.html", "includes/consent_field.html"]
    bound = SignupForm({"email": "not an address"}, professions=[])
    html = signup_html(bound)
    assert 'value="not an address"' in html
    assert "Enter a valid email address." in html
    assert "Please agree so that we may send you the report." in html
    assert renders == ["includes/signup_field.html", "includes/consent_field.html"]
    assert signup_html(SignupForm(initial={"email": "a@example.com"}, professions=[])) != empty


def test_the_signup_form_carries_no_csrf_token_and_the_page_is_stored(client, page_cache):
    outlook = OutlookFactory()
    first = client.get(outlook.get_absolute_url())
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "csrftoken" not in first.cookies
    assert client.get(outlook.get_absolute_url())["X-Cache"] == "hit"
