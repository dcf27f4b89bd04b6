"""The report form in a real browser, with JavaScript (in place) and without (full pages)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Signup
from tests.factories import OutlookFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outlook():
    return OutlookFactory(profession__name="Backend Developer", profession__slug="backend")


@pytest.fixture
def no_js_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_the_form_submits_in_place_with_javascript(page, outlook, screenshot):
    page.goto(outlook.get_absolute_url())
    form = page.locator("[data-signup-form]")
    assert form.locator("input[name=profession]").input_value() == "backend"

    # A mistake first: the errors appear in place, and what was typed stays.
    form.locator("input[name=email]").fill("reader@example")
    form.locator("textarea[name=tasks]").fill("Write production code")
    form.get_by_role("button", name="Get my report").click()
    page.wait_for_selector(".signup__error")
    assert page.url.endswith(outlook.get_absolute_url()), "no page load happened"
    assert page.locator("input[name=profession]").input_value() == "backend"
    assert page.locator("input[name=email]").input_value() == "reader@example"
    assert page.locator("textarea[name=tasks]").input_value() == "Write production code"
    assert "Please agree" in page.locator("[data-signup]").inner_text()
    screenshot(page, "signup-errors-js")

    page.locator("input[name=email]").fill("reader@example.com")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Get my report").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert page.url.endswith(outlook.get_absolute_url())
    screenshot(page, "signup-done-js")

    signup = Signup.objects.get()
    assert (signup.email, signup.profession_id) == ("reader@example.com", outlook.profession_id)
    assert signup.tasks == "Write production code"
    assert len(mail.outbox) == 1
    # The browser logs the deliberate 400 above as a failed load; nothing else may fail.
    assert [error for error in page.console_errors if "status of 400" not in error] == []


def test_the_form_works_without_javascript(no_js_page, outlook, screenshot):
    page = no_js_page
    page.goto(outlook.get_absolute_url())
    page.locator("input[name=email]").fill("reader@example.com")
    page.locator("select[name=seniority]").select_option("senior")
    page.get_by_role("button", name="Get my report").click()

    # The server answers with a full page: errors inline, input kept.
    page.wait_for_url("**/signup/")
    assert "Please agree" in page.locator(".signup").inner_text()
    assert page.locator("input[name=email]").input_value() == "reader@example.com"
    assert page.locator("select[name=seniority]").input_value() == "senior"
    assert page.locator("select[name=profession]").input_value() == "backend"
    screenshot(page, "signup-errors-nojs")

    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Get my report").click()
    page.wait_for_url("**/signup/thanks/")
    assert page.get_by_role("heading", name="Check your inbox").is_visible()
    signup = Signup.objects.get()
    assert (signup.seniority, signup.issue_id) == ("senior", outlook.issue_id)


def test_the_honeypot_is_invisible_to_people(page, outlook):
    page.goto(outlook.get_absolute_url())
    box = page.locator("input[name=website]").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, "the honeypot must be off-screen"
    assert page.locator("input[name=website]").get_attribute("tabindex") == "-1"
    assert page.locator("input[name=email]").is_visible()


def reviewer_group():
    """Return the group the data migration creates (tests/accounts checks that migration).

    Transactional tests flush every table after them, and the migration does not run again.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Signup reviewer")
    group.permissions.set(Permission.objects.filter(content_type__model="signup"))
    return group


def test_a_reviewer_reviews_previews_and_sends_a_report(page, staff_login, outlook, screenshot):
    from accounts.models import SignupStatus
    from tests.factories import SignupFactory, TaskAssessmentFactory, UserFactory

    TaskAssessmentFactory(outlook=outlook, task="Write production code", exposure="high")
    signup = SignupFactory(profession=outlook.profession, tasks="writing code")
    reviewer = UserFactory(username="rita", is_staff=True)
    reviewer.groups.add(reviewer_group())
    staff_login(reviewer)

    page.get_by_role("link", name="1 new confirmed signup waiting for review").click()
    page.get_by_role("link", name=signup.email).click()
    page.locator("select[name=status]").select_option("reviewed")
    page.locator("textarea[name=notes]").fill("Checked.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("link", name="Review the matches, then send the report").click()

    preview = page.frame_locator("iframe.report-preview").locator("body")
    expect(preview).to_contain_text("Your personalised report")
    assert "Write production code" in preview.inner_text()
    assert "writing code" in preview.inner_text()
    screenshot(page, "signup-report-preview")
    # The rule proposes a match; the reviewer confirms it, with a note, before sending.
    expect(page.get_by_role("button", name="Send this report")).to_have_count(0)
    expect(page.get_by_label("writing code")).to_have_value(
        str(outlook.task_assessments.get(task="Write production code").pk)
    )
    page.get_by_label("Personal note to the reader").fill("Thanks for signing up.")
    page.get_by_role("button", name="Confirm the matches and note").click()
    page.get_by_text("Matches and note saved").wait_for()
    page.get_by_role("button", name="Send this report").click()
    page.get_by_text("Queued 1 report(s)").wait_for()
    # Without a worker (the immediate backend) the task ran once the request committed.
    expect(page.locator(".field-report_delivery .readonly")).to_have_text("Sent")

    signup.refresh_from_db()
    assert (signup.status, signup.reviewed_by, signup.report_sent_by) == (
        SignupStatus.REPORT_SENT,
        reviewer,
        reviewer,
    )
    assert len(mail.outbox) == 1
    assert "Thanks for signing up." in mail.outbox[0].body


@pytest.mark.injects_test_scripts
def test_the_report_review_form_has_every_field_labelled(page, staff_login, outlook, screenshot):
    from accounts.models import SignupStatus
    from tests.browser.test_reader_journey_browser import check_accessibility
    from tests.factories import SignupFactory, TaskAssessmentFactory, UserFactory

    TaskAssessmentFactory(outlook=outlook, task="Write production code", exposure="high")
    signup = SignupFactory(
        profession=outlook.profession,
        status=SignupStatus.REVIEWED,
        tasks="writing code\nbaking bread",
    )
    reviewer = UserFactory(username="rita", is_staff=True)
    reviewer.groups.add(reviewer_group())
    staff_login(reviewer)
    page.goto(f"/admin/accounts/signup/{signup.pk}/report/")
    expect(page.get_by_label("baking bread")).to_have_value("")
    screenshot(page, "signup-report-review")
    assert check_accessibility(page, impacts=None) == []
