"""The outlook change page loads its outlook once and its skill rows without a query each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outlook.models import PublicationStatus
from tests.factories import SkillAssessmentFactory, SkillFactory
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db


def page_queries(client, outlook) -> list[str]:
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    client.get(url)  # warm-up: content types and other per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_more_skill_rows_cost_no_more_queries(admin_client):
    outlook = complete_outlook()
    before = page_queries(admin_client, outlook)
    for number in range(5):
        SkillAssessmentFactory(outlook=outlook, skill=SkillFactory(name=f"Skill {number}"))
    # prevents N+1: each row's skill autocomplete shows the skill the inline selected with it
    after = page_queries(admin_client, outlook)
    assert len(after) == len(before)
    assert not [sql for sql in after if 'FROM "professions_skill"' in sql]


def test_the_outlook_is_read_once_and_with_its_rows_once(admin_client):
    outlook = complete_outlook()
    own_row = f'"outlook_outlook"."id" = {outlook.pk}'
    reads = [
        sql
        for sql in page_queries(admin_client, outlook)
        if sql.startswith('SELECT "outlook_outlook"."id"') and own_row in sql
    ]
    # The form's instance (the workflow buttons share it), then with its rows for the
    # publication check and the comparison with last year.
    assert len(reads) == 2
    rows_reads = [
        sql for sql in page_queries(admin_client, outlook) if 'FROM "outlook_taskassessment"' in sql
    ]
    assert len(rows_reads) == 2  # the check's prefetch and the tasks inline


def test_a_refused_form_shows_the_skill_the_editor_chose_not_the_saved_one(admin_client):
    outlook = complete_outlook(status=PublicationStatus.DRAFT)
    chosen = SkillFactory(name="Negotiation")
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(admin_client.get(url), "outlook_form") | {
        "skill_assessments-0-skill": str(chosen.pk),
        "task_assessments-0-exposure": "not-a-level",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{chosen.pk}" selected>Negotiation</option>' in html
    assert ">Python</option>" not in html


def test_the_saved_skill_is_shown_selected(admin_client):
    outlook = complete_outlook(status=PublicationStatus.DRAFT)
    skill = outlook.skill_assessments.get().skill
    html = admin_client.get(reverse("admin:outlook_outlook_change", args=[outlook.pk])).content
    assert f'<option value="{skill.pk}" selected>Python</option>' in html.decode()
