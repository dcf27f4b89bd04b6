"""Newsroom day and behind-Varnish benchmarks, printed as a table with PASS/FAIL.

    .venv/bin/python -m tests.benchmarks.newsroom \\
        --database-url postgres://postgres@127.0.0.1:5432/outlook_bench \\
        --redis-url redis://127.0.0.1:6379/0

(a) Newsroom day: the scale dataset (bench.py fills it the first time) on PostgreSQL and
Redis, gunicorn with outlook/gunicorn.conf.py and a task worker, 32 readers (wrk) following a
Zipf distribution over the newest issue's outlooks plus the home, issue and directory pages,
in alternating rounds: quiet; a draft's task edited every 2 s; a live outlook corrected
every 10 s. Each edit is made by a separate process through the gate's operations
(outlook/edits.py), not through the admin. Medians of the rounds are compared.
(b) Behind Varnish (deploy/varnish/default.vcl): the cached outlook page through varnishd
against a minimal Django view through the same gunicorn, in the same run.
Loopback only; every loop is bounded by its duration.
"""

import argparse
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.bench import (
    PYTHON,
    ROOT,
    Gunicorn,
    django_setup,
    ensure_database,
    ensure_wrk,
    manage,
    parse_wrk,
)
from tests.benchmarks.load import TaskWorker

SCENARIOS = ("quiet", "drafts", "corrections")
EDIT_EVERY = {"drafts": 2.0, "corrections": 10.0}
ZIPF_EXPONENT = 1.0
EDITOR = "newsroom-bench"

# wrk script: Zipf-weighted paths, and the page cache's hit ratio from X-Cache.
LUA = """
local paths = {%(paths)s}
local cumulative = {%(cumulative)s}
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(id * 7919 + os.time())
  hits = 0
  total = 0
end
function request()
  local r = math.random()
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then low = middle + 1 else high = middle end
  end
  return wrk.format("GET", paths[low])
end
function response(status, headers, body)
  total = total + 1
  if headers["X-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    t = t + thread:get("total")
  end
  io.write(string.format("HITS %%d TOTAL %%d\\n", h, t))
end
"""


@dataclass
class Round:
    scenario: str
    rps: float
    p99_ms: float
    hit_ratio: float
    errors: int
    edits: int


def zipf_script(paths: list[str]) -> str:
    weights = [1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(paths) + 1)]
    total, running, cumulative = sum(weights), 0.0, []
    for weight in weights:
        running += weight
        cumulative.append(running / total)
    cumulative[-1] = 1.0
    return LUA % {
        "paths": ",".join(f'"{path}"' for path in paths),
        "cumulative": ",".join(f"{value:.9f}" for value in cumulative),
    }


def reader_paths() -> list[str]:
    """The home, issue and directory pages, then the newest issue's outlooks in random order."""
    from outlook.models import Issue, Outlook

    issue = Issue.objects.published().order_by("-publication_date").first()
    outlooks = list(
        Outlook.objects.published().filter(issue=issue).select_related("profession", "issue")
    )
    random.Random(14).shuffle(outlooks)
    lists = ["/", issue.get_absolute_url(), "/professions/"]
    return lists + [outlook.get_absolute_url() for outlook in outlooks]


def prepare_editor() -> None:
    from accounts.models import User

    if not User.objects.filter(username=EDITOR).exists():
        User.objects.create_superuser(EDITOR, f"{EDITOR}@example.com", secrets.token_urlsafe())


