"""Load test: many readers signing up and reading pages at once, on the loopback, for a minute.

    .venv/bin/python -m tests.benchmarks.load                      # SQLite (a fresh file)
    .venv/bin/python -m tests.benchmarks.load --database-url postgres://postgres@127.0.0.1/outlook_load

Starts gunicorn (outlook/gunicorn.conf.py, production settings over plain HTTP) on a small
catalogue, then runs --concurrency clients for --seconds: each loads a page, fetches the signup
form and submits it with a fresh address (and now and then an address already sent, from
another client at the same time). The signup rate limit is raised for the run through
SIGNUP_RATE_LIMIT_* (every client is 127.0.0.1; no header is trusted). A task worker
(`manage.py run_task_worker`) runs beside gunicorn and sends the confirmation emails (to
Django's dummy backend). Afterwards it compares the addresses the site accepted with the rows
in the database and reports 5xx responses, lost signups, duplicates, confirmations the worker
had not sent once the queue drained, and "database is locked" errors in the server's log.
Stops by itself; exit status 0 when all of them are zero. Not collected by pytest (no test_
prefix).
"""

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.benchmarks.bench import PYTHON, ROOT, Gunicorn, ensure_database, manage

SIGNUP_FORM = re.compile(r"<form [^>]*data-signup-form")
PROFESSION_OPTION = re.compile(r'<option value="([a-z0-9-]+)"')
LOCKED = "database is locked"


@dataclass
class Tally:
    """What the clients saw; shared by all threads under one lock."""

    statuses: Counter = field(default_factory=Counter)
    accepted: set = field(default_factory=set)  # (email, profession slug) answered "thanks"
    failures: Counter = field(default_factory=Counter)  # exceptions by type
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, accepted: tuple[str, str] | None = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if accepted:
                self.accepted.add(accepted)

    def fail(self, error: Exception) -> None:
        with self.lock:
            self.failures[type(error).__name__] += 1


@dataclass(frozen=True)
class Report:
    requests: int
    server_errors: int
    client_failures: int
    accepted: int
    rows: int
    lost: int
    duplicates: int
    unexpected: int
    locked: int
    unsent_confirmations: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.server_errors
            or self.client_failures
            or self.lost
            or self.duplicates
            or self.unexpected
            or self.locked
            or self.unsent_confirmations
        )


def check(
    tally: Tally, rows: list[tuple[str, str]], server_log: str, unsent_confirmations: int = 0
) -> Report:
    """Compare what the site accepted with the rows it stored.

    `rows` are (email, profession slug) of the run's signups in the database. Lost: accepted
    but not stored. Duplicate: stored more than once. Unexpected: stored but never accepted.
    `unsent_confirmations`: the run's signups the worker sent no confirmation for.
    """
    stored = Counter(rows)
    return Report(
        requests=sum(tally.statuses.values()),
        server_errors=sum(n for status, n in tally.statuses.items() if status >= 500),
        client_failures=sum(tally.failures.values()),
        accepted=len(tally.accepted),
        rows=len(rows),
        lost=len(tally.accepted - set(stored)),
        duplicates=sum(n - 1 for n in stored.values() if n > 1),
        unexpected=len(set(stored) - tally.accepted),
        locked=server_log.count(LOCKED),
        unsent_confirmations=unsent_confirmations,
    )


class Client:
    """One reader: a keep-alive connection, sending what a browser sends about its requests."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None):
        # The signup form is refused from other sites by this header (accounts/cross_origin.py).
        headers = {"Host": "127.0.0.1", "Sec-Fetch-Site": "same-origin"}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (http.client.HTTPException, OSError):
            self.connection.close()  # reconnect on the next request
            raise
        return response.status, text


def reader(port, pages, professions, run_id, deadline, tally, shared_emails, number):
    client = Client(port)
    rng = random.Random(number)
    sent = 0
    while time.monotonic() < deadline:
        try:
            status, _ = client.request("GET", rng.choice(pages))
            tally.record(status)
            status, form = client.request("GET", "/signup/")
            tally.record(status)
            if status != 200 or not SIGNUP_FORM.search(form):
                continue
            # One submission in ten repeats an address another client may be sending right now.
            if shared_emails and rng.random() < 0.1:
                email, profession = rng.choice(shared_emails)
            else:
                email = f"load-{run_id}-{number}-{sent}@example.com"
                profession = rng.choice(professions)
                sent += 1
                shared_emails.append((email, profession))
            status, _ = client.request(
                "POST",
                "/signup/",
                {
                    "email": email,
                    "profession": profession,
                    "consent": "on",
                    "website": "",
                },
            )
            tally.record(status, (email, profession) if status == 302 else None)
        except (http.client.HTTPException, OSError) as error:
            tally.fail(error)


def stored_rows(run_id: str) -> list[tuple[str, str]]:
    from accounts.models import Signup

    return list(
        Signup.objects.filter(email__startswith=f"load-{run_id}-").values_list(
            "email", "profession__slug"
        )
    )


def unsent_confirmations(run_id: str, *, wait_seconds: float) -> int:
    """Wait for the worker to drain the run's confirmations; return the signups left unsent."""
    from django_tasks_db.models import DBTaskResult

    from accounts.models import Signup

    signup_ids = set(
        Signup.objects.filter(email__startswith=f"load-{run_id}-").values_list("pk", flat=True)
    )
    confirmations = DBTaskResult.objects.filter(task_path="accounts.services.send_confirmation")
    deadline = time.monotonic() + wait_seconds
    while confirmations.filter(status__in=["READY", "RUNNING"]).exists():
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    sent = {
        args_kwargs["args"][0]
        for args_kwargs in confirmations.filter(status="SUCCESSFUL").values_list(
            "args_kwargs", flat=True
        )
    }
    return len(signup_ids - sent)


