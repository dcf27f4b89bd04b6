"""Probes for a load balancer: is the process up, and can it serve real pages?"""

from django.core.cache import cache
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


def cache_problem() -> str | None:
    try:
        cache.set(READY_KEY, "1", timeout=10)
        if cache.get(READY_KEY) != "1":
            return "cache did not return what was stored"
    except Exception as error:
        return f"cache unreachable: {error.__class__.__name__}"
    return None


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
    """Answer 200 only if the database and cache answer and every migration is applied.

    It also tells whether a task worker is alive. Readers need none, so a missing worker makes
    the answer 503 only for a monitor that asks with `?require=worker`.
    """
    problems = [problem for problem in (database_problem(), cache_problem()) if problem]
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
    return JsonResponse(body)
