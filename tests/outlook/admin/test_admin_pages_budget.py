"""Every admin changelist, search and change page answers within a fixed number of queries."""

import pytest

from tests.benchmarks.admin_scale import admin_pages
from tests.factories import InsightFactory, SignupFactory, WhatChangedFactory
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    for number in range(3):
        outlook = complete_outlook(profession__name=f"Report writer {number}")
        WhatChangedFactory(outlook=outlook)
        InsightFactory(outlook=outlook)
        SignupFactory()


def test_every_admin_page_has_bounded_queries(admin_client, content, django_assert_max_num_queries):
    pages = admin_pages()
    assert {
        "outlook.outlook search",
        "outlook.taskassessment search",
        "outlook.outlook change",
    } <= set(pages)
    for name, url in pages.items():
        # prevents N+1: the same budget with 3 outlooks as with 40 000
        with django_assert_max_num_queries(40):
            response = admin_client.get(url)
        assert response.status_code == 200, name


def test_the_admin_outlook_search_finds_by_profession_and_task(admin_client, content):
    from django.urls import reverse

    url = reverse("admin:outlook_outlook_changelist")
    assert admin_client.get(url, {"q": "report writer 1"}).context["cl"].result_count == 1
    found = admin_client.get(url, {"q": "production code"}).context["cl"].result_count
    assert found == 3  # every outlook has the task "Write production code"