class TaskWorker:
    """`manage.py run_task_worker` beside the site, stopped (gracefully) on exit."""

    def __init__(self, env: dict):
        self.env = env

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "run_task_worker", "--interval=0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.seek(0)
        self.output = self.log.read().decode("utf-8", "replace")
        self.log.close()


def worker_is_alive(port: int) -> bool:
    """Ask the site's own probe whether a task worker beats."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/readyz?require=worker", headers={"Host": "127.0.0.1"}
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=5):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL database to use (created if missing); default: a new SQLite file.",
    )
    parser.add_argument("--redis-url", default="", help="Default: local-memory cache.")
    parser.add_argument("--port", type=int, default=8008)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=200)
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 600 or not 1 <= args.concurrency <= 1000:
        parser.error("--seconds must be 1–600 and --concurrency 1–1000.")

    workdir = Path(tempfile.mkdtemp(prefix="outlook-load-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'load.sqlite3'}"
    if database_url.startswith("postgres"):
        ensure_database(database_url)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SIGNUP_IP_HASH_KEY": secrets.token_urlsafe(32),
        "DATA_CONTROLLER": "Outlook benchmark",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis_url,
        # This Redis has no memory cap, so nothing is evicted: counters may share it here.
        "RATELIMIT_REDIS_URL": args.redis_url,
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Every client comes from 127.0.0.1: raise the limits for this run only.
        "SIGNUP_RATE_LIMIT_PER_IP": "100000000",
        "SIGNUP_RATE_LIMIT_PER_EMAIL": "100000000",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from outlook.models import Outlook
    from professions.models import Profession

    if not Profession.objects.exists():
        manage(
            env,
            "generate_scale_data",
            "--professions=100",
            "--issues=2",
            "--outlooks=150",
            "--skills=40",
            "--signups=0",
        )
    professions = list(Profession.objects.values_list("slug", flat=True))
    outlooks = list(Outlook.objects.published().select_related("profession")[:20])
    pages = ["/", "/issues/", "/professions/", *(o.get_absolute_url() for o in outlooks)]
    run_id = secrets.token_hex(4)
    tally, shared = Tally(), []

    print(f"{args.concurrency} clients for {args.seconds} s on {database_url}…", flush=True)
    server = Gunicorn(env, args.port)
    with TaskWorker(env) as worker, server:
        if not worker_is_alive(args.port):
            sys.exit("the task worker never reported a heartbeat to /readyz")
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=reader,
                args=(args.port, pages, professions, run_id, deadline, tally, shared, number),
                daemon=True,
            )
            for number in range(args.concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        unsent = unsent_confirmations(run_id, wait_seconds=300)
    report = check(
        tally, stored_rows(run_id), server_log=server.output, unsent_confirmations=unsent
    )
    print(
        f"{report.requests:,} requests ({dict(sorted(tally.statuses.items()))}), "
        f"{report.accepted:,} signups accepted, {report.rows:,} rows stored."
    )
    print(f"5xx responses: {report.server_errors}")
    print(f"client errors (timeouts, resets): {report.client_failures} {dict(tally.failures)}")
    print(f"lost signups: {report.lost}")
    print(f"duplicate rows: {report.duplicates}")
    print(f"rows nobody was told about: {report.unexpected}")
    print(f"confirmations the worker had not sent once its queue drained: {unsent}")
    print(f'"{LOCKED}" in the server log: {report.locked}')
    print(f'"{LOCKED}" in the worker log: {worker.output.count(LOCKED)}')
    print("PASS" if report.ok else "FAIL")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
