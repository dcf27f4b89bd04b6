"""The CSP forbids inline scripts: the admin and its Markdown editor must work without them."""

import pytest
from playwright.sync_api import expect

from tests.factories import (
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_outlook_editor_works_under_the_csp(page, staff_login, screenshot):
    outlook = OutlookFactory(body="Some **bold** analysis.")
    TaskAssessmentFactory(outlook=outlook)
    SkillAssessmentFactory(outlook=outlook)
    staff_login(UserFactory(username="chief-editor", is_staff=True, is_superuser=True))

    response = page.goto(f"/admin/outlook/outlook/{outlook.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]

    # markdownx's live preview: a script-driven POST whose HTML lands in the page.
    page.get_by_role("heading", name="Longer analysis").click()
    body = page.locator("textarea[name=body]")
    body.fill("A *fresh* preview with **bold** words.")
    body.dispatch_event("input")
    preview = page.locator(".markdownx-preview").first
    preview.locator("strong").wait_for()
    assert preview.locator("strong").inner_text() == "bold"

    # The admin's own scripts: "Add another" inline rows come from inlines.js.
    page.locator(".add-row a").first.click()
    assert page.locator("#changes-group tr.form-row.dynamic-changes").count() >= 1

    # Autocomplete (select2) fetches and lists professions.
    page.locator("#id_profession + .select2").click()
    # The first option reads "Searching…" until the answer arrives: wait for the answer.
    expect(page.locator(".select2-results")).to_contain_text(outlook.profession.name)
    page.keyboard.press("Escape")
    screenshot(page, "admin-outlook-under-csp")

    # The changelist, with its filters and actions.
    page.goto("/admin/outlook/outlook/")
    assert page.locator("#result_list tbody tr").count() == 1
    page.goto("/admin/outlook/issue/add/")
    page.locator(".datetimeshortcuts a").first.click()
    assert page.locator("#id_publication_date").input_value()
    assert page.console_errors == []


def test_reader_pages_send_the_security_headers(page):
    outlook = OutlookFactory()
    response = page.goto(outlook.get_absolute_url())
    headers = response.headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert page.console_errors == []
