import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Signup
from accounts.ratelimit import hash_address
from tests.factories import OutlookFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def test_the_outlook_page_shows_the_form_with_its_profession_preselected(client, outlook):
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert 'action="/signup/"' in html
    # The page's own profession, as a hidden field: no list of every profession on the page.
    assert f'name="profession" value="{outlook.profession.slug}"' in html
    assert 'select name="profession"' not in html
    assert f"/signup/?profession={outlook.profession.slug}" in html
    assert f'name="issue" value="{outlook.issue_id}"' in html
    assert reverse("accounts:privacy") in html
    # Nothing per reader: no token in the page, no cookie with it.
    assert "csrfmiddlewaretoken" not in html
    assert '<script src="/static/js/signup.js" defer></script>' in html


def test_the_signup_page_offers_every_profession_with_one_preselected(client, outlook):
    html = client.get(SIGNUP_URL, {"profession": outlook.profession.slug}).content.decode()
    assert f'<option value="{outlook.profession.slug}" selected>' in html


def test_a_signup_is_stored_and_asks_for_confirmation(client, outlook, signup_data, after_commit):
    with after_commit():
        response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_thanks")
    signup = Signup.objects.get()
    assert signup.email == "reader@example.com"
    assert signup.profession == outlook.profession
    assert signup.issue == outlook.issue
    assert signup.seniority == "senior"
    assert signup.task_lines == ["Write production code", "Review pull requests"]
    assert signup.confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.com"]


def test_the_thanks_page_says_to_check_the_inbox(client):
    response = client.get(reverse("accounts:signup_thanks"))
    assert "Check your inbox" in response.content.decode()


def test_the_script_gets_the_form_fragment_back(client, outlook, signup_data):
    response = client.post(SIGNUP_URL, signup_data, **FETCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your inbox" in html
    assert "<html" not in html
    assert Signup.objects.count() == 1


def test_errors_are_inline_and_the_input_is_kept(client, outlook, signup_data):
    signup_data.update(email="not-an-email", consent="")
    response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-email"' in html
    assert 'aria-invalid="true"' in html
    assert "Enter a valid email address." in html
    assert "Please agree so that we may send you the report." in html
    assert "Review pull requests" in html
    assert f'<option value="{outlook.profession.slug}" selected>' in html
    assert Signup.objects.count() == 0
    assert mail.outbox == []


def test_errors_come_back_in_place_for_the_script(client, outlook, signup_data):
    signup_data["email"] = ""
    response = client.post(SIGNUP_URL, signup_data, **FETCH)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tasks", "x" * 1001, "at most 1000 characters"),
        ("email", "a" * 250 + "@example.com", "at most 254 characters"),
        ("profession", "no-such-profession", "Select a valid choice"),
        ("issue", "abc", "issue is not recognised"),
        ("issue", "99999999999999999999999", "issue is not recognised"),
        ("seniority", "emperor", "Select a valid choice"),
        ("email", "a\x00b@example.com", "Enter a valid email address."),
    ],
)
def test_over_long_or_malformed_input_is_a_400_with_a_message(
    client, signup_data, field, value, message
):
    signup_data[field] = value
    response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Signup.objects.count() == 0


def test_an_unpublished_issue_is_not_accepted(client, signup_data, outlook):
    outlook.issue.status = "draft"
    outlook.issue.save()
    assert client.post(SIGNUP_URL, signup_data).status_code == 400


def test_the_same_email_and_profession_twice_is_one_signup_and_the_same_answer(
    client, signup_data, after_commit
):
    with after_commit():
        first = client.post(SIGNUP_URL, signup_data)
    signup_data["email"] = "  READER@example.COM "
    with after_commit():
        second = client.post(SIGNUP_URL, signup_data)
    assert Signup.objects.count() == 1
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    # A repeat within minutes sends no second email, so the form cannot flood an inbox.
    assert len(mail.outbox) == 1


def test_the_same_email_for_another_profession_is_another_signup(client, signup_data):
    client.post(SIGNUP_URL, signup_data)
    other = OutlookFactory(profession__name="Nurse", profession__slug="nurse").profession
    client.post(SIGNUP_URL, {**signup_data, "profession": other.slug})
    assert Signup.objects.count() == 2


def test_a_filled_honeypot_is_answered_like_a_person_but_stores_nothing(client, signup_data):
    signup_data["website"] = "https://spam.example"
    response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_thanks")
    assert Signup.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_SEC_FETCH_SITE": "cross-site"}, id="another site"),
        pytest.param({"HTTP_SEC_FETCH_SITE": "same-site"}, id="a sibling subdomain"),
        pytest.param({"HTTP_ORIGIN": "https://attacker.example"}, id="older browser, other site"),
        pytest.param({"HTTP_ORIGIN": "null"}, id="sandboxed page"),
    ],
)
def test_a_form_another_site_sends_is_refused_and_stores_nothing(outlook, signup_data, headers):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(SIGNUP_URL, signup_data, **headers)
    assert response.status_code == 403
    assert "sent from another site" in response.content.decode()
    assert Signup.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_SEC_FETCH_SITE": "same-origin"}, id="our own page"),
        pytest.param({"HTTP_ORIGIN": "http://testserver"}, id="older browser, our page"),
        pytest.param({}, id="not a browser"),
    ],
)
def test_the_form_from_our_own_pages_needs_no_token(outlook, signup_data, headers):
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(outlook.get_absolute_url())
    assert not page.cookies
    response = strict.post(SIGNUP_URL, signup_data, **headers)
    assert response.status_code == 302
    assert Signup.objects.count() == 1


