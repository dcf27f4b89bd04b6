"""The outlook form's live counts and index: a staff-only fragment computed by the one rule."""

import pytest
from django.urls import reverse

from outlook.models import Exposure
from tests.factories import OutlookFactory, TaskAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

PREVIEW = "admin:outlook_outlook_exposure_preview"


def preview(client, *levels):
    return client.get(reverse(PREVIEW), {"level": list(levels)})


def test_the_preview_counts_the_levels_and_computes_the_index(contributor_client):
    response = preview(contributor_client, "high", "high", "medium", "low")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<strong data-level="high">2</strong>' in html
    assert '<strong data-level="medium">1</strong>' in html
    assert '<strong data-level="low">1</strong>' in html
    # (100 × 2 + 50 × 1) ÷ 4 = 62.5, rounded half up like every index on the site.
    assert "<strong data-exposure-index>63</strong>" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_preview_without_levels_says_there_is_no_index_yet(editor_client):
    response = preview(editor_client)
    assert response.status_code == 200
    assert "no tasks yet" in response.content.decode()


@pytest.mark.parametrize(
    "levels", [("extreme",), ("high", "HIGH"), ("",), ("high",) * 501], ids=str
)
def test_the_preview_refuses_bad_levels_with_a_400(editor_client, levels):
    response = preview(editor_client, *levels)
    assert response.status_code == 400
    assert response.content


def test_the_preview_is_for_staff_who_write_outlooks(client):
    assert preview(client, "high").status_code == 302  # to the admin's login
    client.force_login(UserFactory(username="reviewer", is_staff=True))
    assert preview(client, "high").status_code == 403


def test_the_change_form_shows_the_saved_counts_and_index_without_javascript(editor_client):
    outlook = OutlookFactory()
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.LOW)
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.LOW)
    response = editor_client.get(reverse("admin:outlook_outlook_change", args=[outlook.pk]))
    html = response.content.decode()
    assert f'data-preview-url="{reverse(PREVIEW)}"' in html
    assert '<strong data-level="low">2</strong>' in html
    assert "<strong data-exposure-index>33</strong>" in html
    assert "admin/outlook/live_index.js" in html


def test_the_add_form_starts_without_an_index(editor_client):
    response = editor_client.get(reverse("admin:outlook_outlook_add"))
    assert "no tasks yet" in response.content.decode()
