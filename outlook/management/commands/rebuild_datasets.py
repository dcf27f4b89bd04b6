from django.core.management.base import BaseCommand

from outlook.models import Issue
from outlook.reading import datasets


class Command(BaseCommand):
    help = (
        "Write every live issue's open-data files (data.csv, data.json) to storage again, "
        "and remove those of issues readers cannot see. Run it after restoring a backup."
    )

    def handle(self, *args, **options):
        live = set(Issue.objects.published().values_list("pk", flat=True))
        for issue in Issue.objects.published().order_by("pk"):
            datasets.write_datasets(issue)
            self.stdout.write(f"Wrote the datasets of {issue}.")
        for issue_id in Issue.objects.exclude(pk__in=live).values_list("pk", flat=True):
            datasets.remove_datasets(issue_id)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the datasets of {len(live)} issue(s)."))
