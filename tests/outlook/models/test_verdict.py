"""The verdict: required at the next submission, shown first; insights state only facts."""

import pytest
from django.urls import reverse

from outlook.models import PublicationStatus
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook
from tests.outlook.reading.test_outlook_page import build_full_outlook, sections_in_order

pytestmark = pytest.mark.django_db


def step_url(outlook, step: str) -> str:
    return reverse("admin:outlook_outlook_workflow", args=[outlook.pk, step])


def test_submitting_without_a_verdict_is_refused_with_the_reason(contributor_client, contributor):
    outlook = complete_outlook(writer=contributor, verdict="")
    response = contributor_client.post(step_url(outlook, "submit"))
    assert response.status_code == 400
    assert "Write a verdict: one sentence that answers the headline." in response.content.decode()
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.DRAFT


def test_a_contributor_writes_the_verdict_in_the_form_then_submits(contributor_client, contributor):
    outlook = complete_outlook(writer=contributor, verdict="")
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(contributor_client.get(url), "outlook_form")
    data["verdict"] = "Not this year: the judgement calls stay with people."
    assert contributor_client.post(url, data).status_code == 302
    assert contributor_client.post(step_url(outlook, "submit")).status_code == 302
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.IN_REVIEW
    assert outlook.verdict == "Not this year: the judgement calls stay with people."


def test_a_live_outlook_without_a_verdict_stays_live_editable_and_listed(editor_client):
    old = complete_outlook(status=PublicationStatus.PUBLISHED, verdict="")
    written = complete_outlook(status=PublicationStatus.PUBLISHED, profession__name="Nurse")
    url = reverse("admin:outlook_outlook_change", args=[old.pk])
    data = form_data(editor_client.get(url), "outlook_form")
    data["standfirst"] = "A new standfirst."
    assert editor_client.post(url, data).status_code == 302
    old.refresh_from_db()
    assert (old.status, old.standfirst) == (PublicationStatus.PUBLISHED, "A new standfirst.")

    listing = editor_client.get(reverse("admin:outlook_outlook_changelist"), {"verdict": "missing"})
    html = listing.content.decode()
    assert old.headline in html
    assert written.headline not in html


def test_the_verdict_comes_first_and_the_counters_after_it(client):
    outlook = build_full_outlook(verdict="Partly: code is drafted by AI, design is not.")
    html = client.get(outlook.get_absolute_url()).content.decode()
    order = sections_in_order(
        html, ['class="headline"', 'class="outlook-verdict"', 'class="summary-counts"']
    )
    assert order == sorted(order)
    assert "Partly: code is drafted by AI, design is not." in html
    assert "1 low-exposure task" in html
    assert "resilient task" not in html
    assert "due to high-context judgment" not in html
