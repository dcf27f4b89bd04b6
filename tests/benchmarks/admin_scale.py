"""Time every admin changelist, search and change page in-process, as a superuser.

    .venv/bin/python -m tests.benchmarks.admin_scale [--database-url …]

Meant for the scale dataset (generate_scale_data: 40 000 outlooks); bench.py calls it. Each
page is the median of a few requests after one warm-up. Target: 300 ms or less each. Not
collected by pytest (no test_ prefix).
"""

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


def page_timings(repeat: int = 5) -> dict[str, tuple[float, int]]:
    """Return {name: (median ms, status)} for every admin page."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    user, _created = get_user_model().objects.get_or_create(
        username="admin-scale-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    timings = {}
    for name, url in admin_pages().items():
        status = client.get(url).status_code  # warm-up
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = (statistics.median(samples), status)
    return timings


def print_admin_timings() -> bool:
    timings = page_timings()
    print("| admin page, in one process | median ms | status |")
    print("| --- | ---: | ---: |")
    for name, (milliseconds, status) in timings.items():
        print(f"| {name} | {milliseconds:.0f} | {status} |")
    slow = {name: ms for name, (ms, _status) in timings.items() if ms > TARGET_MS}
    broken = [name for name, (_ms, status) in timings.items() if status >= 400]
    for name, ms in slow.items():
        print(f"FAIL  admin {name}: {ms:.0f} ms (target ≤ {TARGET_MS} ms)")
    for name in broken:
        print(f"FAIL  admin {name}: error status")
    if not slow and not broken:
        print(f"PASS  every admin page ≤ {TARGET_MS} ms ({len(timings)} pages)")
    return not slow and not broken


def main(argv=None) -> int:
    from tests.benchmarks.bench import standalone_setup

    standalone_setup(argv, __doc__.splitlines()[0])
    return 0 if print_admin_timings() else 1


if __name__ == "__main__":
    sys.exit(main())
