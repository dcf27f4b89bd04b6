"""Concurrent identical submissions create exactly one signup (PostgreSQL only)."""

import threading

import pytest
from django.core import mail
from django.db import connections
from django.test import Client
from django.urls import reverse

from accounts.models import Signup

SUBMISSIONS = 20


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_identical_submissions_make_one_signup(signup_data, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = settings.SIGNUP_RATE_LIMIT_PER_EMAIL = 1000
    start = threading.Barrier(SUBMISSIONS)
    statuses, errors = [], []

    def submit():
        try:
            client = Client(raise_request_exception=True)
            start.wait()
            statuses.append(client.post(reverse("accounts:signup"), signup_data).status_code)
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [302] * SUBMISSIONS
    assert Signup.objects.count() == 1
    assert len(mail.outbox) == 1, "one confirmation email, not twenty"
