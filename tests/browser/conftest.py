"""Real-browser fixtures: Debian's Chromium driven by Playwright, against live_server.

Never downloads a browser. Screenshots go to test-artifacts/screenshots/, which the run
leaves behind for inspection.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# The machine has no network beyond loopback: keep Chromium from reaching out at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed; run the README's test command")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (factories) are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(request, chromium, live_server):
    """A fresh browser page whose console errors fail the test that opened it.

    Tests marked `injects_test_scripts` (axe-core) may add scripts the site's
    Content-Security-Policy would block; every other test runs under the real policy.
    """
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        bypass_csp=request.node.get_closest_marker("injects_test_scripts") is not None,
    )
    browser_page = context.new_page()
    console_errors = []
    browser_page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    browser_page.on("pageerror", lambda error: console_errors.append(str(error)))
    browser_page.console_errors = console_errors
    yield browser_page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(browser_page, name: str) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        browser_page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def staff_login(page, live_server):
    """Sign a user in through the real admin login form."""

    def login(user, password="a-long-test-password"):
        page.goto("/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")

    return login
