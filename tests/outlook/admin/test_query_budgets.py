"""Public pages cost a fixed number of queries, however many rows they show.

Most pages have their own budget test next to their behaviour; these cover the rest, and check
the admin changelists editors and reviewers use on large tables.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Signup
from accounts.tokens import make_confirm_token, make_unsubscribe_token
from outlook.admin import large
from outlook.models import Outlook
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SignupFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def test_the_compare_form_redirect_has_bounded_queries(client, django_assert_max_num_queries):
    issue = IssueFactory()
    left, right = (OutlookFactory(issue=issue) for _ in range(2))
    for _ in range(40):
        OutlookFactory(issue=issue)
    url = reverse("outlook:compare_form", kwargs={"volume": issue.volume, "number": issue.number})
    # prevents N+1
    with django_assert_max_num_queries(2):
        response = client.get(url, {"a": left.profession.slug, "b": right.profession.slug})
    assert response.status_code == 302
    for _ in range(80):
        OutlookFactory(issue=issue)
    # prevents N+1: typed names are looked up together, however large the issue.
    with django_assert_max_num_queries(2):
        response = client.get(url, {"a": left.profession.name, "b": "No Such Job"})
    assert response.status_code == 404


def test_the_signup_page_with_many_professions_has_bounded_queries(
    client, django_assert_max_num_queries
):
    for _ in range(60):
        OutlookFactory()
    # prevents N+1: the profession list is one query however many professions there are.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("accounts:signup"))
    assert response.content.decode().count("<option") >= 60


@pytest.mark.parametrize("name", ["confirm", "unsubscribe"])
def test_the_link_pages_have_bounded_queries(client, django_assert_max_num_queries, name):
    signup = SignupFactory(confirmed_at=None)
    SignupFactory.create_batch(30, profession=signup.profession)
    token = {"confirm": make_confirm_token, "unsubscribe": make_unsubscribe_token}[name](signup)
    url = reverse(f"accounts:{name}", kwargs={"token": token})
    # prevents N+1
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    # The write validates the row's constraints: a fixed number of checks, whatever the table
    # (each check constraint is a savepoint, a SELECT and a release).
    with django_assert_max_num_queries(20):
        assert client.post(url).status_code in (200, 302)
    assert Signup.objects.count() == (31 if name == "confirm" else 30)


@pytest.mark.parametrize("name", ["signup_thanks", "privacy"])
def test_the_plain_signup_pages_need_no_query(client, django_assert_max_num_queries, name):
    OutlookFactory()
    # prevents N+1 (and any query at all: nothing on them comes from the database)
    with django_assert_max_num_queries(0):
        assert client.get(reverse(f"accounts:{name}")).status_code == 200


def test_robots_txt_needs_no_query(client, django_assert_max_num_queries):
    # prevents N+1
    with django_assert_max_num_queries(0):
        assert client.get(reverse("outlook:robots")).status_code == 200


@pytest.fixture
def many_signups(db):
    issue = IssueFactory()
    professions = ProfessionFactory.create_batch(12)
    for index in range(150):
        SignupFactory(profession=professions[index % 12], issue=issue)


@pytest.mark.parametrize(
    "params", [{}, {"status__exact": "new"}, {"confirmed": "yes"}, {"q": "reader1"}]
)
def test_the_signup_changelist_has_bounded_queries(
    admin_client, django_assert_max_num_queries, many_signups, params
):
    url = reverse("admin:accounts_signup_changelist")
    # prevents N+1: no per-row query, no full-table count beside the filtered one.
    with django_assert_max_num_queries(12):
        response = admin_client.get(url, params)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(100, response.context["cl"].result_count)
    assert not response.context["cl"].show_full_result_count
    html = response.content.decode()
    assert html.count('class="action-select"') == len(response.context["cl"].result_list)


def test_the_signup_profession_filter_is_a_box_not_a_list_of_every_profession(
    admin_client, many_signups
):
    url = reverse("admin:accounts_signup_changelist")
    html = admin_client.get(url).content.decode()
    assert 'id="filter-profession_name" name="profession_name"' in html
    assert "profession__id__exact" not in html
    # The issue filter still lists only the issues some signup names.
    assert '<a href="?issue__isnull=True">' in html


def test_the_signup_profession_filter_keeps_names_holding_the_text_and_the_other_filters(
    admin_client,
):
    nurse = SignupFactory(email="ann@example.com", profession=ProfessionFactory(name="Nurse"))
    SignupFactory(email="bob@example.com", profession=ProfessionFactory(name="Pilot"))
    SignupFactory(email="cy@example.com", profession=nurse.profession, status="spam")
    url = reverse("admin:accounts_signup_changelist")
    response = admin_client.get(url, {"profession_name": " nUR ", "status__exact": "new"})
    assert [signup.email for signup in response.context["cl"].result_list] == ["ann@example.com"]
    html = response.content.decode()
    # The box shows what was typed and sends the other filters again; "All" clears it alone.
    assert 'name="profession_name" value="nUR"' in html
    assert '<input type="hidden" name="status__exact" value="new">' in html
    assert '<a href="?status__exact=new">All</a>' in html


def test_the_outlook_changelists_have_bounded_queries(admin_client, django_assert_max_num_queries):
    issue = IssueFactory()
    for _ in range(120):
        outlook = OutlookFactory(issue=issue)
        TaskAssessmentFactory(outlook=outlook)
        SkillAssessmentFactory(outlook=outlook)
    assert Outlook.objects.count() == 120
    for model in ("outlook", "taskassessment", "skillassessment", "issue"):
        # prevents N+1
        with django_assert_max_num_queries(16):
            response = admin_client.get(reverse(f"admin:outlook_{model}_changelist"))
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == (1 if model == "issue" else 100)


def test_the_signup_date_hierarchy_offers_only_years_and_months_with_signups(admin_client):
    for year, month in [(2023, 3), (2025, 1), (2025, 11)]:
        SignupFactory(created_at=datetime.datetime(year, month, 15, 12, tzinfo=datetime.UTC))
    url = reverse("admin:accounts_signup_changelist")
    years = admin_client.get(url).content.decode()
    assert "created_at__year=2023" in years and "created_at__year=2025" in years
    assert "created_at__year=2024" not in years
    months = admin_client.get(url, {"created_at__year": 2025}).content.decode()
    assert "created_at__month=1" in months and "created_at__month=11" in months
    assert "created_at__month=6" not in months
    days = admin_client.get(url, {"created_at__year": 2025, "created_at__month": 11}).content
    assert b"created_at__day=15" in days and b"created_at__day=14" not in days


@pytest.mark.postgresql
def test_a_large_unfiltered_changelist_reads_the_row_estimate_instead_of_counting(
    admin_client, monkeypatch
):
    SignupFactory.create_batch(30, status="new")
    SignupFactory.create_batch(5, status="spam")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_signup")
    # As if 35 rows were a large table.
    monkeypatch.setattr(large, "EXACT_COUNT_BELOW", 10)
    url = reverse("admin:accounts_signup_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "COUNT(*)" not in sql and "reltuples" in sql
    assert response.context["cl"].result_count == 35
    # Filtered, the count is exact (and cheap, through an index).
    assert admin_client.get(url, {"status__exact": "spam"}).context["cl"].result_count == 5