def edit_loop(kind: str, seconds: float) -> None:
    """Run in its own process: edit through the gate every few seconds, for `seconds`."""
    from accounts.models import User
    from outlook.models import Issue, Outlook, PublicationStatus, TaskAssessment
    from outlook.publishing import edits

    user = User.objects.get(username=EDITOR)
    rng = random.Random(kind)
    issue = Issue.objects.published().order_by("-publication_date").first()
    if kind == "drafts":
        task = TaskAssessment.objects.filter(outlook__status=PublicationStatus.DRAFT).first()
    else:
        live = list(Outlook.objects.published().filter(issue=issue).values_list("pk", flat=True))
    deadline, count = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        if kind == "drafts":
            edits.edit_row(row=task, user=user, rationale=f"Draft rationale, take {count}.")
        else:
            outlook = Outlook.objects.get(pk=rng.choice(live))
            edits.append_correction(outlook=outlook, user=user, text=f"Correction {count}.")
        count += 1
        time.sleep(max(0.0, EDIT_EVERY[kind] - (time.monotonic() - started)))
    print(f"EDITS {count}", flush=True)


def run_round(wrk, script: Path, base: str, scenario: str, args, env) -> Round:
    editor = None
    if scenario != "quiet":
        editor = subprocess.Popen(
            [PYTHON, "-m", "tests.benchmarks.newsroom", "edit", scenario, str(args.seconds)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
    command = [wrk, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s"]
    output = subprocess.run(
        [*command, "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    edits = 0
    if editor is not None:
        out, _ = editor.communicate(timeout=60)
        edits = int(out.split("EDITS")[-1].strip() or 0)
    result = parse_wrk(output)
    hits, total = (int(n) for n in output.split("HITS")[-1].split("TOTAL"))
    return Round(scenario, result.rps, result.p99_ms, hits / max(total, 1), result.errors, edits)


def newsroom_day(wrk, args, env) -> list[tuple[str, float, float, bool]]:
    paths = reader_paths()
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(zipf_script(paths))
    base = f"http://127.0.0.1:{args.port}"
    rounds: list[Round] = []
    with Gunicorn(env, args.port), TaskWorker(env):
        # Warm: every page rendered once, as a publication day's morning has.
        subprocess.run(
            [wrk, "-t2", f"-c{args.connections}", "-d10s", "-s", str(script), base],
            capture_output=True,
            check=True,
        )
        for repeat in range(args.rounds):
            for scenario in SCENARIOS:
                found = run_round(wrk, script, base, scenario, args, env)
                rounds.append(found)
                print(
                    f"round {repeat + 1} {scenario:<11} {found.rps:8.0f} req/s  "
                    f"p99 {found.p99_ms:7.1f} ms  hits {found.hit_ratio:.2f}  "
                    f"edits {found.edits}  errors {found.errors}",
                    flush=True,
                )
    script.unlink()
    medians = {
        scenario: Round(
            scenario,
            statistics.median(r.rps for r in rounds if r.scenario == scenario),
            statistics.median(r.p99_ms for r in rounds if r.scenario == scenario),
            statistics.median(r.hit_ratio for r in rounds if r.scenario == scenario),
            sum(r.errors for r in rounds if r.scenario == scenario),
            sum(r.edits for r in rounds if r.scenario == scenario),
        )
        for scenario in SCENARIOS
    }
    print()
    print(f"Newsroom day: {len(paths)} pages, {args.connections} readers, Zipf, ", end="")
    print(f"{args.rounds} × {args.seconds} s rounds per scenario, medians")
    print()
    print("| scenario | requests/s | p99 ms | hit ratio | edits | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for found in medians.values():
        print(
            f"| {found.scenario} | {found.rps:,.0f} | {found.p99_ms:.0f} | "
            f"{found.hit_ratio:.2f} | {found.edits} | {found.errors} |"
        )
    quiet, drafts, corrections = (medians[name] for name in SCENARIOS)
    return [
        ("drafts ≥ 0.9× quiet req/s", drafts.rps / quiet.rps, 0.9, True),
        (
            "drafts' hit ratio unchanged (within 0.02)",
            drafts.hit_ratio - quiet.hit_ratio,
            -0.02,
            True,
        ),
        ("corrections ≥ 0.85× quiet req/s", corrections.rps / quiet.rps, 0.85, True),
        ("drafts' p99 ≤ 1.5× quiet", drafts.p99_ms / quiet.p99_ms, 1.5, False),
        ("corrections' p99 ≤ 1.5× quiet", corrections.p99_ms / quiet.p99_ms, 1.5, False),
        ("no error responses", sum(m.errors for m in medians.values()), 0, False),
    ]


def behind_varnish(wrk, args, env) -> list[tuple[str, float, float, bool]]:
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if not varnishd:
        print("varnishd is missing (apt-get install varnish varnish-modules): (b) not run")
        return [("behind Varnish: varnishd present", 0, 1, True)]
    workdir = Path(tempfile.mkdtemp(prefix="outlook-varnish-"))
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    (workdir / "bench.vcl").write_text(vcl.replace('.port = "8000";', f'.port = "{args.port}";'))
    varnish_port = args.port + 1
    env = env | {"PURGE_BACKEND": "varnish", "PURGE_URLS": f"http://127.0.0.1:{varnish_port}"}
    command = [
        varnishd,
        *("-F", "-j", "none", "-n", str(workdir / "instance"), "-T", "none"),
        *("-a", f"127.0.0.1:{varnish_port}", "-f", str(workdir / "bench.vcl")),
        *("-s", "malloc,256m"),
    ]
    from outlook.models import Outlook

    outlook = Outlook.objects.published().order_by("-issue__publication_date").first()
    path = outlook.get_absolute_url()
    with Gunicorn(env, args.port):
        varnish = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            time.sleep(2)
            pairs = []
            for _ in range(args.rounds):
                base = run_wrk_plain(wrk, f"http://127.0.0.1:{args.port}/healthz", args)
                page = run_wrk_plain(wrk, f"http://127.0.0.1:{varnish_port}{path}", args)
                pairs.append((base, page))
        finally:
            varnish.terminate()
            varnish.wait(timeout=30)
    shutil.rmtree(workdir, ignore_errors=True)
    ratios = sorted(page.rps / base.rps for base, page in pairs)
    base, page = sorted(pairs, key=lambda pair: pair[1].rps / pair[0].rps)[len(pairs) // 2]
    print()
    print("Behind Varnish (the shipped VCL), median round")
    print()
    print("| what | requests/s | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: |")
    rows = (("minimal Django view (/healthz), gunicorn", base), ("outlook page, Varnish", page))
    for what, found in rows:
        print(f"| {what} | {found.rps:,.0f} | {found.p99_ms:.1f} | {found.errors} |")
    return [("Varnish hit ≥ 8× the minimal view", ratios[len(ratios) // 2], 8, True)]


def run_wrk_plain(wrk, url: str, args):
    output = subprocess.run(
        [wrk, "-t2", f"-c{args.connections}", f"-d{min(args.seconds, 10)}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["edit"]:
        django_setup({})
        edit_loop(argv[1], float(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/outlook_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--port", type=int, default=8018)
    parser.add_argument("--seconds", type=int, default=20, help="Length of each round.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", choices=("newsroom", "varnish"))
    args = parser.parse_args(argv)
    wrk = ensure_wrk()
    ensure_database(args.database_url)
    static_root = Path(tempfile.mkdtemp(prefix="outlook-bench-static-"))
    env = os.environ | {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SIGNUP_IP_HASH_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "RATELIMIT_REDIS_URL": args.redis_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_MEDIA_ROOT": str(static_root / "media"),
        "DJANGO_SETTINGS_MODULE": "outlook.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    django_setup(env)
    from django.core.cache import cache
    from django.db import connections

    from professions.models import Profession

    if not Profession.objects.exists():
        sys.exit("No dataset: run tests/benchmarks/bench.py once, or generate_scale_data.")
    prepare_editor()
    connections.close_all()
    cache.clear()
    checks = []
    if args.only != "varnish":
        checks += newsroom_day(wrk, args, env)
    if args.only != "newsroom":
        checks += behind_varnish(wrk, args, env)
    print()
    passed = True
    for name, value, target, at_least in checks:
        ok = value >= target if at_least else value <= target
        passed &= ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:.2f} (target {target})")
    shutil.rmtree(static_root, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
