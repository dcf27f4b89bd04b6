"""Two of the benchmark's measurements, each a comparison made within one run.

A miss: a crawler reads each outlook of the newest issue once (so every page is a page-cache
miss while the parts pages share are warm), against the code of an older commit served by the
same gunicorn configuration on the same dataset.

Through Django alone: the cached outlook page against a Django view that passes no middleware,
next to Django's own cache middleware serving the same page.
"""

import http.client
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# The code this session started from, for the miss benchmark's "before".
MISS_BASELINE_COMMIT = "3bec85c"
# Pages read before timing each crawl: they load templates and warm what pages share.
WARM_PAGES = 24
BARE_PATH = "/bench/bare"
PYTHON = sys.executable


@dataclass
class Crawl:
    pages: int
    seconds: float
    errors: int

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def crawl(port: int, paths: list[str], *, connections: int) -> Crawl:
    """GET every path once over `connections` kept-alive connections; count non-200s."""
    pending = iter(paths)
    lock = threading.Lock()
    errors = [0]

    def reader():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                path = next(pending, None)
            if path is None:
                break
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                with lock:
                    errors[0] += 1
        connection.close()

    threads = [threading.Thread(target=reader) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Crawl(pages=len(paths), seconds=time.perf_counter() - started, errors=errors[0])


def baseline_checkout(root: Path, commit: str) -> Path:
    """Check `commit` out beside the repository (once) and return its folder."""
    folder = Path(f"/tmp/outlook-bench-{commit}")
    if not folder.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(folder), commit],
            cwd=root,
            check=True,
            capture_output=True,
        )
    return folder


def newest_migrations(root: Path) -> dict[str, str]:
    """Return {app: its newest migration} in the checkout at `root`."""
    return {
        folder.parent.name: max(path.stem for path in folder.glob("0*.py"))
        for folder in root.glob("*/migrations")
        if any(folder.glob("0*.py"))
    }


def baseline_database(env: dict, old_root: Path) -> str:
    """Return the URL of a copy of the benchmark database at the baseline's schema.

    The baseline's code cannot read tables that later migrations renamed or changed, so it
    gets the same rows in a copy migrated back to its own newest migrations (once; drop the
    copy after regenerating the dataset).
    """
    import psycopg

    parts = urlsplit(env["DATABASE_URL"])
    name = parts.path.lstrip("/")
    copy = f"{name}_baseline"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [copy]
        ).fetchone()
        if exists:
            return urlunsplit(parts._replace(path=f"/{copy}"))
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    url = urlunsplit(parts._replace(path=f"/{copy}"))
    ours = newest_migrations(Path(__file__).resolve().parents[2])
    for app, migration in newest_migrations(old_root).items():
        if ours.get(app) != migration:
            subprocess.run(
                [PYTHON, "manage.py", "migrate", app, migration, "--noinput", "-v0"],
                cwd=Path(__file__).resolve().parents[2],
                env=env | {"DATABASE_URL": url},
                check=True,
            )
    return url


def issue_outlook_paths(issue) -> list[str]:
    from outlook.models import Outlook

    return [
        outlook.get_absolute_url()
        for outlook in Outlook.objects.published()
        .filter(issue=issue)
        .select_related("profession")
        .order_by("pk")
    ]


def measure_misses(serve, paths: list[str], *, rounds: int, connections: int, clear_cache):
    """Crawl `paths` with the baseline and the current code in turns; return (before, after)
    per round.

    `serve(code)` starts gunicorn for "before" or "after" as a context manager. Each crawl
    starts from an empty cache and fresh processes, so every page is read cold.
    """
    warm, measured = paths[:WARM_PAGES], paths[WARM_PAGES:]

    def one(code):
        clear_cache()
        with serve(code) as server:
            crawl(server.port, warm, connections=connections)
            return crawl(server.port, measured, connections=connections)

    return [(one("before"), one("after")) for _ in range(rounds)]


