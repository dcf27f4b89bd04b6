"""The review path in a real browser: a contributor submits, an editor schedules and previews."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission

from outlook.models import Outlook, PublicationStatus
from tests.factories import IssueFactory, UserFactory
from tests.outlook.helpers import complete_outlook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

roles_migration = importlib.import_module("outlook.migrations.0003_editorial_roles")
rename_migration = importlib.import_module("outlook.migrations.0015_rename_change_to_whatchanged")


def current_codename(codename: str) -> str:
    """Return a codename of 0003's frozen roles as it reads since `Change` became `WhatChanged`."""
    verb, _, model = codename.partition("_")
    return f"{verb}_{rename_migration.NEW}" if model == rename_migration.OLD else codename


@pytest.fixture
def editorial_groups():
    """Recreate the roles: a transactional test before this one flushed the migration's rows."""
    for name, codenames in roles_migration.ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app, codename=current_codename(codename))
            for app, codename in codenames
        )


def member(group: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_contributor_submits_and_an_editor_schedules_and_previews(
    editorial_groups, page, staff_login, screenshot, chromium, live_server
):
    issue = IssueFactory(status=PublicationStatus.PUBLISHED)
    contributor = member("Contributor", "casey")
    editor = member("Editor", "eden")
    outlook = complete_outlook(issue=issue, profession__name="Copywriter", writer=contributor)
    change_url = f"/admin/outlook/outlook/{outlook.pk}/change/"

    staff_login(contributor)
    page.goto(change_url)
    assert page.locator("[data-step=publish]").count() == 0
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**{change_url}")
    assert "Submitted for review" in page.locator(".messagelist").inner_text()
    assert page.locator(".workflow-state").inner_text() == "In review"
    assert page.locator("input[name=_save]").count() == 0, "a submitted outlook is read-only"

    page.context.clear_cookies()
    staff_login(editor)
    page.goto(change_url)
    page.locator("input[name=approve-go_live_at]").fill("2099-01-05T09:30")
    page.get_by_role("button", name="Approve and schedule").click()
    page.wait_for_url(f"**{change_url}")
    message = page.locator(".messagelist").inner_text()
    assert "scheduled for 5 January 2099, 09:30 GMT (Europe/London)" in message
    screenshot(page, "workflow-scheduled")

    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview", exact=True).click()
    preview = popup.value
    preview.wait_for_load_state()
    banner = preview.locator(".notice--preview").inner_text()
    assert "Readers will see this from 5 January 2099" in banner
    assert preview.get_by_role("heading", level=1).inner_text() == outlook.headline
    screenshot(preview, "workflow-preview")

    share_link = page.locator("#share-link").input_value()
    reader = chromium.new_context(base_url=live_server.url)
    reader_page = reader.new_page()
    assert reader_page.goto(outlook.get_absolute_url()).status == 404
    assert reader_page.goto(share_link).status == 200
    assert "Preview." in reader_page.locator(".notice--preview").inner_text()
    reader.close()
    assert Outlook.objects.get(pk=outlook.pk).status == PublicationStatus.SCHEDULED
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_submit_for_review_with_unsaved_changes_submits_what_was_typed(
    editorial_groups, chromium, live_server, javascript
):
    contributor = member("Contributor", "casey")
    outlook = complete_outlook(
        issue=IssueFactory(status=PublicationStatus.PUBLISHED),
        profession__name="Copywriter",
        writer=contributor,
        standfirst="The old standfirst.",
    )
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", contributor.username)
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    change_url = f"/admin/outlook/outlook/{outlook.pk}/change/"
    page.goto(change_url)
    page.locator("textarea[name=standfirst]").fill("The new standfirst, typed but not saved.")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**{change_url}")
    assert "Submitted for review" in page.locator(".messagelist").inner_text()
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.IN_REVIEW
    assert outlook.standfirst == "The new standfirst, typed but not saved."
    context.close()
