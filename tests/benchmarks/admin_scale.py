"""Time every admin changelist, search and change page in-process, as a superuser.

    .venv/bin/python -m tests.benchmarks.admin_scale [--database-url …] [--only SUBSTRING …]

Meant for the scale dataset (generate_scale_data: 40 000 outlooks); bench.py calls it. Each
page is the median of a few requests after one warm-up. Target: 300 ms or less each. `--only`
times just the pages whose name ("outlook.outlook search") contains one of the substrings. Each
page's line also gives the median time spent in SQL. Not collected by pytest (no test_ prefix).
"""

import argparse
import statistics
import sys
import time

TARGET_MS = 300
SEARCH_WORD = "report"


def admin_pages() -> dict[str, str]:
    """Return {name: URL} for each registered model's changelist, search and first object."""
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    pages = {}
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda i: str(i[0])):
        info = model._meta.app_label, model._meta.model_name
        try:
            changelist = reverse("admin:{}_{}_changelist".format(*info))
        except NoReverseMatch:
            continue
        name = f"{info[0]}.{info[1]}"
        pages[f"{name} list"] = changelist
        if model_admin.search_fields:
            pages[f"{name} search"] = f"{changelist}?q={SEARCH_WORD}"
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            pages[f"{name} change"] = reverse("admin:{}_{}_change".format(*info), args=[first])
    return pages


def page_timings(repeat: int = 5, only=()) -> dict[str, tuple[float, float, int]]:
    """Return {name: (median ms, median ms in SQL, status)} for every admin page (or `only`)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    # Not setup_test_environment(): it makes every template render copy its context for
    # tests to inspect, which no server does (up to half of a form page's time). A host the
    # settings allow stands in for its "testserver".
    user, _created = get_user_model().objects.get_or_create(
        username="admin-scale-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    host = next((h for h in settings.ALLOWED_HOSTS if h != "*" and h[0] != "."), "localhost")
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    timings = {}
    for name, url in admin_pages().items():
        if only and not any(part in name for part in only):
            continue
        status = client.get(url).status_code  # warm-up
        samples, sql_samples = [], []
        for _ in range(repeat):
            sql = SqlTimer()
            with connection.execute_wrapper(sql):
                started = time.perf_counter()
                client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            sql_samples.append(sql.milliseconds)
        timings[name] = (statistics.median(samples), statistics.median(sql_samples), status)
    return timings


class SqlTimer:
    """A database execute wrapper that adds up the time spent in queries."""

    def __init__(self):
        self.milliseconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.milliseconds += (time.perf_counter() - started) * 1000


def print_admin_timings(only=()) -> bool:
    timings = page_timings(only=only)
    print("| admin page, in one process | median ms | of which SQL | status |")
    print("| --- | ---: | ---: | ---: |")
    for name, (milliseconds, sql_ms, status) in timings.items():
        print(f"| {name} | {milliseconds:.0f} | {sql_ms:.0f} | {status} |")
    slow = {name: ms for name, (ms, _sql, _status) in timings.items() if ms > TARGET_MS}
    broken = [name for name, (_ms, _sql, status) in timings.items() if status >= 400]
    for name, ms in slow.items():
        print(f"FAIL  admin {name}: {ms:.0f} ms (target ≤ {TARGET_MS} ms)")
    for name in broken:
        print(f"FAIL  admin {name}: error status")
    if not slow and not broken:
        print(f"PASS  every admin page ≤ {TARGET_MS} ms ({len(timings)} pages)")
    return not slow and not broken


def main(argv=None) -> int:
    from tests.benchmarks.bench import standalone_setup

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--only", action="append", default=[])
    args, rest = parser.parse_known_args(argv)
    standalone_setup(rest, __doc__.splitlines()[0])
    return 0 if print_admin_timings(args.only) else 1


if __name__ == "__main__":
    sys.exit(main())
