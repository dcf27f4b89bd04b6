"""The outlook form in a real Chromium: it fits 1 280 px, rows move by drag and by keyboard,
pasted lines become rows or are refused line by line, and axe-core finds nothing to fix."""

import pytest

from outlook.models import Exposure, PublicationStatus
from tests.browser.test_reader_journey_browser import check_accessibility
from tests.factories import (
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280


@pytest.fixture
def editor(staff_login):
    user = UserFactory(username="chief-editor", is_staff=True, is_superuser=True)
    staff_login(user)
    return user


def draft(*tasks):
    outlook = OutlookFactory(status=PublicationStatus.DRAFT)
    for position, name in enumerate(tasks):
        TaskAssessmentFactory(outlook=outlook, task=name, position=position)
    return outlook


def change_url(outlook) -> str:
    return f"/admin/outlook/outlook/{outlook.pk}/change/"


def task_order(page) -> list[str]:
    return page.locator(
        "#task_assessments-group tbody tr.form-row:not(.empty-form) input[name$='-task']"
    ).evaluate_all("inputs => inputs.map(input => input.value).filter(Boolean)")


def stored_tasks(outlook) -> list[str]:
    return list(outlook.task_assessments.values_list("task", flat=True))


def save(page, outlook):
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{change_url(outlook)}")


def overflow(page) -> dict:
    """How far the page and each inline reach past their boxes, and where Delete? ends."""
    return page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            inlines: [...document.querySelectorAll('.inline-group')]
                .filter(group => group.scrollWidth > group.clientWidth)
                .map(group => group.id),
            deleteRight: Math.max(...[...document.querySelectorAll('.inline-group th.delete')]
                .map(th => th.getBoundingClientRect().right)),
        })"""
    )


@pytest.mark.injects_test_scripts
def test_admin_forms_fit_1280_px_and_axe_finds_no_violation(page, editor, screenshot):
    outlook = draft("Write code", "Review code")
    skill = SkillAssessmentFactory(outlook=outlook).skill
    pages = {
        "outlook-add": "/admin/outlook/outlook/add/",
        "outlook-change": change_url(outlook),
        "issue-add": "/admin/outlook/issue/add/",
        "issue-change": f"/admin/outlook/issue/{outlook.issue.pk}/change/",
        "profession-add": "/admin/professions/profession/add/",
        "profession-change": f"/admin/professions/profession/{outlook.profession.pk}/change/",
        "skill-add": "/admin/professions/skill/add/",
        "skill-change": f"/admin/professions/skill/{skill.pk}/change/",
    }
    found = {}
    for name, url in pages.items():
        page.goto(url)
        # The autocomplete boxes are named once select2 has drawn them.
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)
        found[name] = check_accessibility(page, impacts=None)
        if name.startswith("outlook"):
            reach = overflow(page)
            assert reach["page"] <= WIDTH, f"{name} is {reach['page']} px wide"
            assert reach["inlines"] == [], f"{name}: these inlines overflow: {reach['inlines']}"
            assert reach["deleteRight"] <= WIDTH, f"{name}: the Delete column is off-screen"
            screenshot(page, f"admin-{name}-{WIDTH}")
    assert found == {name: [] for name in pages}
    assert page.console_errors == []


def test_rows_move_by_keyboard_and_by_drag_and_keep_their_order(page, editor):
    outlook = draft("Alpha", "Bravo", "Charlie")
    page.goto(change_url(outlook))
    assert task_order(page) == ["Alpha", "Bravo", "Charlie"]
    # The positions are not typed: they are hidden and set from the order.
    assert page.locator("#id_task_assessments-0-position").get_attribute("type") == "hidden"

    # Keyboard only: focus Alpha's "Move down", press Enter, then Space.
    alpha_down = page.locator("#task_assessments-0").get_by_role("button", name="Move down")
    alpha_down.focus()
    page.keyboard.press("Enter")
    assert task_order(page) == ["Bravo", "Alpha", "Charlie"]
    assert alpha_down.evaluate("button => button === document.activeElement")
    page.keyboard.press("Space")
    assert task_order(page) == ["Bravo", "Charlie", "Alpha"]
    announcement = page.locator("#task_assessments-group [data-rows-announce]")
    assert announcement.inner_text() == "Moved to place 3 of 4."
    first_row = page.locator("#task_assessments-group tbody tr.form-row").first
    first_row.get_by_role("button", name="Move up").click()
    assert announcement.inner_text() == "Already the first row."
    assert task_order(page) == ["Bravo", "Charlie", "Alpha"]
    alpha_down.focus()
    page.keyboard.press("Shift+Tab")  # back to Alpha's "Move up"
    page.keyboard.press("Enter")
    assert task_order(page) == ["Bravo", "Alpha", "Charlie"]
    save(page, outlook)
    assert stored_tasks(outlook) == ["Bravo", "Alpha", "Charlie"]

    # By the drag handle: Charlie (third) to the top.
    handle = page.locator("#task_assessments-2 .row-handle")
    handle.drag_to(page.locator("#task_assessments-0"), target_position={"x": 40, "y": 3})
    assert task_order(page) == ["Charlie", "Bravo", "Alpha"]
    save(page, outlook)
    assert stored_tasks(outlook) == ["Charlie", "Bravo", "Alpha"]
    assert list(outlook.task_assessments.values_list("position", flat=True)) == [0, 1, 2]
    assert page.console_errors == []


def test_pasted_rows_are_refused_line_by_line_then_added(page, editor, screenshot):
    outlook = draft("Write code")
    page.goto(change_url(outlook))
    box = page.get_by_label("Paste rows: task | level | rationale")
    box.fill(
        "Plan releases | High | Schedules are drafted by tools.\n"
        "Triage bugs | HGH | Half of it is sorting.\n"
    )
    save(page, outlook)
    errors = page.locator("#task_assessments-group .rows-paste .errorlist").inner_text()
    assert "line 2: The exposure level must be one of high, medium, low, not “HGH”." in errors
    assert "line 1" not in errors
    assert stored_tasks(outlook) == ["Write code"]
    screenshot(page, "admin-outlook-paste-error")

    box = page.get_by_label("Paste rows: task | level | rationale")
    assert "Plan releases" in box.input_value()
    box.fill(box.input_value().replace("HGH", "medium"))
    save(page, outlook)
    assert stored_tasks(outlook) == ["Write code", "Plan releases", "Triage bugs"]
    assert list(outlook.task_assessments.values_list("exposure", flat=True)) == [
        Exposure.MEDIUM,
        Exposure.HIGH,
        Exposure.MEDIUM,
    ]
    assert task_order(page) == ["Write code", "Plan releases", "Triage bugs"]
    assert page.get_by_label("Paste rows: task | level | rationale").input_value() == ""
    assert page.console_errors == []
