"""The task worker: django-tasks-db's worker, plus a heartbeat and periodic housekeeping.

A thread beside the worker loop writes the heartbeat every TASK_WORKER_HEARTBEAT_SECONDS, even
while a long task runs, and now and then recovers tasks of dead workers and prunes old results.
"""

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from outlook.taskqueue.housekeeping import prune_task_results, recover_stuck_tasks
from outlook.taskqueue.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

RECOVER_EVERY_SECONDS = 60
PRUNE_EVERY_SECONDS = 6 * 3600


class HeartbeatWorker(Worker):
    def run(self) -> None:
        self.started_at = timezone.now()
        self.beat()
        stop = threading.Event()
        thread = threading.Thread(target=self.keep_house, args=(stop,), daemon=True)
        thread.start()
        try:
            super().run()
        finally:
            stop.set()
            thread.join(timeout=5)
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "queues": ",".join(self.queue_names)[:255],
                "started_at": self.started_at,
                "beat_at": timezone.now(),
            },
        )

    def keep_house(self, stop: threading.Event) -> None:
        next_recovery = next_prune = time.monotonic()
        while not stop.wait(settings.TASK_WORKER_HEARTBEAT_SECONDS):
            try:
                self.beat()
                now = time.monotonic()
                if now >= next_recovery:
                    next_recovery = now + RECOVER_EVERY_SECONDS
                    recover_stuck_tasks()
                if now >= next_prune:
                    next_prune = now + PRUNE_EVERY_SECONDS
                    prune_task_results()
            except Exception:
                # The database may be away for a while; the worker keeps trying.
                logger.exception("Task worker housekeeping failed")
            finally:
                # This thread's own connection: never keep one open across the wait.
                connection.close()
