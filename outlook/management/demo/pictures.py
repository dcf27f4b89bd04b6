"""Demo pictures drawn with Pillow at load time: a cover per issue, an image per profession.

Drawn, not downloaded or committed, so a fresh clone has them and they cost no repository
space. Each is deterministic (same slug, same pixels) and plain: a category colour, a motif
for the kind of work, and alt text that says what the picture shows.
"""

import hashlib
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 630
PAPER = (250, 247, 240)

# Category slug: (ground colour, ink colour, colour name, motif name for the alt text).
CATEGORY_STYLES = {
    "technology": ((28, 52, 92), (120, 170, 230), "deep blue", "rows of code-like bars"),
    "healthcare": ((18, 88, 84), (150, 215, 200), "teal", "a cross among soft circles"),
    "finance": ((40, 70, 45), (190, 215, 140), "dark green", "rising columns"),
    "media": ((110, 40, 60), (240, 170, 170), "plum", "lines of text in columns"),
    "legal": ((60, 50, 40), (220, 195, 150), "brown", "stacked documents"),
    "services": ((85, 55, 110), (205, 180, 240), "violet", "speech bubbles"),
    "trades": ((120, 70, 20), (250, 200, 120), "amber", "a grid of cables and joints"),
    "education": ((30, 75, 110), (245, 225, 140), "slate blue", "open books on shelves"),
}
DEFAULT_STYLE = ((60, 60, 60), (200, 200, 200), "grey", "simple shapes")


def _numbers(seed: str):
    """Yield an endless, deterministic stream of fractions in [0, 1) for `seed`."""
    counter = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        for i in range(0, len(digest), 2):
            yield int.from_bytes(digest[i : i + 2]) / 65536
        counter += 1


def _code_bars(draw, ink, numbers):
    for row in range(9):
        x = 120 + int(next(numbers) * 4) * 60
        length = 200 + int(next(numbers) * 700)
        draw.rounded_rectangle((x, 90 + row * 52, x + length, 120 + row * 52), 12, fill=ink)


def _cross(draw, ink, numbers):
    for _ in range(7):
        x, y, r = 100 + next(numbers) * 1000, 80 + next(numbers) * 470, 30 + next(numbers) * 60
        draw.ellipse((x - r, y - r, x + r, y + r), outline=ink, width=6)
    draw.rectangle((540, 165, 660, 465), fill=ink)
    draw.rectangle((450, 255, 750, 375), fill=ink)


def _columns(draw, ink, numbers):
    for i in range(10):
        height = 60 + i * 38 + int(next(numbers) * 60)
        draw.rectangle((110 + i * 100, 540 - height, 170 + i * 100, 540), fill=ink)


def _text_lines(draw, ink, numbers):
    for column in range(3):
        for row in range(8):
            length = 180 + int(next(numbers) * 120)
            x, y = 110 + column * 340, 110 + row * 52
            draw.rectangle((x, y, x + length, y + 14), fill=ink)


def _documents(draw, ink, numbers):
    for i in range(5):
        x, y = 300 + i * 60 + int(next(numbers) * 20), 110 + i * 40
        draw.rectangle((x, y, x + 360, y + 300), fill=PAPER, outline=ink, width=6)
        for line in range(5):
            draw.line((x + 40, y + 60 + line * 40, x + 300, y + 60 + line * 40), fill=ink, width=6)


def _bubbles(draw, ink, numbers):
    for i in range(5):
        x, y = 120 + i * 200 + int(next(numbers) * 40), 120 + int(next(numbers) * 280)
        draw.rounded_rectangle((x, y, x + 220, y + 120), 40, fill=ink)
        draw.polygon(((x + 40, y + 110), (x + 90, y + 110), (x + 30, y + 170)), fill=ink)


def _cables(draw, ink, numbers):
    for i in range(6):
        draw.line((100, 100 + i * 85, 1100, 100 + i * 85), fill=ink, width=8)
        draw.line((150 + i * 180, 80, 150 + i * 180, 550), fill=ink, width=8)
    for _ in range(8):
        x, y = 150 + int(next(numbers) * 6) * 180, 100 + int(next(numbers) * 6) * 85
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=PAPER, outline=ink, width=8)


def _books(draw, ink, numbers):
    for shelf in range(3):
        y = 200 + shelf * 150
        draw.rectangle((100, y, 1100, y + 12), fill=ink)
        x = 130
        while x < 1040:
            width = 30 + int(next(numbers) * 40)
            height = 70 + int(next(numbers) * 50)
            draw.rectangle((x, y - height, x + width, y - 6), fill=ink)
            x += width + 14


MOTIFS = {
    "technology": _code_bars,
    "healthcare": _cross,
    "finance": _columns,
    "media": _text_lines,
    "legal": _documents,
    "services": _bubbles,
    "trades": _cables,
    "education": _books,
}


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def profession_picture(profession) -> tuple[ContentFile, str]:
    """Return a profession's drawn image (PNG) and its alt text."""
    category = profession.category.slug
    ground, ink, colour, motif = CATEGORY_STYLES.get(category, DEFAULT_STYLE)
    image = Image.new("RGB", (WIDTH, HEIGHT), ground)
    MOTIFS.get(category, _columns)(ImageDraw.Draw(image), ink, _numbers(profession.slug))
    alt = (
        f"Illustration for {profession.name}: {motif} on a {colour} ground, "
        f"the motif of the {profession.category.name} section."
    )
    return ContentFile(_png(image), name=f"{profession.slug}.png"), alt


def issue_cover(issue, category_slugs) -> tuple[ContentFile, str]:
    """Return an issue's drawn cover (PNG): one band per section it covers, and its alt text."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    numbers = _numbers(f"issue-{issue.volume}-{issue.number}")
    band = WIDTH // max(1, len(category_slugs))
    for i, slug in enumerate(category_slugs):
        ground, ink, _colour, _motif = CATEGORY_STYLES.get(slug, DEFAULT_STYLE)
        top = 120 + int(next(numbers) * 260)
        draw.rectangle((i * band, top, (i + 1) * band - 8, HEIGHT), fill=ground)
        draw.ellipse((i * band + 30, top + 30, i * band + 90, top + 90), fill=ink)
    alt = (
        f"Cover of {issue.title}: {len(category_slugs)} coloured columns of different heights, "
        "one for each section of the issue, on a cream ground."
    )
    return ContentFile(_png(image), name=f"issue-{issue.volume}-{issue.number}.png"), alt
