"""A contributor proposes a missing skill from the outlook form, in a real browser."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from professions.models import CatalogueStatus, Skill
from tests.factories import SkillFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def contributor():
    user = UserFactory(username="casey", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["add_outlook", "change_outlook", "view_outlook", "view_issue"]
        )
        | Permission.objects.filter(codename__endswith="_skillassessment")
        | Permission.objects.filter(content_type__app_label="professions", codename="add_skill")
        | Permission.objects.filter(
            content_type__app_label="professions", codename__startswith="view_"
        )
    )
    return user


def test_no_results_offers_to_propose_the_skill_typed(page, staff_login):
    SkillFactory(name="Python")
    staff_login(contributor())
    page.goto("/admin/outlook/outlook/add/")
    page.locator("#id_skill_assessments-0-skill + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Quantum knitting")
    message = page.locator(".select2-results__message")
    expect(message).to_contain_text("No results found")

    with page.expect_popup() as opened:
        message.get_by_role("button", name="Propose “Quantum knitting”").click()
    popup = opened.value
    expect(popup.locator("#id_name")).to_have_value("Quantum knitting")
    expect(popup.locator("#id_slug")).to_have_value("quantum-knitting")
    with popup.expect_event("close"):  # the popup hands the new skill to the form, then closes
        popup.locator("input[name=_save]").click()

    skill = Skill.objects.get(name="Quantum knitting")
    assert skill.status == CatalogueStatus.PROPOSED
    expect(page.locator("#id_skill_assessments-0-skill")).to_have_value(str(skill.pk))
    assert page.console_errors == []