def test_the_client_address_is_stored_only_as_a_keyed_hash(client, signup_data, settings):
    client.post(SIGNUP_URL, signup_data, REMOTE_ADDR="203.0.113.7")
    signup = Signup.objects.get()
    assert "203.0.113.7" not in signup.ip_hash
    assert signup.ip_hash == hash_address("203.0.113.7")
    settings.SIGNUP_IP_HASH_KEY = "another key"
    assert signup.ip_hash != hash_address("203.0.113.7")


def test_the_rate_limit_per_address(client, signup_data, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = 3
    for n in range(3):
        response = client.post(SIGNUP_URL, {**signup_data, "email": f"r{n}@example.com"})
        assert response.status_code == 302
    response = client.post(SIGNUP_URL, {**signup_data, "email": "r9@example.com"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 'value="r9@example.com"' in response.content.decode()
    assert Signup.objects.count() == 3
    # Another address is not held back by this one.
    other = client.post(
        SIGNUP_URL, {**signup_data, "email": "r10@example.com"}, REMOTE_ADDR="198.51.100.1"
    )
    assert other.status_code == 302


def test_the_rate_limit_per_email(client, signup_data, settings):
    settings.SIGNUP_RATE_LIMIT_PER_EMAIL = 2
    for n in range(2):
        client.post(SIGNUP_URL, signup_data, REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = client.post(SIGNUP_URL, signup_data, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429


def test_the_rate_limit_window_ends(client, signup_data, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = 1
    settings.SIGNUP_RATE_LIMIT_WINDOW = 60
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        client.post(SIGNUP_URL, signup_data)
        assert client.post(SIGNUP_URL, signup_data).status_code == 429
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, 1, 1, tzinfo=dt.UTC), tick=False):
        assert client.post(SIGNUP_URL, signup_data).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, signup_data, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = 1
    client.post(SIGNUP_URL, signup_data, HTTP_X_FORWARDED_FOR="192.0.2.1")
    response = client.post(
        SIGNUP_URL, {**signup_data, "email": "b@example.com"}, HTTP_X_FORWARDED_FOR="192.0.2.2"
    )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, signup_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(SIGNUP_URL, signup_data, HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.44")
    assert Signup.objects.get().ip_hash == hash_address("192.0.2.44")


def test_the_signup_page_works_on_its_own(client, outlook):
    response = client.get(SIGNUP_URL, {"profession": outlook.profession.slug})
    assert response.status_code == 200
    assert f'<option value="{outlook.profession.slug}" selected>' in response.content.decode()


def test_the_privacy_page(client):
    response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Privacy notice" in html
    assert "keyed hash" in html


def test_the_signup_page_runs_a_fixed_number_of_queries(
    client, outlook, django_assert_max_num_queries
):
    # prevents N+1: the profession list is one query however many professions there are.
    with django_assert_max_num_queries(3):
        assert client.get(SIGNUP_URL).status_code == 200


def test_a_failed_confirmation_email_keeps_the_signup_and_the_next_submission_retries(
    client, signup_data, settings, after_commit
):
    # The immediate backend (no worker) cannot retry later: the next submission asks again.
    settings.EMAIL_BACKEND = "tests.accounts.test_reports.FailingBackend"
    with after_commit():
        response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert signup.confirmation_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with after_commit():
        client.post(SIGNUP_URL, signup_data)
    assert len(mail.outbox) == 1
    assert Signup.objects.count() == 1


def test_a_repeat_after_ten_minutes_sends_the_confirmation_again(client, signup_data, after_commit):
    start = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False), after_commit():
        client.post(SIGNUP_URL, signup_data)
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False), after_commit():
        client.post(SIGNUP_URL, signup_data)
    assert len(mail.outbox) == 1
    with time_machine.travel(start + dt.timedelta(minutes=11), tick=False), after_commit():
        client.post(SIGNUP_URL, signup_data)
    assert len(mail.outbox) == 2


def test_a_confirmed_address_gets_no_more_confirmations(client, signup_data, after_commit):
    with after_commit():
        client.post(SIGNUP_URL, signup_data)
    Signup.objects.update(confirmed_at=dt.datetime(2026, 4, 20, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2026, 5, 1, tzinfo=dt.UTC)), after_commit():
        response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_on_its_own_page_the_form_has_the_page_heading(client, outlook):
    assert b'<h1 id="signup-title"' in client.get(SIGNUP_URL).content
    assert b'<h2 id="signup-title"' in client.get(outlook.get_absolute_url()).content


@pytest.mark.parametrize("data", [None, {"profession": "c"}, {"profession": "unknown"}])
def test_the_long_profession_select_renders_as_djangos_own(data):
    """LongSelect only renders faster: same tags, attributes, escaping and selection."""
    from django import forms

    from accounts.forms import LongSelect

    choices = [("", "Choose"), ("a&b", "A & <b>"), ("c", "C")]

    class Plain(forms.Form):
        profession = forms.ChoiceField(choices=choices)

    class Long(forms.Form):
        profession = forms.ChoiceField(choices=choices, widget=LongSelect)

    def html(form_class):
        return str(form_class(data, initial={"profession": "a&b"})["profession"]).replace(
            "\n\n", "\n"
        )

    assert html(Long) == html(Plain)
    assert "A &amp; &lt;b&gt;" in html(Long)


def test_an_in_place_submission_for_an_unknown_profession_is_a_400(client, signup_data):
    response = client.post(
        SIGNUP_URL, signup_data | {"profession": "no-such-job"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 400
    assert "We could not find this profession." in response.content.decode()
    assert not Signup.objects.exists()
