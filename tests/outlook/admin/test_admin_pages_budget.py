"""Every admin changelist, search and change page answers within a fixed number of queries."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.benchmarks.admin_scale import admin_pages
from tests.factories import InsightFactory, SignupFactory, WhatChangedFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

# No admin page may cost more, whatever it shows.
BUDGET = 40
# Every model the admin lists, so a model registered later is covered without editing this.
REGISTERED = sorted(
    f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
)


def add_content(first: int, count: int) -> None:
    for number in range(first, first + count):
        outlook = complete_outlook(profession__name=f"Report writer {number}")
        WhatChangedFactory(outlook=outlook)
        InsightFactory(outlook=outlook)
        SignupFactory(email=f"report{number}@example.com", profession=outlook.profession)


@pytest.fixture
def content():
    add_content(0, 3)


def queries_of(client, url: str, name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, name
    return len(queries)


def test_every_registered_model_is_covered():
    assert {"outlook.outlook", "outlook.skillassessment", "accounts.signup"} <= set(REGISTERED)


@pytest.mark.parametrize("label", REGISTERED)
def test_each_admin_page_costs_the_same_queries_with_three_times_the_rows(
    admin_client, content, django_assert_max_num_queries, label
):
    pages = {name: url for name, url in admin_pages().items() if name.rsplit(" ", 1)[0] == label}
    assert f"{label} list" in pages
    for url in pages.values():
        admin_client.get(url)  # warm-up: content types and other per-process caches
    before = {name: queries_of(admin_client, url, name) for name, url in pages.items()}
    add_content(3, 6)
    for name, url in pages.items():
        # prevents N+1: three times the rows, no more queries, and never past the budget
        with django_assert_max_num_queries(min(before[name], BUDGET)):
            response = admin_client.get(url)
        assert response.status_code == 200, name


def test_the_admin_outlook_search_finds_by_profession_and_task(admin_client, content):
    url = reverse("admin:outlook_outlook_changelist")
    assert admin_client.get(url, {"q": "report writer 1"}).context["cl"].result_count == 1
    found = admin_client.get(url, {"q": "production code"}).context["cl"].result_count
    assert found == 3  # every outlook has the task "Write production code"
