import pytest
from django.urls import reverse

from tests.factories import OutlookFactory
from tests.outlook.form_html import form_data


@pytest.fixture
def outlook(db):
    return OutlookFactory(
        profession__name="Backend Developer", profession__slug="backend-developer"
    )


@pytest.fixture
def signup_data(outlook):
    """A valid submission of the form on `outlook`'s page."""
    return {
        "email": "Reader@Example.com",
        "profession": outlook.profession.slug,
        "issue": str(outlook.issue_id),
        "seniority": "senior",
        "tasks": "Write production code\nReview pull requests",
        "consent": "on",
        "website": "",
    }


def report_url(signup) -> str:
    return reverse("admin:accounts_signup_report", args=[signup.pk])


def review_form(client, signup) -> dict[str, str]:
    """Return the report page's review form (matches and note) as a browser would post it."""
    response = client.get(report_url(signup))
    assert response.status_code == 200
    return form_data(response, "report-review") | {"review": "1"}


def confirm_matches(client, signup, **changes) -> None:
    """Confirm the report's matches through the admin's real form, with any `changes`."""
    response = client.post(report_url(signup), review_form(client, signup) | changes)
    assert response.status_code == 302, response.content.decode()
