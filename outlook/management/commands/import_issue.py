from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from outlook.management.commands.export_issue import issue_named
from outlook.transfer.issue_import import parse_upload
from outlook.transfer.issue_import_apply import apply_import, plan_import, summary


class Command(BaseCommand):
    help = (
        "Import a whole issue from the full export (.csv, .xlsx) or open-data .json, through "
        "the gate: checked first, then applied in one transaction (or only shown, --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--issue", required=True, help="Volume/number, e.g. 1/4.")
        parser.add_argument(
            "--as", dest="username", required=True, help="Whose permissions apply; the writer."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show changes, apply none.")

    def handle(self, *args, file, issue, username, dry_run, **options):
        issue = issue_named(issue)
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user “{username}”.") from None
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        imported, problems = parse_upload(file.name, file.read_bytes())
        if not problems:
            plans, problems = plan_import(issue=issue, imported=imported, user=user)
        if problems:
            raise CommandError("\n".join(["Nothing imported:", *map(str, problems)]))
        self.report(summary(plans))
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return
        try:
            apply_import(
                issue=issue,
                imported=imported,
                user=user,
                label=file.name,
                progress=lambda done, total: self.stdout.write(f"{done}/{total}", ending="\r"),
            )
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", [str(error)])
            raise CommandError("\n".join(["Nothing imported:", *messages])) from error
        self.stdout.write(self.style.SUCCESS("\nApplied."))

    def report(self, counts):
        outlooks, rows = counts["outlooks"], counts["rows"]
        self.stdout.write(
            "Outlooks: {create} to create, {change} to change, {leave} to leave.".format(**outlooks)
        )
        self.stdout.write(
            "Rows: {create} to create, {change} to change, {leave} to leave, "
            "{remove} to remove.".format(**rows)
        )
        for name in counts["live"]:
            self.stdout.write(f"Live, edited: {name}")
