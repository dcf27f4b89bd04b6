"""Checks every uploaded image passes before it is stored, wherever it is uploaded.

The Markdown editor's upload endpoint and the image fields (issue cover, profession image)
share these checks, so a file refused in one place is refused in the other.
"""

import re
import uuid
import warnings
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name -> file extension we store it under.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_STORED_WIDTH = 2400
STORED_BOX = (MAX_STORED_WIDTH, MAX_STORED_WIDTH * 4)
ALT_TEXT_REQUIRED = _("Describe the image for readers who cannot see it.")
# What the editor's upload button inserts; the editor replaces it with a real description.
ALT_TEXT_PLACEHOLDER = "Describe this image"
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(")


def validate_markdown_image_alt_text(text: str) -> None:
    """Refuse Markdown whose images lack a description (or still carry the placeholder)."""
    for match in MARKDOWN_IMAGE.finditer(text or ""):
        alt = match.group(1).strip()
        if not alt or alt == ALT_TEXT_PLACEHOLDER:
            raise ValidationError(
                _(
                    "Each image needs alt text: write what it shows between the brackets of "
                    "![…](…), in place of “%(placeholder)s”."
                ),
                code="image_alt_missing",
                params={"placeholder": ALT_TEXT_PLACEHOLDER},
            )


def image_has_alt_constraint(image: str, alt: str, name: str) -> models.CheckConstraint:
    """An image needs its alt text: screen-reader users must learn what it shows."""
    return models.CheckConstraint(
        condition=Q(**{image: ""}) | ~Q(**{alt: ""}),
        name=name,
        violation_error_message=ALT_TEXT_REQUIRED,
    )


def validate_image_upload(upload) -> str:
    """Return the Pillow format of a real, reasonably sized raster image, or raise."""
    if upload.size > settings.MARKDOWNX_UPLOAD_MAX_SIZE:
        raise ValidationError(
            f"The image is {filesizeformat(upload.size)}; the limit is "
            f"{filesizeformat(settings.MARKDOWNX_UPLOAD_MAX_SIZE)}."
        )
    upload.seek(0)
    head = upload.read(512).lstrip().lower()
    if head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        raise ValidationError("SVG images are not accepted; upload a PNG, JPEG, GIF or WebP.")
    upload.seek(0)
    too_many_pixels = ValidationError(
        "The image has too many pixels to be processed safely (a possible decompression "
        f"bomb); the limit is {settings.IMAGE_MAX_PIXELS:,} pixels in all."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                # A browser decodes every frame of an animation: they all count.
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > settings.IMAGE_MAX_PIXELS:
                    in_frames = f" in each of {frames} frames" if frames > 1 else ""
                    raise ValidationError(
                        f"The image is {width}×{height} pixels{in_frames}; the limit is "
                        f"{settings.IMAGE_MAX_PIXELS:,} pixels in all."
                    )
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("The file is not a valid image.") from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("Only PNG, JPEG, GIF and WebP images are accepted.")
    return image_format


def random_image_name(image_format: str) -> str:
    return f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}"


def reencode_image(upload, image_format: str) -> tuple[BytesIO, str]:
    """Return the image re-encoded (upright, metadata dropped, width capped), randomly named.

    Nothing of the uploaded bytes is kept, only the pixels: whatever rode along (a script
    after a GIF's end, a file that is also valid JavaScript) is gone.
    """
    upload.seek(0)
    output = BytesIO()
    with Image.open(upload) as image:
        if image_format == "GIF":
            save_animation(image, output)
        else:
            # Phones store photos sideways with an EXIF note; turn them upright before the
            # metadata is dropped, so widths and heights match what readers see.
            image = ImageOps.exif_transpose(image)
            image.thumbnail(STORED_BOX)
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.save(output, format=image_format)
    output.seek(0)
    return output, random_image_name(image_format)


def save_animation(image, output: BytesIO) -> None:
    """Write a GIF's frames anew, each capped like other images, keeping its timing."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        frame = frame.convert("RGBA")
        frame.thumbnail(STORED_BOX)
        frames.append(frame)
        durations.append(frame.info.get("duration", image.info.get("duration", 100)))
    options = {"loop": image.info["loop"]} if "loop" in image.info else {}
    frames[0].save(
        output,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        disposal=2,
        **options,
    )


@deconstructible
class RandomImagePath:
    """Store uploads under `folder` with a random name, never the uploader's file name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        if suffix.lstrip(".") not in ALLOWED_FORMATS.values():
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomImagePath) and other.folder == self.folder


class CheckedImageFormField(forms.ImageField):
    """An image upload checked by `validate_image_upload`, then stored re-encoded."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # Our checks first: they give a clear message where Django's would only say
        # "not a valid image" (an SVG, a decompression bomb, a file over the size cap).
        image_format = validate_image_upload(data)
        super().to_python(data)
        content, name = reencode_image(data, image_format)
        return SimpleUploadedFile(name, content.read(), content_type=MIME_TYPES[image_format])


class CheckedImageField(models.ImageField):
    """An ImageField whose form runs our upload checks."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})


def image_fields(name: str, *, verbose_name, alt_verbose_name, folder: str, alt_help_text):
    """Return an image field, its alt text and its stored width and height, to unpack in a model.

    Issue covers and profession images are the same four fields under two names: one checked
    upload stored under a random name in `folder`, the alt text a constraint requires with it
    (`image_has_alt_constraint`), and the size Django fills in (`<name>_width`, `<name>_height`)
    so pages reserve the image's space without opening the file.
    """
    return (
        CheckedImageField(
            verbose_name,
            upload_to=RandomImagePath(folder),
            width_field=f"{name}_width",
            height_field=f"{name}_height",
            blank=True,
            help_text=_("PNG, JPEG, GIF or WebP, at least 1200 pixels wide for sharp pages."),
        ),
        models.CharField(alt_verbose_name, max_length=250, blank=True, help_text=alt_help_text),
        models.PositiveIntegerField(null=True, blank=True, editable=False),
        models.PositiveIntegerField(null=True, blank=True, editable=False),
    )
