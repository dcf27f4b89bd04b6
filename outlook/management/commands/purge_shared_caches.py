from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outlook.web import purge


class Command(BaseCommand):
    help = (
        "Empty the shared caches in front of the site (Varnish, Fastly, Cloudflare or any "
        "cache taking PURGE), as PURGE_BACKEND says. Run it on each release: templates change "
        "without any content key changing. --key purges only pages carrying those keys."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--key",
            action="append",
            default=[],
            help="Purge only pages carrying this key (repeat for more), e.g. outlook-12.",
        )

    def handle(self, *args, **options):
        if not settings.PURGE_BACKEND:
            self.stdout.write("No PURGE_BACKEND is set: there is no shared cache to purge.")
            return
        if options["key"] and settings.PURGE_BACKEND == "http":
            raise CommandError("PURGE_BACKEND=http purges by address: --key needs another one.")
        try:
            if options["key"]:
                purge.purge(keys=options["key"])
            else:
                purge.purge_everything()
        except purge.PurgeFailed as error:
            raise CommandError(f"The purge failed (it is logged and counted): {error}") from error
        what = ", ".join(options["key"]) if options["key"] else "everything"
        self.stdout.write(self.style.SUCCESS(f"Purged {what} ({settings.PURGE_BACKEND})."))
