"""The links in signup emails: confirmation and one-click unsubscribe (which deletes)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Signup
from accounts.tokens import make_confirm_token, make_unsubscribe_token
from tests.factories import SignupFactory

pytestmark = pytest.mark.django_db

SIGNED_UP = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)


def link_in(message, name: str) -> str:
    """Return the path of the link named `name` in an email's text body."""
    prefix = reverse(f"accounts:{name}", kwargs={"token": "TOKEN"}).split("TOKEN")[0]
    match = re.search(rf"http://testserver({re.escape(prefix)}[^/\s]+/)", message.body)
    assert match, f"no {name} link in the email"
    return match.group(1)


@pytest.fixture
def emailed_signup(client, signup_data, settings, after_commit):
    settings.SITE_URL = "http://testserver"
    with time_machine.travel(SIGNED_UP, tick=False), after_commit():
        client.post(reverse("accounts:signup"), signup_data)
    return Signup.objects.get(), mail.outbox[0]


def test_the_confirmation_email_has_html_text_and_an_unsubscribe_link(emailed_signup):
    signup, message = emailed_signup
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Confirm my request" in html
    assert "Backend Developer" in message.subject
    assert link_in(message, "confirm") in html
    assert link_in(message, "unsubscribe") in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(message, "unsubscribe") in message.extra_headers["List-Unsubscribe"]


def test_the_confirmation_link_asks_then_confirms(client, emailed_signup):
    signup, message = emailed_signup
    path = link_in(message, "confirm")
    with time_machine.travel(SIGNED_UP + dt.timedelta(days=1), tick=False):
        page = client.get(path)
        assert page.status_code == 200
        assert "Yes, send me my report" in page.content.decode()
        signup.refresh_from_db()
        assert signup.confirmed_at is None, "opening the link (or a mail scanner) confirms nothing"
        response = client.post(path)
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.confirmed_at == SIGNED_UP + dt.timedelta(days=1)
    # Confirming again is harmless and keeps the first time.
    client.post(path)
    signup.refresh_from_db()
    assert signup.confirmed_at == SIGNED_UP + dt.timedelta(days=1)


def test_the_confirmation_link_expires(client, emailed_signup, settings):
    signup, message = emailed_signup
    path = link_in(message, "confirm")
    late = SIGNED_UP + dt.timedelta(seconds=settings.SIGNUP_CONFIRM_MAX_AGE + 1)
    with time_machine.travel(late, tick=False):
        assert client.get(path).status_code == 400
        response = client.post(path)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    signup.refresh_from_db()
    assert signup.confirmed_at is None


def test_a_used_confirmation_link_cannot_be_reused_after_expiry(client, emailed_signup, settings):
    signup, message = emailed_signup
    path = link_in(message, "confirm")
    with time_machine.travel(SIGNED_UP + dt.timedelta(hours=1), tick=False):
        assert client.post(path).status_code == 200
    late = SIGNED_UP + dt.timedelta(seconds=settings.SIGNUP_CONFIRM_MAX_AGE + 1)
    with time_machine.travel(late, tick=False):
        assert client.post(path).status_code == 400


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "eyJpZCI6OTk5LCJlIjoieCJ9"),
        lambda token: "not-a-token",
    ],
)
def test_a_forged_confirmation_link_is_refused(client, tamper):
    signup = SignupFactory(confirmed_at=None)
    token = tamper(make_confirm_token(signup))
    response = client.post(reverse("accounts:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    signup.refresh_from_db()
    assert signup.confirmed_at is None


def test_an_unsubscribe_token_does_not_confirm_and_vice_versa(client):
    signup = SignupFactory(confirmed_at=None)
    confirm_with_unsubscribe = reverse(
        "accounts:confirm", kwargs={"token": make_unsubscribe_token(signup)}
    )
    assert client.post(confirm_with_unsubscribe).status_code == 400
    unsubscribe_with_confirm = reverse(
        "accounts:unsubscribe", kwargs={"token": make_confirm_token(signup)}
    )
    assert client.post(unsubscribe_with_confirm).status_code == 400
    assert Signup.objects.filter(pk=signup.pk, confirmed_at=None).exists()


def test_unsubscribing_deletes_the_row(client, emailed_signup):
    signup, message = emailed_signup
    path = link_in(message, "unsubscribe")
    page = client.get(path)
    assert "Unsubscribe and delete my data" in page.content.decode()
    assert Signup.objects.filter(pk=signup.pk).exists(), "opening the page deletes nothing"
    response = client.post(path)
    assert response.status_code == 200
    assert "Your data is deleted" in response.content.decode()
    assert not Signup.objects.filter(pk=signup.pk).exists()
    assert Signup.objects.count() == 0
    # The link now names nothing; using it again is no error.
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 200


def test_one_click_unsubscribe_needs_no_csrf_token(emailed_signup):
    from django.test import Client

    signup, message = emailed_signup
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(link_in(message, "unsubscribe"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Signup.objects.exists()


def test_the_unsubscribe_link_expires(client, emailed_signup, settings):
    signup, message = emailed_signup
    late = SIGNED_UP + dt.timedelta(seconds=settings.SIGNUP_UNSUBSCRIBE_MAX_AGE + 1)
    with time_machine.travel(late, tick=False):
        assert client.post(link_in(message, "unsubscribe")).status_code == 400
    assert Signup.objects.filter(pk=signup.pk).exists()


def test_a_token_for_a_deleted_signup_never_reaches_a_new_one_with_the_same_id(client):
    signup = SignupFactory(email="first@example.com")
    token = make_unsubscribe_token(signup)
    pk, profession = signup.pk, signup.profession
    signup.delete()
    SignupFactory(pk=pk, email="second@example.com", profession=profession)
    assert client.post(reverse("accounts:unsubscribe", kwargs={"token": token})).status_code == 200
    assert Signup.objects.filter(pk=pk, email="second@example.com").exists()


def test_malformed_link_urls_are_a_404(client):
    assert client.get("/signup/confirm/").status_code == 404
    assert client.get("/signup/confirm/a/b/").status_code == 404


def test_after_deletion_the_admin_history_keeps_no_address(client, admin_client):
    from django.contrib.admin.models import LogEntry

    signup = SignupFactory(email="private@example.com")
    admin_client.post(
        reverse("admin:accounts_signup_change", args=[signup.pk]),
        {"status": "reviewed", "notes": "Looks real."},
    )
    assert LogEntry.objects.count() == 1
    client.post(reverse("accounts:unsubscribe", kwargs={"token": make_unsubscribe_token(signup)}))
    assert not Signup.objects.filter(pk=signup.pk).exists()
    assert "private@example.com" not in LogEntry.objects.get().object_repr
