"""Signup leaks and traps: hidden professions, huge bodies, header injection, timing."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Signup
from outlook.models import PublicationStatus
from professions.models import Profession
from tests.factories import OutlookFactory, ProfessionFactory, SignupFactory
from tests.outlook.form_html import form_data

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")


@pytest.fixture
def outlook():
    return OutlookFactory(profession__name="Nurse", profession__slug="nurse")


def submit(client, email: str, profession: str = "nurse", **extra):
    data = {"email": email, "profession": profession, "consent": "on", "website": ""}
    return client.post(SIGNUP_URL, data, **extra)


def test_the_form_offers_only_professions_readers_can_see(client, outlook):
    ProfessionFactory(name="Secret Project", slug="secret-project")
    OutlookFactory(
        profession__name="Embargoed Job",
        profession__slug="embargoed-job",
        status=PublicationStatus.DRAFT,
    )
    html = client.get(SIGNUP_URL).content.decode()
    assert 'value="nurse"' in html
    assert "Secret Project" not in html and "Embargoed Job" not in html
    assert submit(client, "a@example.com", "secret-project").status_code == 400
    assert not Signup.objects.exists()


@pytest.mark.parametrize("fragment", [False, True])
def test_a_nul_byte_in_the_profession_is_a_400_with_the_form(client, outlook, fragment):
    extra = {"HTTP_X_REQUESTED_WITH": "fetch"} if fragment else {}
    response = submit(client, "a@example.com", "nurse\x00", **extra)
    assert response.status_code == 400
    assert b"<form" in response.content


def test_a_huge_multipart_body_is_refused_before_it_is_read(client, outlook):
    response = client.post(
        SIGNUP_URL,
        {
            "email": "a@example.com",
            "profession": "nurse",
            "consent": "on",
            "tasks": "x" * 40_000,
        },
    )
    assert response.status_code == 413
    assert "more than this form accepts" in response.content.decode()
    assert not Signup.objects.exists()


def test_a_profession_name_with_a_line_break_is_refused_in_the_admin(admin_client):
    profession = ProfessionFactory(name="Nurse", slug="nurse")
    url = reverse("admin:professions_profession_change", args=[profession.pk])
    data = form_data(admin_client.get(url), "profession_form")
    response = admin_client.post(url, data | {"name": "Nurse\r\nBcc: everyone@example.com"})
    assert response.status_code == 200
    assert "on one line" in response.content.decode()
    assert Profession.objects.get(pk=profession.pk).name == "Nurse"


def test_a_name_saved_with_a_line_break_before_the_rule_still_gets_its_email_sent(
    client, outlook, after_commit
):
    Profession.objects.filter(pk=outlook.profession_id).update(name="Nurse\nBcc: x@example.com")
    with after_commit():
        assert submit(client, "reader@example.com").status_code == 302
    [message] = mail.outbox
    assert message.subject == "Confirm your Nurse Bcc: x@example.com AI exposure report"
    assert "\n" not in message.message()["Subject"]


def statement_kinds(client, email: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert submit(client, email).status_code == 302
    kinds = [re.match(r"\s*(\w+)", query["sql"]).group(1).upper() for query in queries]
    return [kind for kind in kinds if kind in {"SELECT", "INSERT", "UPDATE", "DELETE"}]


def test_a_known_and_a_new_address_take_the_same_database_path(client, outlook, settings):
    settings.SIGNUP_RATE_LIMIT_PER_EMAIL = 100
    SignupFactory(email="known@example.com", profession=outlook.profession, confirmed_at=None)
    known = statement_kinds(client, "known@example.com")
    new = statement_kinds(client, "new@example.com")
    assert known == new
    assert "INSERT" in new
