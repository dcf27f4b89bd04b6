"""Every public page type the reader reaches passes the Nu Html Checker and axe-core.

Both come from the npm registry (tests/browser/package.json): the checker (`vnu-jar`) runs
on the machine's Java against the HTML the server sends; axe-core runs in Chromium at phone
and desktop widths, charts included, and must find nothing at any impact level.
"""

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.test_reader_journey_browser import check_accessibility
from tests.conftest import skip_or_fail
from tests.page_types import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = PUBLIC_PAGES


def nu_errors(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        skip_or_fail(f"the Nu Html Checker needs Java and {VNU}; run the README's test command")
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(run.stderr)["messages"]
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]


def test_every_page_type_has_no_nu_html_checker_error(live_server, tmp_path):
    call_command("load_demo")
    files = []
    for name, path in PAGES.items():
        with urllib.request.urlopen(live_server.url + path) as response:  # noqa: S310
            assert response.status == 200, path
            files.append(tmp_path / f"{name}.html")
            files[-1].write_bytes(response.read())
    assert nu_errors(files) == []


@pytest.mark.injects_test_scripts
def test_every_page_type_has_no_axe_violation_at_phone_and_desktop_widths(page, screenshot):
    call_command("load_demo")
    found = {}
    for name, path in PAGES.items():
        page.goto(path)
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            found[f"{name} at {width}px"] = check_accessibility(page, impacts=None) + (
                [f"scrolls sideways by {overflow}px"] if overflow > 0 else []
            )
            screenshot(page, f"standards-{name}-{width}")
    assert found == {key: [] for key in found}
    assert page.console_errors == []


def test_wide_tables_become_cards_on_a_phone_with_nothing_cut(page, screenshot):
    call_command("load_demo")
    page.set_viewport_size({"width": 360, "height": 900})
    for path in (PAGES["issue"], PAGES["profession"], PAGES["years"], PAGES["skill"]):
        page.goto(path)
        cells = page.locator(".data-table--cards td, .data-table--cards th[scope=row]")
        assert cells.count() > 0, path
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.data-table--cards td, .data-table--cards th')]
                .filter(cell => cell.offsetParent !== null)
                .filter(cell => cell.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(cell => cell.textContent.trim())"""
        )
        assert clipped == [], path
        # Each cell names its column, since the header row is out of sight.
        label = page.locator(".data-table--cards td[data-label]").first
        before = label.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert before.strip('"') == label.get_attribute("data-label"), path
    screenshot(page, "standards-cards-360")
