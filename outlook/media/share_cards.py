"""Share cards: the 1200×630 PNG link previews show for an outlook or an issue.

Drawn with Pillow by a task whenever what a card shows may have changed (the gate's publishing
events). Each drawing is saved under a new name carrying a hash of what it shows, because
social sites cache an image by its URL; an unchanged card is not drawn again.
"""

import hashlib
import io
from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from outlook.models import RELEASED, Exposure, Issue, Outlook
from outlook.publishing import pipeline
from outlook.reading.seo import SITE_NAME
from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
# Debian's fonts-dejavu-core (installed on CI and in the image); Pillow's own font otherwise.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAPER, INK, MUTED = "#fbf8f1", "#1b1b1b", "#4a4a4a"
# The site's exposure colours (static/css/site.css), each part labelled (not colour alone).
MIX_COLOURS = {Exposure.HIGH: "#9b1c1c", Exposure.MEDIUM: "#7a4a00", Exposure.LOW: "#165c2f"}
# Part of every hash: a change to the drawing gives every card a new name.
LAYOUT_VERSION = "1"


class ShareCard(models.Model):
    """The current share card of one outlook or one issue."""

    outlook = models.OneToOneField(
        Outlook, on_delete=models.CASCADE, null=True, blank=True, related_name="share_card"
    )
    issue = models.OneToOneField(
        Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="share_card"
    )
    image = models.FileField(_("image"), max_length=200)
    content_hash = models.CharField(max_length=64)
    drawn_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("share card")
        verbose_name_plural = _("share cards")
        constraints = [
            models.CheckConstraint(
                condition=Q(outlook__isnull=True) ^ Q(issue__isnull=True),
                name="sharecard_one_subject",
            )
        ]

    def __str__(self):
        return self.image.name


def font(size: int, *, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size=size)


def wrap(draw, text: str, face, width: int, max_lines: int) -> list[str]:
    """Break `text` into lines no wider than `width`; an overflow ends in an ellipsis."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;: ") + "…"
    return lines


def draw_lines(draw, lines, *, top: int, face, fill, spacing: int) -> int:
    for line in lines:
        draw.text((MARGIN, top), line, font=face, fill=fill)
        top += face.size + spacing
    return top


def mix_bar(draw, counts: dict[str, int], *, top: int) -> None:
    """Draw the task mix as one stacked bar, each part labelled with its level and count."""
    total = sum(counts.values())
    left, right, height = MARGIN, WIDTH - MARGIN, 56
    label_font = font(24, bold=True)
    for level in Exposure.values:
        if not counts[level]:
            continue
        width = round((right - MARGIN) * counts[level] / total)
        end = min(left + width, right)
        draw.rectangle((left, top, end, top + height), fill=MIX_COLOURS[level])
        label = f"{counts[level]} {level}"
        if draw.textlength(label, font=label_font) < end - left - 16:
            draw.text((left + 12, top + 14), label, font=label_font, fill="#ffffff")
        left = end


def render(*, kicker: str, title: str, text: str, index: int | None, counts) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 12), fill=INK)
    draw.text((MARGIN, 44), kicker.upper(), font=font(24, bold=True), fill=MUTED)
    heading = font(54, bold=True)
    top = draw_lines(
        draw,
        wrap(draw, title, heading, WIDTH - 2 * MARGIN, 2),
        top=92,
        face=heading,
        fill=INK,
        spacing=10,
    )
    body = font(32)
    draw_lines(
        draw,
        wrap(draw, text, body, WIDTH - 2 * MARGIN, 3),
        top=top + 18,
        face=body,
        fill=INK,
        spacing=10,
    )
    if counts and sum(counts.values()):
        draw.text(
            (MARGIN, 440), f"Exposure index {index} / 100", font=font(36, bold=True), fill=INK
        )
        mix_bar(draw, counts, top=500)
    draw.text((MARGIN, HEIGHT - 48), SITE_NAME, font=font(22), fill=MUTED)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def outlook_card(outlook: Outlook) -> dict:
    return {
        "kicker": outlook.kicker,
        "title": outlook.headline,
        "text": outlook.verdict or outlook.standfirst,
        "index": outlook.exposure_index,
        "counts": outlook.exposure_counts,
    }


def issue_card(issue: Issue) -> dict:
    return {
        "kicker": issue.masthead,
        "title": issue.title,
        "text": "Profession by profession, how exposed each job is to AI, task by task.",
        "index": None,
        "counts": None,
    }


def content_hash(content: dict) -> str:
    key = repr((LAYOUT_VERSION, sorted(content.items())))
    return hashlib.sha256(key.encode()).hexdigest()


def save_card(*, subject: Outlook | Issue, content: dict) -> ShareCard | None:
    """Draw and store `subject`'s card unless the stored one already shows `content`."""
    field = "outlook" if isinstance(subject, Outlook) else "issue"
    digest = content_hash(content)
    current = ShareCard.objects.filter(**{field: subject}).first()
    if current and current.content_hash == digest and default_storage.exists(current.image.name):
        return current
    name = default_storage.save(
        f"share-cards/{field}-{subject.pk}-{digest[:16]}.png", ContentFile(render(**content))
    )
    # Earlier files stay: link previews already posted keep pointing at them.
    card, _created = ShareCard.objects.update_or_create(
        **{field: subject}, defaults={"image": name, "content_hash": digest}
    )
    # Cached pages name the card: they are built again.
    transaction.on_commit(partial(pipeline.share_image_changed, subject), robust=True)
    return card


@retried_task(attempts=5, backoff=Backoff(first_seconds=30, max_seconds=1800))
def draw_share_card(kind: str, pk: int) -> None:
    """Draw the card of a released outlook ("outlook") or issue ("issue"), if it changed."""
    if kind == "outlook":
        outlook = Outlook.objects.with_page_data().filter(pk=pk, status__in=RELEASED).first()
        if outlook is not None:
            save_card(subject=outlook, content=outlook_card(outlook))
    else:
        issue = Issue.objects.filter(pk=pk, status__in=RELEASED).first()
        if issue is not None:
            save_card(subject=issue, content=issue_card(issue))


def redraw_after(*, kind: str, obj) -> None:
    """Queue a new card for a released outlook or issue after a change readers may see.

    Scheduled items are drawn too: they go live at their time without another event.
    """
    from outlook.publishing.gate import Effect

    if kind in (Effect.WITHDRAWN, Effect.CURRENT_CHANGED):
        return  # gone, or only another issue on the home page: the card is unchanged
    if getattr(obj, "status", None) not in RELEASED:
        return
    if isinstance(obj, Outlook | Issue) and obj.pk is not None:
        enqueue_on_commit(draw_share_card, type(obj).__name__.lower(), obj.pk)


def card_url(request, subject) -> str | None:
    """Return the absolute URL of `subject`'s share card, if it has one."""
    card = getattr(subject, "share_card", None) if subject.pk else None
    return request.build_absolute_uri(card.image.url) if card else None
