"""Members' photos: stored at two sizes under a random name, re-encoded by ``wpm.images``."""

import logging
import secrets

from django.core.files.base import ContentFile

from wpm.images import jpeg, open_image
from wpm.storage import STORAGE_ERRORS, delete_quietly

logger = logging.getLogger(__name__)

SIZES = {"photo": 640, "photo_small": 160}

# A member's photo is opened as any uploaded image is: small, real, of a known format, upright.
open_photo = open_image


class PhotoNotStored(Exception):
    """The storage failed while a new photo was stored; the profile was left as it was."""


def render_sizes(image):
    """JPEG files at each size, under a random name: no name, no GPS, no camera data."""
    token = secrets.token_hex(16)
    return {
        field: ContentFile(jpeg(image, edge), name=f"{token}-{edge}.jpg")
        for field, edge in SIZES.items()
    }


def replace_photo(mediator, image):
    """The profile points at the new sizes once both are stored, then the old files go; when the
    storage fails, the profile stays as it was and PhotoNotStored says so."""
    sizes = render_sizes(image)
    stored = {}
    try:
        for field, content in sizes.items():
            stored[field] = _store(mediator, field, content)
    except STORAGE_ERRORS as error:
        storage = type(mediator._meta.get_field(field).storage).__name__
        logger.exception(
            "Photo of mediator %s not stored: writing %s to %s failed", mediator.pk, field, storage
        )
        for written, name in stored.items():
            _delete_quietly(mediator, written, name)
        raise PhotoNotStored from error
    old = [(field, getattr(mediator, field).name) for field in SIZES if getattr(mediator, field)]
    for field, name in stored.items():
        setattr(mediator, field, name)
    mediator.save(update_fields=[*SIZES, "updated_at"])
    for field, name in old:
        _delete_quietly(mediator, field, name)


def _store(mediator, field, content):
    """Write one size where the field keeps its files, without pointing the profile at it."""
    file_field = mediator._meta.get_field(field)
    name = file_field.generate_filename(mediator, content.name)
    return file_field.storage.save(name, content, max_length=file_field.max_length)


def _delete_quietly(mediator, field, name):
    storage = mediator._meta.get_field(field).storage
    delete_quietly(storage, name, f"mediator {mediator.pk}")


def delete_files(mediator):
    """Her photo's files, deleted (her profile is going): what the storage keeps is logged."""
    for field in SIZES:
        if name := getattr(mediator, field).name:
            _delete_quietly(mediator, field, name)


def remove_photo(mediator):
    """The profile stops showing her photo at once, whatever the storage says: she may be at
    risk, and a file nothing points at is never served. One the storage keeps is logged."""
    old = [(field, getattr(mediator, field).name) for field in SIZES if getattr(mediator, field)]
    for field in SIZES:
        setattr(mediator, field, "")
    mediator.save(update_fields=[*SIZES, "updated_at"])
    for field, name in old:
        _delete_quietly(mediator, field, name)
