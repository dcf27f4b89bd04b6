"""Probes for a load balancer: is the process up, and can it serve real pages?"""

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from outlook.taskqueue.status import worker_status

READY_KEY = "readyz-probe"


@never_cache
@require_safe
def healthz(request):
    """Answer 200 while the process runs; touches nothing else, so it never flaps."""
    return JsonResponse({"status": "ok"})


def database_problem() -> str | None:
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure at all means "not ready"
        return f"database unreachable: {error.__class__.__name__}"
    return None


# What each cache is called in a reason.
CACHE_NAMES = {"default": "page cache", "ratelimit": "rate-limit cache"}


def cache_problems() -> list[str]:
    problems = []
    for alias, name in CACHE_NAMES.items():
        try:
            caches[alias].set(READY_KEY, "1", timeout=10)
            if caches[alias].get(READY_KEY) != "1":
                problems.append(f"{name} did not return what was stored")
        except Exception as error:
            problems.append(f"{name} unreachable: {error.__class__.__name__}")
    return problems


# This process's code cannot gain migrations, so once they are all applied, they stay so.
migrations_applied = False


def migrations_problem() -> str | None:
    global migrations_applied
    if migrations_applied:
        return None
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return f"{len(pending)} migration(s) not applied"
    migrations_applied = True
    return None


@never_cache
@require_safe
def readyz(request):
    """Answer 200 if this server can serve: the database answers, every migration is applied.

    A cache that fails is reported ("degraded", with the reasons) but keeps the answer 200:
    pages are then rendered uncached and signups are not rate-limited (README, Operations),
    so taking every server out of the load balancer would turn a slowdown into an outage.
    It also tells whether a task worker is alive. Readers need none, so a missing worker makes
    the answer 503 only for a monitor that asks with `?require=worker`.
    """
    problems = [problem for problem in (database_problem(),) if problem]
    if not problems:
        # Needs the database, so only worth asking once it answers.
        problems = [problem for problem in (migrations_problem(),) if problem]
    if problems:
        return JsonResponse({"status": "unavailable", "reasons": problems}, status=503)
    worker = worker_status()
    body = {"status": "ok", "task_worker": {"ok": worker.ok, "detail": worker.describe()}}
    if request.GET.get("require") == "worker" and not worker.ok:
        body |= {"status": "unavailable", "reasons": [f"task worker: {worker.describe()}"]}
        return JsonResponse(body, status=503)
    if degraded := cache_problems():
        body |= {"status": "degraded", "reasons": degraded}
    return JsonResponse(body)