def median_pair(pairs: list[tuple[Crawl, Crawl]]) -> tuple[Crawl, Crawl]:
    """The round whose speed-up is the median: a round's two crawls share the machine's mood."""
    return sorted(pairs, key=lambda pair: pair[1].rate / pair[0].rate)[len(pairs) // 2]


def run_comparisons(env: dict, *, port: int, wrk: str, wrk_options: dict, rounds: int):
    """Run both comparisons against the newest issue; return their tables' rows and verdicts.

    Needs Django set up with `env` (the bench's production settings on the benchmark database).
    """
    from django.core.cache import cache
    from django.db import connections

    from outlook.models import Issue
    from tests.benchmarks.bench import Gunicorn, median_round, run_wrk

    issue = Issue.objects.published().order_by("-publication_date", "-pk").first()
    paths = issue_outlook_paths(issue)
    connections.close_all()
    old_root = baseline_checkout(Path(__file__).resolve().parents[2], MISS_BASELINE_COMMIT)
    old_static = Path(env["DJANGO_STATIC_ROOT"]).with_name(
        Path(env["DJANGO_STATIC_ROOT"]).name + "-baseline"
    )
    old_env = env | {
        "DJANGO_STATIC_ROOT": str(old_static),
        "DATABASE_URL": baseline_database(env, old_root),
    }
    # The baseline's templates name its own static files.
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=old_root,
        env=old_env,
        check=True,
    )

    def serve(code):
        if code == "before":
            return Gunicorn(old_env, port, root=old_root)
        return Gunicorn(env, port)

    print(f"A miss: {len(paths):,} outlooks of {issue}, before and after…", flush=True)
    crawls = measure_misses(serve, paths, rounds=rounds, connections=8, clear_cache=cache.clear)
    before, after = median_pair(crawls)

    print("Through Django alone: our page cache, then Django's cache middleware…", flush=True)
    outlook_path = paths[WARM_PAGES // 2]
    app = "tests.benchmarks.bench_wsgi:application"
    django_cache = {
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.django_cache_settings",
        "PAGE_CACHE_SECONDS": "0",
    }
    alone = {}
    for name, extra in (("ours", {}), ("Django's cache middleware", django_cache)):
        cache.clear()
        with Gunicorn(env | extra, port, app=app):
            base = f"http://127.0.0.1:{port}"
            alone[name] = median_round(
                [
                    (
                        run_wrk(wrk, f"{base}{BARE_PATH}", **wrk_options),
                        run_wrk(wrk, f"{base}{outlook_path}", **wrk_options),
                    )
                    for _ in range(rounds)
                ]
            )
    return {
        "before": before,
        "after": after,
        "speedups": [new.rate / old.rate for old, new in crawls],
        "alone": alone,
        "issue": str(issue),
    }


def report(results: dict) -> list[tuple[str, bool, str]]:
    """Print both comparisons' tables; return (target, passed, measured) per target."""
    before, after, alone = results["before"], results["after"], results["alone"]
    speedups = ", ".join(f"{speedup:.2f}×" for speedup in results["speedups"])
    print(f"A miss: each outlook of {results['issue']} read once, 8 connections")
    print(f"(the round with the median speed-up; every round's: {speedups})")
    print()
    print("| code | pages | seconds | pages/s | errors |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, run in ((f"before ({MISS_BASELINE_COMMIT})", before), ("now", after)):
        print(f"| {name} | {run.pages:,} | {run.seconds:.1f} | {run.rate:.0f} | {run.errors} |")
    print()
    print("Through Django alone: the cached outlook page against a view with no middleware")
    print()
    print("| page cache | outlook requests/s | p99 ms | bare view requests/s | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ratios = {}
    for name, (bare, page) in alone.items():
        ratios[name] = page.rps / bare.rps
        print(
            f"| {name} | {page.rps:,.0f} | {page.p99_ms:.1f} | {bare.rps:,.0f} "
            f"| {ratios[name]:.2f}× |"
        )
    print()
    speedup = after.rate / before.rate
    ours, django = ratios["ours"], ratios["Django's cache middleware"]
    errors = before.errors + after.errors + sum(b.errors + p.errors for b, p in alone.values())
    return [
        ("a miss ≥ 2× the baseline's pages/s", speedup >= 2 and not errors, f"{speedup:.2f}×"),
        (
            "cached outlook page through Django alone ≥ Django's cache middleware",
            ours >= django,
            f"{ours:.2f}× against {django:.2f}×",
        ),
    ]
