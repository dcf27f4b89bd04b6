"""Applying an uploaded import on the task queue, with its progress where the admin can read it.

The import is one transaction, so nothing it writes to the database is visible until it ends:
its progress goes to the cache instead, which the import's page reads.
"""

import logging
from functools import partial

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outlook.models.issue_import import ImportStatus, IssueImport
from outlook.publishing import gate
from outlook.taskqueue.queue import at_most_once_task, enqueue_on_commit
from outlook.transfer.issue_import import ImportedOutlook
from outlook.transfer.issue_import_apply import apply_import, summary

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 24 * 3600


def progress_key(import_id: int) -> str:
    return f"issue-import:{import_id}:progress"


def write_progress(import_id: int, done: int, total: int) -> None:
    cache.set(progress_key(import_id), {"done": done, "total": total}, PROGRESS_SECONDS)


def read_progress(import_id: int) -> dict | None:
    """Return {"done": n, "total": m} while (and after) an import runs, else None."""
    return cache.get(progress_key(import_id))


def finish(import_id: int, status: str, result: str) -> None:
    IssueImport.objects.filter(pk=import_id).update(
        status=status, result=result, finished_at=timezone.now()
    )


def result_text(plans) -> str:
    counts = summary(plans)
    return (
        _("Created %(create)d, changed %(change)d and left %(leave)d outlook(s).")
        % counts["outlooks"]
    )


def worker_lost(import_id: int) -> None:
    # The transaction died with its worker: nothing was written, so it can be applied again.
    finish(import_id, ImportStatus.FAILED, _("The worker stopped; nothing changed. Apply again."))


@at_most_once_task(on_worker_lost=worker_lost)
def apply_issue_import(import_id: int) -> None:
    """Apply a queued import once (its row is claimed first), recording how it ended."""
    claimed = IssueImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return
    job = IssueImport.objects.select_related("issue", "uploaded_by").get(pk=import_id)
    write_progress(import_id, 0, len(job.outlooks))
    try:
        with transaction.atomic():
            plans = apply_import(
                issue=job.issue,
                imported=[ImportedOutlook.from_dict(item) for item in job.outlooks],
                user=job.uploaded_by,
                label=job.file_name,
                progress=partial(write_progress, import_id),
            )
            # In the import's transaction: "applied" is true exactly when the import is.
            finish(import_id, ImportStatus.APPLIED, result_text(plans))
    except (ValidationError, PermissionDenied) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        finish(import_id, ImportStatus.FAILED, " ".join(messages))
    except Exception:
        logger.exception("Issue import %s failed", import_id)
        finish(
            import_id, ImportStatus.FAILED, _("An unexpected error stopped it; nothing changed.")
        )
        raise


@transaction.atomic
def queue_import(*, job: IssueImport, user) -> IssueImport:
    """Queue a checked import to be applied; only its uploader or an editor may."""
    job = IssueImport.objects.select_for_update().get(pk=job.pk)
    gate.require(job.uploaded_by_id == user.pk or user.has_perm(gate.PUBLISH_OUTLOOK))
    if job.status not in (ImportStatus.READY, ImportStatus.FAILED):
        raise ValidationError(
            _("This import is already %(state)s.") % {"state": job.get_status_display().lower()}
        )
    job.status, job.result, job.finished_at = ImportStatus.QUEUED, "", None
    job.save(update_fields=["status", "result", "finished_at"])
    cache.delete(progress_key(job.pk))
    enqueue_on_commit(apply_issue_import, job.pk)
    return job
