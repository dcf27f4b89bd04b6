"""Resized copies of uploaded images, so readers download only the pixels they see.

Each image gets a 400 and a 1200 pixel wide rendition (never wider than the original), as
WebP for browsers that take it and JPEG for the rest, made with Pillow by a task once an image
is uploaded or replaced (never on other saves of its owner) and stored through default storage
next to each other under renditions/. Pages only build their addresses: with object storage,
asking whether a file exists is a network round trip per file, which a page view must not pay.
"""

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from outlook.taskqueue.queue import Backoff, enqueue_on_commit, retried_task

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

    Robust: a file lost from storage is logged, and the caller goes on.
    """
    if not field_file or not width:
        return
    try:
        _make_missing_renditions(field_file.name, width)
    except (OSError, ValueError):
        logger.exception("Cannot make renditions of %s", field_file.name)


@retried_task(attempts=6, backoff=Backoff(first_seconds=30, max_seconds=1800))
def make_renditions_of(name: str, width: int) -> str:
    """Make the missing renditions of a stored image; a storage outage is retried later."""
    try:
        _make_missing_renditions(name, width)
    except (FileNotFoundError, ValueError):
        # Replaced and deleted before the task ran, or not an image: retrying cannot help.
        logger.exception("Cannot make renditions of %s", name)
        return "skipped"
    return "made"


def _make_missing_renditions(name: str, width: int) -> None:
    missing = [
        (w, extension)
        for w in rendition_widths(width)
        for extension in FORMATS
        if not default_storage.exists(rendition_path(name, w, extension))
    ]
    if not missing:
        return
    with default_storage.open(name, "rb") as stored, Image.open(stored) as original:
        image = _flatten(ImageOps.exif_transpose(original))
    for target_width, extension in missing:
        resized = image.resize(
            (target_width, scaled_height(image.width, image.height, target_width)),
            Image.Resampling.LANCZOS,
        )
        pillow_format, options = FORMATS[extension]
        buffer = BytesIO()
        resized.save(buffer, format=pillow_format, **options)
        path = rendition_path(name, target_width, extension)
        # Two tasks may race to create the same rendition; the loser's copy is harmless.
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(buffer.getvalue()))


class RenditionsOnImageChange:
    """Model mixin: once a save that changed an image commits, a task makes its renditions.

    `rendition_images` lists (image field, its width field). Saves that leave the image as it
    was loaded (a status change, a title edit) enqueue nothing.
    """

    rendition_images: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_image_names = instance._loaded_image_names()
        return instance

    def _loaded_image_names(self) -> dict[str, str]:
        # Read from __dict__: a deferred field is not loaded, so it cannot have changed.
        return {
            field: getattr(self.__dict__[field], "name", self.__dict__[field]) or ""
            for field, _width in self.rendition_images
            if field in self.__dict__
        }

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        saved = getattr(self, "_saved_image_names", {})
        for field, width_field in self.rendition_images:
            update_fields = kwargs.get("update_fields")
            if field not in self.__dict__ or (update_fields and field not in update_fields):
                continue
            name = getattr(self, field).name or ""
            if name and name != saved.get(field):
                enqueue_on_commit(make_renditions_of, name, getattr(self, width_field))
            saved[field] = name
        self._saved_image_names = saved


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
