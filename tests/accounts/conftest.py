import pytest

from tests.factories import OutlookFactory


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
