"""Corrections: appended to a published outlook in the admin, dated on the page."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from outlook.models import Correction, Outlook, PublicationStatus
from tests.factories import IssueFactory, OutlookFactory, TaskAssessmentFactory
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data
from tests.outlook.helpers import staff_in

pytestmark = pytest.mark.django_db

LONDON_NOON = datetime.datetime(2026, 5, 3, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def editor_client(client):
    client.force_login(content_editor())
    return client


@pytest.fixture
def editor_role_client(client):
    client.force_login(staff_in("Editor", "eden"))
    return client


@pytest.mark.parametrize("client_fixture", ["editor_client", "editor_role_client"])
def test_an_editor_appends_a_correction_that_readers_see_dated(client_fixture, request, client):
    editor_client = request.getfixturevalue(client_fixture)
    with time_machine.travel(datetime.datetime(2026, 4, 20, 8, 0, tzinfo=datetime.UTC)):
        outlook = OutlookFactory()
        TaskAssessmentFactory(outlook=outlook)
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(editor_client.get(url), "outlook_form")
    assert data["corrections-TOTAL_FORMS"] == "0"
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-created_at_0": "2026-05-03",
        "corrections-0-created_at_1": "12:00:00",
        "corrections-0-text": "An earlier version gave the wrong adoption figure.",
    }
    with time_machine.travel(LONDON_NOON):
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]

    page = client.get(outlook.get_absolute_url())
    html = page.content.decode()
    assert "Corrections" in html
    assert '<time datetime="2026-05-03T12:00:00+01:00">May 3, 2026</time>' in html
    assert "An earlier version gave the wrong adoption figure." in html


def test_last_modified_is_the_newest_edit_or_correction():
    with time_machine.travel(datetime.datetime(2026, 4, 20, 8, 0, tzinfo=datetime.UTC)):
        outlook = OutlookFactory()
    fetch = Outlook.objects.with_page_data().get
    assert fetch(pk=outlook.pk).last_modified == outlook.updated_at
    Correction.objects.create(outlook=outlook, text="Fixed a figure.", created_at=LONDON_NOON)
    assert fetch(pk=outlook.pk).last_modified == LONDON_NOON
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)):
        outlook.save()
    assert fetch(pk=outlook.pk).last_modified == datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)


def test_a_draft_takes_edits_not_corrections(editor_client):
    draft = OutlookFactory(status=PublicationStatus.DRAFT)
    response = editor_client.get(reverse("admin:outlook_outlook_change", args=[draft.pk]))
    assert 'name="corrections-TOTAL_FORMS"' not in response.content.decode()
    with pytest.raises(ValidationError, match="Corrections are for published outlooks"):
        Correction(outlook=draft, text="Nothing to correct yet.").full_clean()


def test_an_outlook_in_an_unpublished_issue_takes_no_corrections():
    outlook = OutlookFactory(issue=IssueFactory(status=PublicationStatus.DRAFT))
    with pytest.raises(ValidationError):
        Correction(outlook=outlook, text="Too early.").full_clean()
