from django.core.management.base import BaseCommand

from outlook.media.share_cards import draw_share_card
from outlook.models import RELEASED, Issue, Outlook


class Command(BaseCommand):
    help = (
        "Draw the share card of every released outlook and issue that lacks one or shows "
        "something else now: after loading the demo, restoring media, or changing the drawing. "
        "Publishing events draw them otherwise; an unchanged card is left as it is."
    )

    def handle(self, *args, **options):
        count = 0
        for model in (Outlook, Issue):
            for pk in model.objects.filter(status__in=RELEASED).values_list("pk", flat=True):
                draw_share_card.call(model.__name__.lower(), pk)
                count += 1
        self.stdout.write(f"Checked the share cards of {count} outlooks and issues.")
