from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outlook.models import Issue
from outlook.transfer.issue_export import EXPORTERS


def issue_named(text: str) -> Issue:
    """Return the issue written "volume/number" (e.g. 1/4), or stop the command."""
    volume, _slash, number = text.partition("/")
    if not (volume.isdigit() and number.isdigit()):
        raise CommandError(f"Name the issue as volume/number, e.g. 1/4, not “{text}”.")
    try:
        return Issue.objects.get(volume=int(volume), number=int(number))
    except Issue.DoesNotExist:
        raise CommandError(f"No issue {text}.") from None


class Command(BaseCommand):
    help = "Export every outlook of an issue, with everything it holds, for import_issue."

    def add_arguments(self, parser):
        parser.add_argument("--issue", required=True, help="Volume/number, e.g. 1/4.")
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="csv")
        parser.add_argument("--output", type=Path, help="File to write; CSV goes to stdout.")

    def handle(self, *args, issue, format, output, **options):
        content = EXPORTERS[format](issue_named(issue))
        if output:
            output.write_bytes(content)
        elif format == "csv":
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            raise CommandError("Give --output for an XLSX file.")
