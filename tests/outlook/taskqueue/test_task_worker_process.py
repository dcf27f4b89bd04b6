"""A real worker process: it beats, runs what the site enqueued, and leaves when told to."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.models import Signup
from accounts.services import send_confirmation
from outlook.taskqueue.models import WorkerHeartbeat
from tests.factories import SignupFactory
from tests.outlook.web.test_page_cache_processes import ROOT, database_url

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

# Polling for another process, not a speed target: the worker normally answers within a second.
PATIENCE_SECONDS = 60


def wait_for(condition, what: str):
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the worker never {what}")
        time.sleep(0.1)


@pytest.fixture
def worker(database_queue):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "TASK_WORKER_HEARTBEAT_SECONDS": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DJANGO_LOG_FORMAT": "plain",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_task_worker", "--interval=0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_a_worker_process_runs_an_enqueued_task_and_reports_its_heartbeat(client, worker):
    signup = SignupFactory(email="reader@example.com", confirmed_at=None)
    wait_for(WorkerHeartbeat.objects.exists, "wrote a heartbeat")
    assert client.get(reverse("readyz"), {"require": "worker"}).status_code == 200

    result = send_confirmation.enqueue(signup.pk)
    wait_for(lambda: DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL", "ran it")
    assert DBTaskResult.objects.get(id=result.id).return_value == "sent"
    assert Signup.objects.filter(pk=signup.pk).exists()

    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0
    assert "To: reader@example.com" in output, "the console backend printed the email"
    assert not WorkerHeartbeat.objects.exists(), "a worker that stops says so"
