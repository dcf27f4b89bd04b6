import pytest

from tests.outlook.editors import content_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_body_editor_previews_markdown_as_the_editor_types(page, staff_login, screenshot):
    staff_login(content_editor())
    page.goto("/admin/outlook/outlook/add/")
    # The body sits in a collapsed fieldset.
    page.get_by_role("heading", name="Longer analysis").click()
    body = page.locator("#id_body")
    body.click()
    body.press_sequentially(
        "## Where the work goes\n\nReview is **the new bottleneck**.<script>window.x=1</script>"
    )
    preview = page.locator(".markdownx-preview")
    preview.locator("strong").wait_for()
    assert preview.locator("h2").inner_text() == "Where the work goes"
    assert preview.locator("strong").inner_text() == "the new bottleneck"
    # The preview goes through the same sanitiser readers get.
    assert "<script" not in preview.inner_html()
    assert page.evaluate("window.x") is None
    screenshot(page, "admin-markdown-preview")
    assert page.console_errors == []
