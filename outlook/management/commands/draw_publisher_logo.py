"""Draw the publisher's logo that the outlooks' JSON-LD names (static/img/publisher-logo.png).

Run once and committed; run again only to change the logo. It is the favicon's mark as a
square PNG, since search engines take no SVG logo.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from outlook.reading.seo import PUBLISHER_LOGO, PUBLISHER_LOGO_SIZE

# The favicon's colours (static/favicon.svg).
BRAND_RED = "#9b2c1f"
WHITE = "#ffffff"
# Debian's fonts-dejavu-core; Pillow's own font stands in where it is missing.
SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


def draw_logo(size: int) -> Image.Image:
    """Return the mark: white "AI" on a rounded red square, `size` pixels a side."""
    image = Image.new("RGB", (size, size), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 6 // 32, fill=BRAND_RED)
    font_size = size // 2
    font = (
        ImageFont.truetype(str(SERIF_BOLD), font_size)
        if SERIF_BOLD.exists()
        else ImageFont.load_default(font_size)
    )
    draw.text((size / 2, size / 2), "AI", font=font, fill=WHITE, anchor="mm")
    return image


class Command(BaseCommand):
    help = "Draw the publisher's logo for structured data into static/ (commit the result)."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "static" / PUBLISHER_LOGO
        path.parent.mkdir(parents=True, exist_ok=True)
        draw_logo(PUBLISHER_LOGO_SIZE).save(path, optimize=True)
        self.stdout.write(f"Drew {path.relative_to(settings.BASE_DIR)}.")
