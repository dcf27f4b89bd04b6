"""Behind a reverse proxy, the login throttle and the signup limits both count real clients.

One setting, TRUSTED_PROXY_COUNT, says how many proxies append to X-Forwarded-For.
"""

import pytest
from django.urls import reverse

from tests.factories import OutlookFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
SIGNUP_URL = reverse("accounts:signup")
PASSWORD = "a-long-test-password"
PROXY = "10.0.0.5"  # every request reaches the app from the proxy


def sign_in(client, password: str, client_address: str):
    return client.post(
        LOGIN_URL,
        {"username": "sam", "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True)


def test_behind_a_proxy_an_attacker_locks_out_only_their_own_address(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", "203.0.113.66")
    assert sign_in(client, PASSWORD, "203.0.113.66").status_code == 429
    # The real owner, elsewhere, is not locked out by the attacker.
    assert sign_in(client, PASSWORD, "198.51.100.7").status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_lockout(
    client, staff, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", f"203.0.113.{n}")
    assert sign_in(client, PASSWORD, "198.51.100.7").status_code == 429


def test_only_the_address_the_trusted_proxy_saw_counts(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # What the client wrote itself (left of the proxy's entry) changes nothing.
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", f"192.0.2.{n}, 203.0.113.66")
    assert sign_in(client, PASSWORD, "203.0.113.66").status_code == 429


def signup(client, outlook, email: str, client_address: str):
    data = {"email": email, "profession": outlook.profession.slug, "consent": "on"}
    return client.post(SIGNUP_URL, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def test_behind_a_proxy_each_reader_has_their_own_signup_budget(client, settings):
    outlook = OutlookFactory()
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SIGNUP_RATE_LIMIT_PER_IP = 2
    assert signup(client, outlook, "a@example.com", "203.0.113.66").status_code == 302
    assert signup(client, outlook, "b@example.com", "203.0.113.66").status_code == 302
    assert signup(client, outlook, "c@example.com", "203.0.113.66").status_code == 429
    # Another reader behind the same proxy is not held back by the first.
    assert signup(client, outlook, "d@example.com", "198.51.100.7").status_code == 302
