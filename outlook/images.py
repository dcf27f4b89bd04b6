"""Checks every uploaded image passes before it is stored."""

import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# Pillow format name -> file extension we store it under.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_STORED_WIDTH = 2400


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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        f"The image is {width}×{height} pixels; the limit is "
                        f"{settings.IMAGE_MAX_PIXELS:,} pixels in all."
                    )
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("The image has too many pixels to be processed safely.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("The file is not a valid image.") from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("Only PNG, JPEG, GIF and WebP images are accepted.")
    return image_format


def reencode_image(upload, image_format: str) -> tuple[BytesIO, str]:
    """Return the image re-encoded (metadata dropped, width capped) and a random file name."""
    upload.seek(0)
    with Image.open(upload) as image:
        if image_format != "GIF":  # re-encoding would drop a GIF's animation
            image.thumbnail((MAX_STORED_WIDTH, MAX_STORED_WIDTH * 4))
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            output = BytesIO()
            image.save(output, format=image_format)
        else:
            upload.seek(0)
            output = BytesIO(upload.read())
    output.seek(0)
    return output, f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}"
