"""The reviewer's signup list fits a 1 280 px screen with the status in view."""

import pytest

from accounts.models import ReportDelivery, SignupStatus
from tests.factories import IssueFactory, OutlookFactory, SignupFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_signup_list_fits_1280px_with_the_status_visible(page, staff_login, screenshot):
    issue = IssueFactory(title="The AI exposure of work, spring edition")
    outlook = OutlookFactory(
        issue=issue,
        profession__name="Clinical laboratory technologist and phlebotomy lead",
        profession__slug="lab",
    )
    SignupFactory(
        email="a.very.long.address.for.a.reader@an-institution.example.org",
        profession=outlook.profession,
        issue=issue,
        status=SignupStatus.REPORT_SENT,
        report_delivery=ReportDelivery.UNKNOWN,
        reviewed_by=UserFactory(username="reviewer-with-a-long-name"),
    )
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    chief.set_password("a-long-test-password")
    chief.save()
    staff_login(chief)
    page.goto("/admin/accounts/signup/")
    screenshot(page, "admin-signup-list-1280")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    results = page.locator("#changelist .results").bounding_box()
    for header in page.locator("#result_list thead th").all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= results["x"] + results["width"] + 1, (
            f"{header.inner_text()!r} is cut off by the list's edge"
        )
    status = page.locator("td.field-status").first
    assert status.inner_text() == "Report sent"
    status_box = status.bounding_box()
    assert status_box["x"] + status_box["width"] <= 1280
