"""Time the import of a whole issue: 2 000 outlooks of 12 tasks (and 3 skills) each.

    .venv/bin/python -m tests.benchmarks.issue_import [--database-url …]

Builds the spreadsheet in memory, then checks it (parse, validate, dry run) and applies it
through the gate, as the import task does; everything is rolled back at the end, so the
database is left as it was. bench.py calls it on its scale dataset. Target: under two minutes
on PostgreSQL. Not collected by pytest (no test_ prefix).
"""

import csv
import io
import sys
import time

TARGET_SECONDS = 120
OUTLOOKS, TASKS, SKILLS = 2000, 12, 3
LEVELS = ("high", "medium", "low")


def issue_sheet(professions: list[str], skills: list[str], year: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["profession_slug", "year", "record_type", "position", "name", "rating", "text"]
    )
    for number, slug in enumerate(professions):
        writer.writerow([slug, year, "outlook", "", "", "", f"How AI meets the {slug} trade."])
        for task in range(TASKS):
            level = LEVELS[(number + task) % 3]
            writer.writerow([slug, "", "task", task, f"Task {task} of {slug}", level, "Because."])
        for position in range(SKILLS):
            skill = skills[(number + position) % len(skills)]
            verdict = "vulnerable" if position % 2 else "resilient"
            writer.writerow([slug, "", "skill", position, skill, verdict, "It depends."])
    return out.getvalue().encode()


def ensure_catalogue() -> None:
    """Add the professions and skills an import needs, on a database without scale data."""
    from professions.models import Category, Profession, Skill

    if Profession.objects.count() >= OUTLOOKS and Skill.objects.count() >= SKILLS:
        return
    category, _created = Category.objects.get_or_create(slug="bench", name="Bench")
    Profession.objects.bulk_create(
        [
            Profession(name=f"Bench {n}", slug=f"bench-{n}", category=category)
            for n in range(OUTLOOKS)
        ],
        ignore_conflicts=True,
    )
    Skill.objects.bulk_create(
        [Skill(name=f"Bench skill {n}", slug=f"bench-skill-{n}") for n in range(10)],
        ignore_conflicts=True,
    )


def import_timings() -> dict[str, float]:
    """Return the seconds to check and to apply a 2 000-outlook issue; rolls everything back."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from outlook.models import Issue, Outlook
    from outlook.transfer.issue_import import parse_upload
    from outlook.transfer.issue_import_apply import apply_import, plan_import
    from professions.models import Profession, Skill

    class Rollback(Exception):
        pass

    timings = {}
    try:
        with transaction.atomic():
            ensure_catalogue()
            user = get_user_model().objects.create_superuser("import-bench", "b@example.com", "x")
            taken = set(Outlook.objects.values_list("year", flat=True))
            year = max(set(range(2000, 2101)) - taken)
            issue = Issue.objects.create(
                volume=3999, number=999, title="Import benchmark",
                publication_date=datetime.date(year, 1, 1),
            )  # fmt: skip
            professions = list(Profession.objects.values_list("slug", flat=True)[:OUTLOOKS])
            skills = list(Skill.objects.values_list("slug", flat=True)[:10])
            sheet = issue_sheet(professions, skills, year)
            started = time.perf_counter()
            imported, problems = parse_upload("bench.csv", sheet)
            assert not problems, problems[:3]
            plans, problems = plan_import(issue=issue, imported=imported, user=user)
            assert not problems, problems[:3]
            timings["check"] = time.perf_counter() - started
            started = time.perf_counter()
            apply_import(issue=issue, imported=imported, user=user, label="bench.csv")
            timings["apply"] = time.perf_counter() - started
            assert Outlook.objects.filter(issue=issue).count() == len(professions)
            raise Rollback
    except Rollback:
        pass
    return timings


def print_import_timings() -> bool:
    timings = import_timings()
    total = sum(timings.values())
    print(f"| import of {OUTLOOKS:,} outlooks × {TASKS} tasks | seconds |")
    print("| --- | ---: |")
    for name, seconds in timings.items():
        print(f"| {name} | {seconds:.1f} |")
    ok = total < TARGET_SECONDS
    print(f"{'PASS' if ok else 'FAIL'}  issue import: {total:.1f} s (target < {TARGET_SECONDS} s)")
    return ok


def main(argv=None) -> int:
    from tests.benchmarks.bench import standalone_setup

    standalone_setup(argv, __doc__.splitlines()[0])
    return 0 if print_import_timings() else 1


if __name__ == "__main__":
    sys.exit(main())
