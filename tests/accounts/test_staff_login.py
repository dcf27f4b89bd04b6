"""Staff sign-in: failed attempts are throttled, and weak passwords are refused."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True)


def sign_in(client, password: str):
    return client.post(LOGIN_URL, {"username": "sam", "password": password, "next": "/admin/"})


def test_the_right_password_signs_in(client, staff):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    client, staff, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_success_clears_earlier_failures(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_one_locked_username_does_not_lock_another(client, staff, settings):
    UserFactory(username="robin", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    response = client.post(LOGIN_URL, {"username": "robin", "password": PASSWORD})
    assert response.status_code == 302


def test_the_admin_refuses_a_common_password_for_new_staff(admin_client, django_user_model):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "password",
            "password2": "password",
        },
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not django_user_model.objects.filter(username="newcomer").exists()
