"""The confirmation email leaves the request: a task sends it, and retries while SMTP is away."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.models import Signup
from accounts.services import CONFIRMATION_ATTEMPTS, CONFIRMATION_BACKOFF
from tests.task_helpers import run_ready_tasks

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
START = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)


def test_the_answer_does_not_wait_for_the_email(client, signup_data, database_queue, after_commit):
    with after_commit():
        response = client.post(SIGNUP_URL, signup_data)
    assert response.status_code == 302
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "accounts.services.send_confirmation"
    run_ready_tasks()
    assert [message.to for message in mail.outbox] == [["reader@example.com"]]


def test_a_known_address_gets_the_same_answer_and_no_second_task(
    client, signup_data, database_queue, after_commit
):
    with after_commit():
        first = client.post(SIGNUP_URL, signup_data)
        second = client.post(SIGNUP_URL, signup_data)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert DBTaskResult.objects.count() == 1


def test_a_failed_smtp_server_delays_the_confirmation_but_loses_nothing(
    client, signup_data, settings, database_queue, after_commit
):
    settings.EMAIL_BACKEND = "tests.accounts.test_reports.FailingBackend"
    with time_machine.travel(START, tick=False):
        with after_commit():
            client.post(SIGNUP_URL, signup_data)
        run_ready_tasks()
    with time_machine.travel(START + CONFIRMATION_BACKOFF.delay(1), tick=False):
        run_ready_tasks()
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    back = START + CONFIRMATION_BACKOFF.delay(1) + CONFIRMATION_BACKOFF.delay(2)
    with time_machine.travel(back, tick=False):
        assert run_ready_tasks() == 1
    assert len(mail.outbox) == 1
    assert Signup.objects.get().confirmation_sent_at is not None


def test_after_the_last_attempt_the_next_submission_asks_again(
    client, signup_data, settings, database_queue, after_commit
):
    settings.EMAIL_BACKEND = "tests.accounts.test_reports.FailingBackend"
    with after_commit():
        client.post(SIGNUP_URL, signup_data)
    for _attempt in range(CONFIRMATION_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=START)
        assert run_ready_tasks() == 1
    assert DBTaskResult.objects.filter(status="FAILED").count() == CONFIRMATION_ATTEMPTS
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert Signup.objects.get().confirmation_sent_at is None
