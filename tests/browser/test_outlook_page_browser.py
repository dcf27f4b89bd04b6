import pytest
from django.core.management import call_command

from outlook.models import Outlook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_opens_an_outlook_from_the_home_page(page, screenshot):
    call_command("load_demo")
    outlook = (
        Outlook.objects.published()
        .select_related("profession")
        .get(year=2026, profession__slug="backend-developer")
    )
    page.goto("/")
    page.get_by_role("link", name=outlook.headline).click()
    page.wait_for_url(f"**{outlook.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == outlook.headline
    assert page.locator(".task-table tbody tr").count() == outlook.task_assessments.count()
    assert page.locator(".badge--high").first.inner_text() == "HIGH"
    screenshot(page, "outlook-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    table_width = page.evaluate("document.documentElement.scrollWidth")
    assert table_width <= 375, "the page must not scroll sideways on a phone"
    screenshot(page, "outlook-375")
    assert page.console_errors == []
