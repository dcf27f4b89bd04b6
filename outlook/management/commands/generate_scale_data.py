import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from outlook.management.demo.scale_data import Sizes, add_signups, generate_scale_data

DEFAULTS = Sizes()


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large, realistic catalogue for benchmarks and manual "
        f"testing: by default {DEFAULTS.professions:,} professions, {DEFAULTS.issues} issues and "
        f"{DEFAULTS.outlooks:,} outlooks with their tasks, skills, changes and insights, and "
        f"{DEFAULTS.signups:,} readers' signups."
    )

    def add_arguments(self, parser):
        parser.add_argument("--professions", type=int, default=DEFAULTS.professions)
        parser.add_argument("--issues", type=int, default=DEFAULTS.issues)
        parser.add_argument("--outlooks", type=int, default=DEFAULTS.outlooks)
        parser.add_argument("--skills", type=int, default=DEFAULTS.skills, help="Catalogue size.")
        parser.add_argument("--tasks-per-outlook", type=int, default=DEFAULTS.tasks_per_outlook)
        parser.add_argument("--skills-per-outlook", type=int, default=DEFAULTS.skills_per_outlook)
        parser.add_argument("--signups", type=int, default=DEFAULTS.signups)
        parser.add_argument(
            "--signups-only",
            action="store_true",
            help="Add --signups signups to the catalogue already in the database, nothing else.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        for name in ("professions", "issues", "outlooks", "skills", "batch_size"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        for name in ("tasks_per_outlook", "skills_per_outlook", "signups"):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} cannot be negative.")
        sizes = Sizes(
            professions=options["professions"],
            issues=options["issues"],
            outlooks=options["outlooks"],
            skills=options["skills"],
            tasks_per_outlook=options["tasks_per_outlook"],
            skills_per_outlook=options["skills_per_outlook"],
            signups=options["signups"],
        )
        started = time.monotonic()
        try:
            if options["signups_only"]:
                total = add_signups(
                    count=sizes.signups, seed=options["seed"], batch_size=options["batch_size"]
                )
                counts = {"signups in all": total}
            else:
                counts = generate_scale_data(
                    sizes=sizes, seed=options["seed"], batch_size=options["batch_size"]
                )
        except (ValueError, ValidationError) as error:
            raise CommandError(error) from error
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Generated {summary} in {time.monotonic() - started:.0f} s.")
        )
