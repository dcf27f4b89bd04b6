"""Run Lighthouse on the demo site's main page types, on a phone and on a desktop.

    .venv/bin/python -m tests.benchmarks.lighthouse [--port 8009] [--keep-reports DIR]

Serves the demo (a fresh SQLite database filled by load_demo) under gunicorn with debug off,
runs Lighthouse 12.2.3 (`npm install --prefix tests/browser`) with Debian's Chromium on the
home, issue, outlook, profession and methodology pages with its mobile and desktop presets,
and prints each score beside its target, then PASS or FAIL. Exits 1 when any score misses.
Search pages are left out: they ask search engines not to index them, which SEO counts
against them. Not collected by pytest (no test_ prefix).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench import ROOT, Gunicorn, django_setup, manage

LIGHTHOUSE = ROOT / "tests" / "browser" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# Lighthouse scores 0–100 per category; performance moves with the machine's load.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PRESETS = ("mobile", "desktop")


def demo_pages() -> dict[str, str]:
    """Return the path of one demo page of each type Lighthouse checks."""
    from django.urls import reverse

    from outlook.models import Issue, Outlook

    issue = Issue.objects.published().order_by("-publication_date").first()
    outlook = (
        Outlook.objects.published()
        .filter(issue=issue)
        .select_related("profession")
        .order_by("profession__name")
        .first()
    )
    return {
        "home": reverse("outlook:home"),
        "issue": issue.get_absolute_url(),
        "outlook": outlook.get_absolute_url(),
        "profession": outlook.profession.get_absolute_url(),
        "methodology": reverse("outlook:methodology"),
    }


def run_lighthouse(url: str, preset: str, report: Path) -> dict[str, int]:
    """Run Lighthouse once; return its category scores out of 100."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(TARGETS)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if preset == "desktop":
        # Lighthouse's default is the mobile preset (a mid-range phone on a slow network).
        command.append("--preset=desktop")
    subprocess.run(command, env=os.environ | {"CHROME_PATH": CHROMIUM}, check=True)
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in TARGETS}


def failing_audits(report: Path) -> list[str]:
    """Return the audits that cost points in a category with a target of 100."""
    data = json.loads(report.read_text())
    names = []
    for name, category in data["categories"].items():
        if name == "performance":
            continue
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                names.append(f"{name}: {audit['id']} ({audit['title']})")
    return names


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8009)
    parser.add_argument(
        "--keep-reports", type=Path, help="Keep Lighthouse's JSON reports in this folder."
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm install --prefix tests/browser")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")

    workdir = Path(tempfile.mkdtemp(prefix="outlook-lighthouse-"))
    reports = args.keep_reports or workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PAGE_CACHE_SECONDS"}
    } | {
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        django_setup(env)
        pages = demo_pages()
        rows, missed = [], []
        with Gunicorn(env, args.port):
            for page, path in pages.items():
                for preset in PRESETS:
                    report = reports / f"{page}-{preset}.json"
                    scores = run_lighthouse(f"http://127.0.0.1:{args.port}{path}", preset, report)
                    passed = all(scores[name] >= target for name, target in TARGETS.items())
                    rows.append((page, preset, scores, passed))
                    if not passed:
                        missed += [f"{page} ({preset}) {line}" for line in failing_audits(report)]
    finally:
        if not args.keep_reports:
            shutil.rmtree(workdir, ignore_errors=True)

    header = f"{'page':<12} {'preset':<8}" + "".join(f" {name:>15}" for name in TARGETS)
    print(header + "  verdict")
    print(f"{'target':<21}" + "".join(f" {f'>= {target}':>15}" for target in TARGETS.values()))
    for page, preset, scores, passed in rows:
        cells = "".join(f" {scores[name]:>15}" for name in TARGETS)
        print(f"{page:<12} {preset:<8}{cells}  {'PASS' if passed else 'FAIL'}")
    for line in missed:
        print("  missed:", line)
    return 0 if all(passed for *_, passed in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
