from django.core.management.base import BaseCommand

from outlook.media.renditions import make_renditions
from outlook.models import Issue
from professions.models import Profession

# (model, image field, its width field) for every image that has renditions.
IMAGES = ((Issue, "cover", "cover_width"), (Profession, "image", "image_width"))


class Command(BaseCommand):
    help = (
        "Make the renditions an issue cover or profession image is missing: after media files "
        "were restored from a backup, or rendition sizes changed. Saving an image makes its "
        "own; pages never make any."
    )

    def handle(self, *args, **options):
        count = 0
        for model, field, width in IMAGES:
            for owner in model.objects.exclude(**{field: ""}).only(field, width).iterator():
                make_renditions(getattr(owner, field), getattr(owner, width))
                count += 1
        self.stdout.write(f"Checked the renditions of {count} images.")
