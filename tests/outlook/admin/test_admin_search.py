"""The admin's searches of outlook rows and signups, and the lists' stored-free counts."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outlook.models import Outlook
from tests.factories import (
    InsightFactory,
    IssueFactory,
    OutlookFactory,
    SignupFactory,
    SkillAssessmentFactory,
    SkillFactory,
    WhatChangedFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    nurse = OutlookFactory(profession__name="Triage nurse")
    editor = OutlookFactory(profession__name="Copy editor")
    SkillAssessmentFactory(outlook=nurse, skill=SkillFactory(name="Spreadsheet modelling"))
    SkillAssessmentFactory(outlook=editor, rationale="Clients still want reports read by people.")
    WhatChangedFactory(outlook=nurse, text="Hospitals bought dictation tools.")
    WhatChangedFactory(outlook=editor, text="Newsrooms cut the night desk.")
    InsightFactory(outlook=nurse, text="Bedside judgement keeps its value.")
    InsightFactory(outlook=editor, text="Style guides now train the machines.")
    return {"nurse": nurse, "editor": editor}


def found(client, model: str, query: str) -> set[str]:
    response = client.get(reverse(f"admin:outlook_{model}_changelist"), {"q": query})
    assert response.status_code == 200
    return {row.outlook.profession.name for row in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("model", "query", "professions"),
    [
        ("skillassessment", "spreadsheet", {"Triage nurse"}),  # the skill's name
        ("skillassessment", "report", {"Copy editor"}),  # the rationale, stemmed on PostgreSQL
        ("skillassessment", "triage", {"Triage nurse"}),  # the outlook's profession
        ("whatchanged", "dictation", {"Triage nurse"}),
        ("whatchanged", "copy editor", {"Copy editor"}),
        ("insight", "judgement", {"Triage nurse"}),
        ("insight", "nurse", {"Triage nurse"}),
        ("insight", "violin", set()),
    ],
)
def test_the_admin_finds_rows_by_their_text_and_their_outlook(
    admin_client, rows, model, query, professions
):
    assert found(admin_client, model, query) == professions


@pytest.mark.postgresql
@pytest.mark.parametrize("model", ["skillassessment", "whatchanged", "insight", "taskassessment"])
def test_on_postgresql_row_searches_read_the_full_text_index_not_every_row(
    admin_client, rows, model
):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse(f"admin:outlook_{model}_changelist"), {"q": "nurse"})
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "search_document" in sql and " LIKE " not in sql
    # The profession's name is matched by key, not through a join of every row's outlook.
    assert "name_document" in sql


def test_the_signup_search_matches_any_part_of_the_email(admin_client):
    SignupFactory(email="ann.reporter@example.com")
    SignupFactory(email="bob@example.com")
    response = admin_client.get(reverse("admin:accounts_signup_changelist"), {"q": "REPORT"})
    assert [signup.email for signup in response.context["cl"].result_list] == [
        "ann.reporter@example.com"
    ]


@pytest.mark.postgresql
def test_on_postgresql_the_signup_email_search_has_its_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'signup_email_trigram'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition and "upper" in definition.lower()


def test_the_lists_count_related_rows_and_sort_by_the_count(admin_client):
    busy, quiet = SkillFactory(name="Busy skill"), SkillFactory(name="Quiet skill")
    SkillAssessmentFactory.create_batch(3, skill=busy)
    SkillAssessmentFactory(skill=quiet)
    SkillFactory(name="Unused skill")
    url = reverse("admin:professions_skill_changelist")
    response = admin_client.get(url, {"o": "-3"})  # the third column: assessments, descending
    counts = [(skill.name, skill.assessment_total) for skill in response.context["cl"].result_list]
    assert counts == [("Busy skill", 3), ("Quiet skill", 1), ("Unused skill", 0)]
    issue = IssueFactory()
    OutlookFactory.create_batch(2, issue=issue)
    issues = admin_client.get(reverse("admin:outlook_issue_changelist")).context["cl"]
    totals = {row.pk: row.outlook_total for row in issues.result_list}
    assert totals[issue.pk] == 2 and set(totals.values()) == {1, 2}


def test_the_action_checkbox_is_the_one_django_draws(rows):
    outlook_admin = admin.site._registry[Outlook]
    outlook = rows["nurse"]
    outlook.profession.name = 'Nurse <b>"&'
    assert outlook_admin.action_checkbox(outlook) == admin.ModelAdmin.action_checkbox(
        outlook_admin, outlook
    )
