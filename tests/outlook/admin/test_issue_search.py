"""The issue autocomplete and the issue list find issues by volume and number as printed."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issues():
    return {
        "i4": IssueFactory(volume=1, number=4, title="Spring Outlook"),
        "i5": IssueFactory(volume=1, number=5, title="Summer Outlook"),
        "ii5": IssueFactory(
            volume=2, number=5, title="Second Summer", publication_date=datetime.date(2027, 5, 1)
        ),
        "ii12": IssueFactory(volume=2, number=12, title="Winter No. 3 special"),
    }


def autocomplete(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "outlook",
            "model_name": "outlook",
            "field_name": "issue",
        },
    )
    assert response.status_code == 200
    return {int(result["id"]) for result in response.json()["results"]}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("05", {"i5", "ii5"}),
        ("5", {"i5", "ii5"}),
        ("No. 05", {"i5", "ii5"}),
        ("no 5", {"i5", "ii5"}),
        ("Vol. I No. 5", {"i5"}),
        ("Vol. I · No. 05", {"i5"}),
        ("vol 2 no 12", {"ii12"}),
        ("Vol. II", {"ii5", "ii12"}),
        ("summer", {"i5", "ii5"}),
        ("No. 3", {"ii12"}),  # the title says "No. 3"; no issue has number 3
        ("Vol. IIII No. 5", set()),  # not a numeral, not a title
    ],
)
def test_the_issue_autocomplete_matches_volume_number_and_title(
    admin_client, issues, term, expected
):
    assert autocomplete(admin_client, term) == {issues[name].pk for name in expected}


def test_the_issue_list_search_finds_an_issue_by_its_number(admin_client, issues):
    response = admin_client.get(reverse("admin:outlook_issue_changelist"), {"q": "No. 04"})
    assert response.status_code == 200
    assert [issue.pk for issue in response.context["cl"].result_list] == [issues["i4"].pk]


def test_a_search_that_is_no_masthead_still_searches_titles_only(admin_client, issues):
    response = admin_client.get(reverse("admin:outlook_issue_changelist"), {"q": "Spring"})
    assert [issue.pk for issue in response.context["cl"].result_list] == [issues["i4"].pk]
