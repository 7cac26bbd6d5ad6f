"""Members' photos: stored at two sizes under a random name, re-encoded by ``wpm.images``."""

import secrets

from django.core.files.base import ContentFile
from PIL import ImageOps

from wpm.images import jpeg, open_image

SIZES = {"photo": 640, "photo_small": 160}

# A member's photo is opened as any uploaded image is: small, real, and of a known format.
open_photo = open_image


def render_sizes(image):
    """JPEG files at each size, under a random name: no name, no GPS, no camera data."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    token = secrets.token_hex(16)
    return {
        field: ContentFile(jpeg(image, edge), name=f"{token}-{edge}.jpg")
        for field, edge in SIZES.items()
    }


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
