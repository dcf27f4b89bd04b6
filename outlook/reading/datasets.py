"""Each issue's open-data files, written to default storage once per change of its live content.

A task writes data.csv and data.json (outlook/opendata.py builds them) after every publishing
event touching the issue, streamed into a temporary file and from there to storage, so memory
stays flat in the number of outlooks. Each writing is a new generation in its own folder
(`datasets/<issue id>/<generation>/`): a download in progress keeps reading the file it opened,
and the older generations are deleted once the new one is complete. Afterwards shared caches
are purged of the issue's dataset key, so they fetch the new files.
"""

import gzip
import logging
import tempfile
import time
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse

from outlook.publishing import content_keys
from outlook.reading import opendata
from outlook.taskqueue.queue import Backoff, retried_task

logger = logging.getLogger(__name__)

FOLDER = "datasets"
FORMATS = ("csv", "json")


def issue_folder(issue_id: int) -> str:
    return f"{FOLDER}/{issue_id}"


def pointer_name(issue_id: int) -> str:
    return f"dataset-generation:{issue_id}"


def file_name(issue, fmt: str, generation: str) -> str:
    return f"{issue_folder(issue.pk)}/{generation}/outlook-{issue.slug}.{fmt}"


def generations(issue_id: int) -> list[str]:
    try:
        folders, _files = default_storage.listdir(issue_folder(issue_id))
    except FileNotFoundError:
        return []
    return sorted(folders)


def current_generation(issue_id: int) -> str | None:
    """Return the newest complete generation: remembered in the cache, else listed."""
    generation = cache.get(pointer_name(issue_id))
    if generation is None:
        generation = max(generations(issue_id), default=None)
        if generation is not None:
            cache.set(pointer_name(issue_id), generation, timeout=None)
    return generation


def open_current(issue, fmt: str):
    """Return the issue's stored file in `fmt` (e.g. "csv.gz"), opened, or None if none yet."""
    generation = current_generation(issue.pk)
    if generation is None:
        return None
    try:
        return default_storage.open(file_name(issue, fmt, generation), "rb")
    except FileNotFoundError:
        cache.delete(pointer_name(issue.pk))
        return None


def request_writing(issue_id: int) -> None:
    """Queue a writing of the issue's files, once a minute at most while none exists."""
    if cache.add(f"dataset-requested:{issue_id}", 1, timeout=60):
        write_issue_datasets.enqueue(issue_id)


def absolute(path: str) -> str:
    return urljoin(settings.SITE_URL, path)


def write_datasets(issue) -> str:
    """Write the issue's files as a new generation, make it current, delete the older ones.

    Each format is stored plain and gzipped (served to clients that accept it).
    """
    generation = f"{time.time_ns():020d}"
    for fmt in FORMATS:
        with tempfile.TemporaryFile() as plain, tempfile.TemporaryFile() as packed:
            with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0) as compressor:
                for chunk in opendata.CHUNKS[fmt](issue, absolute):
                    plain.write(chunk)
                    compressor.write(chunk)
            for spool, name in ((plain, fmt), (packed, f"{fmt}.gz")):
                spool.seek(0)
                default_storage.save(file_name(issue, name, generation), File(spool))
    # A writing that ran meanwhile with later content keeps its place.
    if max(generations(issue.pk), default=generation) == generation:
        cache.set(pointer_name(issue.pk), generation, timeout=None)
    for older in generations(issue.pk):
        if older < generation:
            for fmt in FORMATS:
                default_storage.delete(file_name(issue, fmt, older))
                default_storage.delete(file_name(issue, f"{fmt}.gz", older))
    return generation


def remove_datasets(issue_id: int) -> None:
    for generation in generations(issue_id):
        _dirs, files = default_storage.listdir(f"{issue_folder(issue_id)}/{generation}")
        for name in files:
            default_storage.delete(f"{issue_folder(issue_id)}/{generation}/{name}")
    cache.delete(pointer_name(issue_id))


@retried_task(attempts=6, backoff=Backoff(first_seconds=30, max_seconds=1800))
def write_issue_datasets(issue_id: int) -> None:
    """Write (or remove, if readers cannot see the issue) an issue's open-data files."""
    from outlook.models import Issue
    from outlook.web import purge

    issue = Issue.objects.published().filter(pk=issue_id).first()
    if issue is None:
        remove_datasets(issue_id)
    else:
        write_datasets(issue)
        logger.info("datasets written", extra={"issue": issue_id})
    urls = [
        reverse(f"outlook:dataset_{fmt}", kwargs={"volume": volume, "number": number})
        for volume, number in Issue.objects.filter(pk=issue_id).values_list("volume", "number")
        for fmt in FORMATS
    ]
    purge.purge(keys=[content_keys.dataset_key(issue_id)], urls=urls)
