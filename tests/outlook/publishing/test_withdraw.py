"""A contributor takes their own submission back from review, through the admin's button."""

import pytest
from django.urls import reverse

from outlook.models import AuditEntry, PublicationStatus
from tests.outlook.helpers import complete_outlook, staff_in

pytestmark = pytest.mark.django_db


def step_url(outlook, step: str) -> str:
    return reverse("admin:outlook_outlook_workflow", args=[outlook.pk, step])


def change_url(outlook) -> str:
    return reverse("admin:outlook_outlook_change", args=[outlook.pk])


def test_the_writer_withdraws_a_submission_and_it_is_audited(contributor_client, contributor):
    outlook = complete_outlook(writer=contributor)
    assert contributor_client.post(step_url(outlook, "submit")).status_code == 302
    page = contributor_client.get(change_url(outlook)).content.decode()
    assert 'data-step="withdraw"' in page

    response = contributor_client.post(step_url(outlook, "withdraw"), follow=True)
    assert "Withdrawn from review" in response.content.decode()
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.DRAFT
    entry = AuditEntry.objects.for_object(outlook).first()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "withdrawn",
        contributor,
        "in_review",
        "draft",
    )
    # A draft again: the writer edits and submits it once more.
    assert 'data-step="submit"' in contributor_client.get(change_url(outlook)).content.decode()


def test_another_contributor_cannot_withdraw_it(client, contributor):
    outlook = complete_outlook(writer=contributor, status=PublicationStatus.IN_REVIEW)
    client.force_login(staff_in("Contributor", "other"))
    assert client.post(step_url(outlook, "withdraw")).status_code == 403
    outlook.refresh_from_db()
    assert outlook.status == PublicationStatus.IN_REVIEW
    assert not AuditEntry.objects.filter(action="withdrawn").exists()


def test_an_editor_returns_rather_than_withdraws_someone_elses_work(editor_client, contributor):
    outlook = complete_outlook(writer=contributor, status=PublicationStatus.IN_REVIEW)
    assert 'data-step="withdraw"' not in editor_client.get(change_url(outlook)).content.decode()
    assert editor_client.post(step_url(outlook, "withdraw")).status_code == 403


def test_only_a_submission_can_be_withdrawn(contributor_client, contributor):
    outlook = complete_outlook(writer=contributor)
    response = contributor_client.post(step_url(outlook, "withdraw"))
    assert response.status_code == 400
    assert "cannot be withdrawn from review" in response.content.decode()
    assert not AuditEntry.objects.exists()
