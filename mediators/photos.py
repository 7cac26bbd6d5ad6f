"""Photos: only real JPEG, PNG or WebP images, re-encoded so that no metadata survives."""

import secrets
import warnings
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a portrait
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
SIZES = {"photo": 640, "photo_small": 160}

INVALID = _("Please upload a JPEG, PNG or WebP photo.")


def open_photo(upload):
    """Open an upload as an image, refusing anything that is not a small, real photo."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB. Please choose a smaller file."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(INVALID)
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo has too many pixels. Please choose a smaller one.")
                )
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(INVALID) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The photo has too many pixels. Please choose a smaller one.")
        ) from error
    return image


def _jpeg(image, edge):
    """The image as JPEG bytes at most edge pixels a side; no GPS, no camera data survives."""
    copy = image.copy()
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def render_sizes(image):
    """JPEG files at each size, under a random name: no name, no GPS, no camera data."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    token = secrets.token_hex(16)
    return {
        field: ContentFile(_jpeg(image, edge), name=f"{token}-{edge}.jpg")
        for field, edge in SIZES.items()
    }


def reencoded(upload, edge):
    """An uploaded image as a JPEG at most edge pixels a side, without its metadata.

    For the images staff publish (voices' photos, articles' images): a phone photo would
    otherwise be sent whole to every visitor, with the place it was taken.
    """
    image = ImageOps.exif_transpose(open_photo(upload)).convert("RGB")
    return ContentFile(_jpeg(image, edge), name="image.jpg")


def replace_photo(mediator, image):
    """Store the new sizes, then delete the old files."""
    old = [getattr(mediator, field) for field in SIZES if getattr(mediator, field)]
    for field, content in render_sizes(image).items():
        getattr(mediator, field).save(content.name, content, save=False)
    mediator.save(update_fields=[*SIZES, "updated_at"])
    for file in old:
        file.storage.delete(file.name)


def remove_photo(mediator):
    for field in SIZES:
        file = getattr(mediator, field)
        if file:
            file.storage.delete(file.name)
        setattr(mediator, field, "")
    mediator.save(update_fields=[*SIZES, "updated_at"])
