"""A reader browses the publication in a real Chromium; axe-core checks accessibility.

axe-core comes from the npm registry (tests/browser/package.json, installed by the README's
test command) and is injected into the page by the test; the site never serves it.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from outlook.reading.views import CONTENTS_PER_PAGE
from tests.conftest import skip_or_fail
from tests.factories import IssueFactory, OutlookFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1280)


def check_accessibility(page, impacts=("serious", "critical")) -> list[str]:
    """Return axe-core's violations of these impacts (None: any) on the current page."""
    if not AXE.exists():
        skip_or_fail(f"axe-core is not installed at {AXE}; run the README's test command")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if impacts is None or v["impact"] in impacts
    ]


def capture(page, screenshot, name: str) -> list[str]:
    """Screenshot and check the page at phone and desktop widths; it never scrolls sideways."""
    violations = []
    page.set_viewport_size({"width": 360, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name} at 360px"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width}px"
        violations += [f"{width}px: {v}" for v in check_accessibility(page)]
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})
    return violations


@pytest.mark.injects_test_scripts
def test_a_reader_goes_from_home_to_a_comparison_by_clicking(page, screenshot):
    call_command("load_demo")
    violations = {}

    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "2026 Outlook"
    assert page.locator(".toc__item").count() == 14
    violations["home"] = capture(page, screenshot, "reader-home")

    page.get_by_role("link", name="This issue's contents, ranking and data").click()
    page.wait_for_url("**/issues/1/4/")
    assert page.get_by_role("heading", name="Professions ranked by exposure").is_visible()
    violations["issue"] = capture(page, screenshot, "reader-issue")

    page.locator(".toc").get_by_role(
        "link", name="Will AI Replace Backend Developer in 2026?"
    ).click()
    page.wait_for_url("**/2026/backend-developer/")
    violations["outlook"] = capture(page, screenshot, "reader-outlook")

    page.get_by_role("link", name="Every outlook for Backend Developer, year by year").click()
    page.wait_for_url("**/professions/backend-developer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Backend Developer"
    violations["profession"] = capture(page, screenshot, "reader-profession")

    page.get_by_role("link", name="Compare 2025 with 2026").click()
    page.wait_for_url("**/professions/backend-developer/compare/2025/2026/")
    changed = page.locator("section", has=page.locator("#changed-tasks"))
    assert "Write production code" in changed.inner_text()
    assert "More exposed" in changed.inner_text()
    assert "Python" in page.locator("section", has=page.locator("#moved-skills")).inner_text()
    violations["comparison"] = capture(page, screenshot, "reader-comparison")

    assert violations == {name: [] for name in violations}
    assert page.console_errors == []


def test_a_reader_compares_two_professions_and_searches_without_javascript(
    chromium, live_server, screenshot
):
    call_command("load_demo")
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/issues/1/4/")
        page.select_option("#compare-a", label="Radiologist")
        page.select_option("#compare-b", label="Copywriter")
        page.get_by_role("button", name="Compare").click()
        page.wait_for_url("**/issues/1/4/compare/radiologist/copywriter/")
        assert page.get_by_role("heading", level=1).inner_text() == "Radiologist vs Copywriter"
        screenshot(page, "reader-side-by-side-1280")

        page.fill("#site-search-q", "boilerplate")
        page.locator(".site-search").get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=boilerplate")
        marks = page.locator(".search-result mark")
        assert marks.first.inner_text() == "Boilerplate"
        screenshot(page, "reader-search-1280")
    finally:
        context.close()


def test_a_reader_compares_by_name_in_a_large_issue_without_javascript(
    chromium, live_server, screenshot
):
    issue = IssueFactory(volume=2, number=1)
    for number in range(CONTENTS_PER_PAGE + 1):
        OutlookFactory(issue=issue, profession__name=f"Job {number:02d}")
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/issues/2/1/")
        page.get_by_role("link", name="Next →").click()
        page.wait_for_url("**/issues/2/1/?page=2")
        assert page.locator(".toc__item").count() == 1
        page.get_by_label("First profession").fill("job 07")
        page.get_by_label("Second profession").fill("Astronaut")
        page.get_by_role("button", name="Compare").click()
        assert "no outlook for “Astronaut”" in page.get_by_role("alert").inner_text()
        page.get_by_label("Second profession").fill("Job 12")
        page.get_by_role("button", name="Compare").click()
        page.wait_for_url("**/issues/2/1/compare/job-07/job-12/")
        assert page.get_by_role("heading", level=1).inner_text() == "Job 07 vs Job 12"
        screenshot(page, "reader-side-by-side-by-name-1280")
    finally:
        context.close()


def test_the_skip_link_appears_on_focus_and_moves_to_the_content(page):
    call_command("load_demo")
    page.goto("/issues/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_print_stylesheet_keeps_the_article_and_drops_the_navigation(page):
    call_command("load_demo")
    page.goto("/2026/backend-developer/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.locator(".task-table").is_visible()
    badge = page.locator(".badge--high").first
    assert badge.evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
