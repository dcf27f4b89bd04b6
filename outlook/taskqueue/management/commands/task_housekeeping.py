from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outlook.taskqueue.housekeeping import prune_task_results, recover_stuck_tasks


class Command(BaseCommand):
    help = (
        "Recover tasks left running by workers that stopped beating, and delete finished task "
        "results older than TASK_RESULTS_KEEP_DAYS. Each worker does both on its own; this is "
        "for running them once, by hand or from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.TASK_RESULTS_KEEP_DAYS,
            help="Delete finished results older than this many days (default: %(default)s).",
        )

    def handle(self, *args, keep_days, **options):
        if keep_days < 0:
            raise CommandError("--keep-days must be 0 or more.")
        recovered = recover_stuck_tasks()
        pruned = prune_task_results(keep_days=keep_days)
        self.stdout.write(f"Recovered {recovered} stuck task(s); pruned {pruned} old result(s).")
