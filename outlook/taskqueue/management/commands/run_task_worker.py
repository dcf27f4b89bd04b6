from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from outlook.taskqueue.worker import HeartbeatWorker


class Command(DatabaseWorkerCommand):
    help = (
        "Run a task worker: django-tasks-db's db_worker, with a heartbeat (shown by /readyz and "
        "the admin), recovery of tasks left running by dead workers and pruning of old results."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        worker = HeartbeatWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
