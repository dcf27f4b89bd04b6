"""The outlook form's exposure index follows the levels chosen, in a real browser."""

import pytest
from playwright.sync_api import expect

from outlook.models import Exposure
from tests.factories import OutlookFactory, TaskAssessmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_changing_a_level_updates_the_counts_and_index_shown(page, staff_login, screenshot):
    editor = UserFactory(username="eden", is_staff=True, is_superuser=True)
    outlook = OutlookFactory()
    TaskAssessmentFactory(outlook=outlook, position=0, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=outlook, position=1, exposure=Exposure.LOW)
    staff_login(editor)
    page.goto(f"/admin/outlook/outlook/{outlook.pk}/change/")
    index = page.locator(".live-exposure-index [data-exposure-index]")
    expect(index).to_have_text("50")

    page.select_option("select[name='task_assessments-1-exposure']", "medium")
    expect(index).to_have_text("75")
    assert page.locator(".live-exposure-index [data-level='medium']").inner_text() == "1"
    assert page.locator(".live-exposure-index [data-level='low']").inner_text() == "0"

    # A task marked for deletion no longer counts; a new row counts once it has a level.
    page.check("input[name='task_assessments-0-DELETE']")
    expect(index).to_have_text("50")
    page.select_option("select[name='task_assessments-2-exposure']", "high")
    expect(index).to_have_text("75")
    screenshot(page, "outlook-live-exposure-index")
    assert page.console_errors == []
