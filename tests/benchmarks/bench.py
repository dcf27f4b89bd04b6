"""Benchmark the site as it runs in production: gunicorn, PostgreSQL, Redis, loaded with wrk.

    .venv/bin/python -m tests.benchmarks.bench [--database-url …] [--redis-url …]

Prints requests per second and p50/p99 latency for the public pages with the page cache on and
off, each next to /healthz (a Django view that does no I/O, through the same middleware and
gunicorn settings) as the ceiling; then the signup changelist's time at 100 and 100 000 signups
and the CSV export's peak memory at 1 000 and 100 000 rows; then PASS/FAIL per target.
It fills the database with generate_scale_data the first time (a few minutes) and reuses it
afterwards, but always rebuilds the signups. Not collected by pytest (no test_ prefix).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.benchmarks import page_rates

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
TARGETS = {
    "cached outlook page": 0.70,
    "uncached outlook page": 0.25,
    "signup changelist, 100 000 vs 100 rows": 1.5,
    "CSV export memory, 100 000 vs 1 000 rows": 1.2,
}


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def parse_wrk(output: str) -> WrkResult:
    """Read requests/s, p50, p99 and non-2xx/socket errors from `wrk --latency` output."""

    def milliseconds(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return WrkResult(rps=rps, p50_ms=p50, p99_ms=p99, errors=errors)


def verdict(name: str, value: float) -> bool:
    """Ratios of requests per second must reach the target; cost ratios must stay under it."""
    target = TARGETS[name]
    return value >= target if name.endswith("page") else value <= target


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (Debian package)…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return shutil.which("wrk")
    sys.exit("wrk is missing: sudo apt-get install wrk")


def ensure_database(url: str) -> None:
    """Create the benchmark's database if it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Gunicorn:
    """The site under gunicorn with outlook/gunicorn.conf.py, stopped on exit."""

    def __init__(self, env: dict, port: int, *, root: Path = ROOT, app: str | None = None):
        self.env, self.port = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}, port
        # Another checkout (the miss benchmark's baseline) or another WSGI application.
        self.root, self.app = root, app

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "outlook/gunicorn.conf.py", *filter(None, [self.app])],
            cwd=self.root,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.log.seek(0)
        self.stop()
        sys.exit(f"gunicorn did not become ready:\n{self.log.read().decode()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __exit__(self, *exc):
        self.stop()
        self.log.seek(0)
        # What the server logged, for a caller that looks for errors in it.
        self.output = self.log.read().decode("utf-8", "replace")
        self.log.close()


def run_wrk(wrk: str, url: str, *, seconds: int, connections: int) -> WrkResult:
    # Fill the page cache (or warm the workers) before measuring.
    for _ in range(3):
        urllib.request.urlopen(url, timeout=30).read()
    output = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def median_milliseconds(call, repeat: int) -> float:
    for _ in range(10):
        call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def outlook_page_costs(path: str, repeat: int = 200) -> dict[str, float]:
    """Time, in this process, the minimal view, the outlook page's data alone, and the page.

    The data alone is the view's queries with nothing rendered: what no template work can
    remove, to set the uncached page's ratio against.
    """
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.db.models import QuerySet
    from django.test import Client, RequestFactory, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import resolve

    client = Client(HTTP_HOST="127.0.0.1")
    match = resolve(path)

    def page_data():
        request = RequestFactory(HTTP_HOST="127.0.0.1").get(path)
        request.user = AnonymousUser()
        view = match.func.view_class()
        view.setup(request, **match.kwargs)
        view.object = view.get_object()
        for value in view.get_context_data(object=view.object).values():
            if isinstance(value, QuerySet):
                list(value)

    with override_settings(PAGE_CACHE_SECONDS=0):
        with CaptureQueriesContext(connection) as queries:
            page_data()
        # Counted now: every request through the client empties the connection's query log.
        query_count = len(queries)
        return {
            "minimal view": median_milliseconds(lambda: client.get("/healthz"), repeat),
            f"outlook page data alone ({query_count} queries)": median_milliseconds(
                page_data, repeat
            ),
            "outlook page": median_milliseconds(lambda: client.get(path), repeat),
        }


def markdown_timings(repeat: int = 3) -> None:
    """Print how long the worst Markdown takes at half the length limit and at the limit.

    The limit is set so the slowest row takes about a second at the limit on this machine;
    tests/outlook/media/test_markdown.py checks the same inputs double the work, not the time.
    """
    from outlook.media.markdown import MARKDOWN_MAX_CHARS, render_markdown
    from tests.benchmarks.markdown_inputs import PATHOLOGICAL_MARKDOWN

    half = MARKDOWN_MAX_CHARS // 2
    print(f"| Markdown input | ms at {half:,} characters | ms at {MARKDOWN_MAX_CHARS:,} | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name, make in PATHOLOGICAL_MARKDOWN.items():
        small, large = make(half), make(MARKDOWN_MAX_CHARS)
        # The renderer itself, past its cache of recent results; the median of a few runs.
        small_ms = statistics.median(
            timed(render_markdown.__wrapped__, small) for _ in range(repeat)
        )
        large_ms = statistics.median(
            timed(render_markdown.__wrapped__, large) for _ in range(repeat)
        )
        print(
            f"| {name} | {small_ms:.0f} | {large_ms:.0f} | {large_ms / max(small_ms, 0.01):.2f}× |"
        )
    print(flush=True)


def timed(call, *args) -> float:
    started = time.perf_counter()
    call(*args)
    return (time.perf_counter() - started) * 1000


def median_round(rounds: list[tuple[WrkResult, WrkResult]]) -> tuple[WrkResult, WrkResult]:
    """Return the (minimal view, page) pair whose ratio is the median of all rounds."""
    ordered = sorted(rounds, key=lambda pair: pair[1].rps / pair[0].rps)
    return ordered[len(ordered) // 2]


def django_setup(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def standalone_setup(argv, description: str) -> None:
    """Set up Django on a migrated benchmark database, for one part of the benchmark alone."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/outlook_bench"
        ),
    )
    args = parser.parse_args(argv)
    ensure_database(args.database_url)
    env = os.environ | {
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage(env, "migrate", "--noinput", "-v0")
    django_setup(env)


def reset_signups(count: int) -> None:
    from accounts.models import Signup

    Signup.objects.all().delete()
    add_signups(count)


def add_signups(count: int) -> None:
    """Add `count` signups, then vacuum the table, as autovacuum soon would.

    Left to autovacuum, the clean-up of the rows deleted and added here would run during the
    page measurements that follow and slow them at random.
    """
    from django.db import connection

    from outlook.management.demo.scale_data import add_signups as generate

    generate(count=count, seed=count)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) accounts_signup")


def changelist_seconds(repeat: int = 15) -> float:
    """Median time of the signup changelist, first page, as a superuser sees it."""
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(
        username="benchmark", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = "/admin/accounts/signup/"
    assert client.get(url).status_code == 200
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(times)


def csv_peak_bytes(rows: int) -> tuple[int, int]:
    """Peak memory (tracemalloc) while streaming the CSV of the first `rows` signups."""
    from accounts.exports import signup_csv_lines
    from accounts.models import Signup

    last = Signup.objects.order_by("pk").values_list("pk", flat=True)[rows - 1]
    queryset = Signup.objects.filter(pk__lte=last)
    tracemalloc.start()
    lines = sum(1 for _line in signup_csv_lines(queryset))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, lines - 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/outlook_bench"
        ),
        help="A PostgreSQL database for the benchmark alone (created if missing).",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--port", type=int, default=8008)
    parser.add_argument("--seconds", type=int, default=4, help="Length of each wrk run.")
    parser.add_argument(
        "--rounds", type=int, default=3, help="Pairs of runs per page; the median counts."
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--professions", type=int, default=2000)
    parser.add_argument("--issues", type=int, default=20)
    parser.add_argument("--outlooks", type=int, default=40_000)
    parser.add_argument("--signups", type=int, default=100_000)
    parser.add_argument(
        "--markdown-only",
        action="store_true",
        help="Only time the worst Markdown inputs (seconds, no database or gunicorn).",
    )
    parser.add_argument(
        "--only-comparisons",
        action="store_true",
        help="Only the miss (against the baseline commit) and through-Django-alone runs.",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.markdown_only:
        django_setup({"DJANGO_SETTINGS_MODULE": "outlook.settings"})
        markdown_timings()
        return 0

    wrk = ensure_wrk()
    ensure_database(args.database_url)
    static_root = Path(tempfile.mkdtemp(prefix="outlook-bench-static-"))
    env = os.environ | {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SIGNUP_IP_HASH_KEY": secrets.token_urlsafe(32),
        "DATA_CONTROLLER": "Outlook benchmark",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        # This Redis has no memory cap, so nothing is evicted: counters may share it here.
        "RATELIMIT_REDIS_URL": args.redis_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("PAGE_CACHE_SECONDS", None)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    django_setup(env)

    from django.core.cache import cache
    from django.db import connections

    from outlook.models import Issue, Outlook
    from professions.models import Profession

    if not Profession.objects.exists():
        print("Generating the scale dataset (a few minutes, once)…", flush=True)
        manage(
            env,
            "generate_scale_data",
            f"--professions={args.professions}",
            f"--issues={args.issues}",
            f"--outlooks={args.outlooks}",
            "--signups=0",
        )
    wrk_options = {"seconds": args.seconds, "connections": args.connections}
    if args.only_comparisons:
        connections.close_all()
        comparisons = page_rates.run_comparisons(
            env, port=args.port, wrk=wrk, wrk_options=wrk_options, rounds=args.rounds
        )
        print()
        verdicts = page_rates.report(comparisons)
        for name, ok, measured in verdicts:
            print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}")
        shutil.rmtree(static_root, ignore_errors=True)
        return 0 if all(ok for _name, ok, _measured in verdicts) else 1
    print("Signups: 100, then", f"{args.signups:,}…", flush=True)
    reset_signups(100)
    admin_small = changelist_seconds()
    add_signups(args.signups - 100)
    admin_large = changelist_seconds()
    csv_small, small_rows = csv_peak_bytes(1000)
    csv_large, large_rows = csv_peak_bytes(min(args.signups, 100_000))

    issue = Issue.objects.published().first()
    outlook = Outlook.objects.published().filter(issue=issue).select_related("profession").first()
    pages = {
        "home": "/",
        "issue": issue.get_absolute_url(),
        "outlook": outlook.get_absolute_url(),
        "profession": outlook.profession.get_absolute_url(),
        "search": "/search/?q=reports",
    }
    costs = outlook_page_costs(pages["outlook"])
    # Let gunicorn's workers have the database, and start from an empty page cache.
    connections.close_all()
    cache.clear()
    errors = {}

    # Each page is measured right after the minimal view and compared with that run, over
    # several rounds: on a machine that is busy with something else now and then, a pair
    # drifts together, and the median round ignores one disturbed pair.
    results, ceilings, ratios = {}, {}, {}
    for mode, extra in (("cached", {}), ("uncached", {"PAGE_CACHE_SECONDS": "0"})):
        print(f"gunicorn, page cache {'on' if not extra else 'off'}…", flush=True)
        with Gunicorn(env | extra, args.port):
            for name, path in pages.items():
                base = f"http://127.0.0.1:{args.port}"
                rounds = [
                    (
                        run_wrk(wrk, f"{base}/healthz", **wrk_options),
                        run_wrk(wrk, f"{base}{path}", **wrk_options),
                    )
                    for _ in range(args.rounds)
                ]
                ceiling, result = median_round(rounds)
                ceilings[mode, name], results[mode, name] = ceiling, result
                ratios[mode, name] = result.rps / ceiling.rps
                errors[mode, name] = sum(c.errors + r.errors for c, r in rounds)
    comparisons = page_rates.run_comparisons(
        env, port=args.port, wrk=wrk, wrk_options=wrk_options, rounds=args.rounds
    )
    print()
    print(
        f"{os.cpu_count()} cores, wrk -t2 -c{args.connections} -d{args.seconds}s, median of "
        f"{args.rounds} rounds, gunicorn with outlook/gunicorn.conf.py, PostgreSQL and Redis "
        "on 127.0.0.1"
    )
    print()
    print(
        "| page | page cache | requests/s | p50 ms | p99 ms | errors "
        "| minimal view requests/s (just before) | ratio |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (mode, name), result in results.items():
        ceiling = ceilings[mode, name]
        print(
            f"| {name} | {'on' if mode == 'cached' else 'off'} | {result.rps:,.0f} "
            f"| {result.p50_ms:.1f} | {result.p99_ms:.1f} | {errors[mode, name]} "
            f"| {ceiling.rps:,.0f} | {ratios[mode, name]:.0%} |"
        )
    print()
    print("| measure | at small size | at large size | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| signup changelist (100 / {args.signups:,} signups) | {admin_small * 1000:.0f} ms "
        f"| {admin_large * 1000:.0f} ms | {admin_large / admin_small:.2f}× |"
    )
    print(
        f"| CSV export peak memory ({small_rows:,} / {large_rows:,} rows) "
        f"| {csv_small / 1024:.0f} KiB | {csv_large / 1024:.0f} KiB "
        f"| {csv_large / csv_small:.2f}× |"
    )
    print()
    print("| in one process, page cache off | median ms per request |")
    print("| --- | ---: |")
    for name, milliseconds in costs.items():
        print(f"| {name} | {milliseconds:.2f} |")
    print()
    markdown_timings()
    comparison_verdicts = page_rates.report(comparisons)
    print()
    print()
    from tests.benchmarks.admin_scale import print_admin_timings
    from tests.benchmarks.issue_import import print_import_timings

    passed = print_admin_timings()  # every admin list, search and change page, ≤ 300 ms
    passed &= print_import_timings()  # 2 000 outlooks × 12 tasks, rolled back afterwards
    measured = {
        "cached outlook page": ratios["cached", "outlook"],
        "uncached outlook page": ratios["uncached", "outlook"],
        "signup changelist, 100 000 vs 100 rows": admin_large / admin_small,
        "CSV export memory, 100 000 vs 1 000 rows": csv_large / csv_small,
    }
    for name, value in measured.items():
        ok = verdict(name, value)
        passed &= ok
        sign = "≥" if name.endswith("page") else "≤"
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:.2f} (target {sign} {TARGETS[name]})")
    for name, ok, value in comparison_verdicts:
        passed &= ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    if sum(errors.values()):
        print(f"FAIL  {sum(errors.values())} error responses during the runs")
        passed = False
    print(f"\nTook {time.monotonic() - started:.0f} s.")
    shutil.rmtree(static_root, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
