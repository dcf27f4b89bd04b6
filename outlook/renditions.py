"""Resized copies of uploaded images, so readers download only the pixels they see.

Each image gets a 400 and a 1200 pixel wide rendition (never wider than the original), as
WebP for browsers that take it and JPEG for the rest, made with Pillow when the image's owner
is saved and stored through default storage next to each other under renditions/. Pages only
build their addresses: with object storage, asking whether a file exists is a network round
trip per file, which a page view must not pay.
"""

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (400, 1200)
FORMATS = {"webp": ("WEBP", {"quality": 80}), "jpg": ("JPEG", {"quality": 82, "optimize": True})}
FOLDER = "renditions"


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """What templates/includes/picture.html needs: sources per format, a fallback, alt text."""

    alt: str
    webp: tuple[Rendition, ...]
    jpeg: tuple[Rendition, ...]

    @staticmethod
    def _srcset(renditions) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in renditions)

    @property
    def webp_srcset(self) -> str:
        return self._srcset(self.webp)

    @property
    def jpeg_srcset(self) -> str:
        return self._srcset(self.jpeg)

    @property
    def fallback(self) -> Rendition:
        return self.jpeg[-1]


def rendition_widths(original_width: int) -> list[int]:
    """Return the rendition widths for an image, never upscaling it."""
    return sorted({min(width, original_width) for width in WIDTHS})


def scaled_height(width: int, height: int, target_width: int) -> int:
    return max(1, round(height * target_width / width))


def rendition_path(name: str, width: int, extension: str) -> str:
    return f"{FOLDER}/{PurePosixPath(name).stem}-{width}w.{extension}"


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB copy, with transparency laid on white rather than black."""
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def make_renditions(field_file, width: int | None) -> None:
    """Create whichever renditions of `field_file` (`width` pixels wide) are missing.

    Robust: a file lost from storage is logged, and whatever saved the image is still saved.
    """
    if not field_file or not width:
        return
    try:
        _make_missing_renditions(field_file, width)
    except (OSError, ValueError):
        logger.exception("Cannot make renditions of %s", field_file.name)


def _make_missing_renditions(field_file, width: int) -> None:
    missing = [
        (w, extension)
        for w in rendition_widths(width)
        for extension in FORMATS
        if not default_storage.exists(rendition_path(field_file.name, w, extension))
    ]
    if not missing:
        return
    with field_file.open("rb"), Image.open(field_file) as original:
        image = _flatten(ImageOps.exif_transpose(original))
    for target_width, extension in missing:
        resized = image.resize(
            (target_width, scaled_height(image.width, image.height, target_width)),
            Image.Resampling.LANCZOS,
        )
        pillow_format, options = FORMATS[extension]
        buffer = BytesIO()
        resized.save(buffer, format=pillow_format, **options)
        path = rendition_path(field_file.name, target_width, extension)
        # Two requests may race to create the same rendition; the loser's copy is harmless.
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(buffer.getvalue()))


def picture(field_file, *, alt: str, width: int | None, height: int | None) -> Picture | None:
    """Return the renditions of an uploaded image for the page, or None when there is none.

    `width` and `height` are the original's, kept by the model so no page view opens it (nor
    asks the storage anything: the renditions were made when the image was saved).
    """
    if not field_file or not width or not height:
        return None
    renditions = {extension: [] for extension in FORMATS}
    for target_width in rendition_widths(width):
        target_height = scaled_height(width, height, target_width)
        for extension in FORMATS:
            url = default_storage.url(rendition_path(field_file.name, target_width, extension))
            renditions[extension].append(
                Rendition(url=url, width=target_width, height=target_height)
            )
    return Picture(alt=alt, webp=tuple(renditions["webp"]), jpeg=tuple(renditions["jpg"]))
