"""Uploaded images: only real JPEG, PNG or WebP files, re-encoded so that no metadata survives.

Members' photos (``mediators.photos``) and the images staff publish (voices' photos, articles'
images) both pass through here.
"""

import threading
import warnings
from contextlib import contextmanager
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a portrait
# MPO is a JPEG with a second picture inside (a preview or a depth map), as many cameras and
# phones write them: Pillow names it apart and reads its first picture, the photo.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}

INVALID = _("Please upload a JPEG, PNG or WebP photo.")

ORIENTATION = 0x0112  # the EXIF tag by which a camera says which way up it was held
# What each orientation asks for to show the picture upright (as ImageOps.exif_transpose does).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_loading = threading.Lock()


def open_image(upload):
    """An upload as an upright RGB picture, refusing anything that is not a small, real photo."""
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
            with _truncated_refused():
                image.load()
            image = on_white(upright(image))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(INVALID) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The photo has too many pixels. Please choose a smaller one.")
        ) from error
    return image


@contextmanager
def _truncated_refused():
    """Pillow reads a cut-off file as whole, its missing part grey, while a flag of its own
    says so, for the whole process; WeasyPrint sets it when imported (wpm.pdf). An upload is
    loaded with it off, and one at a time, so that no other load puts it back meanwhile."""
    with _loading:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def upright(image):
    """The picture the way up the camera was held, when its metadata says so and can be read."""
    try:
        orientation = image.getexif().get(ORIENTATION)
    except Exception:  # phones write damaged EXIF, on which Pillow fails in many ways
        return image
    # Turned directly: ImageOps.exif_transpose also writes the EXIF back, and fails on the
    # damaged blocks some phones write, which Pillow reads without complaint.
    method = UPRIGHT.get(orientation) if isinstance(orientation, int) else None
    return image.transpose(method) if method is not None else image


def on_white(image):
    """The picture in RGB as a page shows it: what is transparent stands on white."""
    # Converted as they come, a cut-out portrait would stand on black (or whatever colour its
    # hidden pixels have), and 16-bit grey, read as numbers up to 65535, would come out white.
    if image.mode.startswith("I"):
        image = image.point(lambda value: value / 256).convert("L")
    if not image.has_transparency_data:
        return image.convert("RGB")
    image = image.convert("RGBA")
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image)  # pasted through its own alpha
    return flat


def jpeg(image, edge):
    """The image as JPEG bytes at most edge pixels a side; no GPS, no camera data survives."""
    copy = image.copy()
    # Pillow writes a JPEG's comment again unless told otherwise, and some apps put the place
    # a photo was taken there. Nothing read with the image is written.
    copy.info.clear()
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def reencoded(upload, edge):
    """An uploaded image as a JPEG at most edge pixels a side, without its metadata.

    For the images staff publish (voices' photos, articles' images): a phone photo would
    otherwise be sent whole to every visitor, with the place it was taken.
    """
    return ContentFile(jpeg(open_image(upload), edge), name="image.jpg")
