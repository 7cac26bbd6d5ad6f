"""What the foundation knows of file storage: which errors mean it failed, and whether it answers.

Apps catch ``STORAGE_ERRORS`` and never need to know which backend the settings chose.
"""

import logging
import os
import tempfile
from time import monotonic
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # no object storage installed: only the file system can fail
    STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

logger = logging.getLogger(__name__)

UPLOAD_STORAGES = ("default", "private")
# A health probe comes every few seconds; a bucket is asked at most this often per process.
BUCKET_CHECK_SECONDS = 30

_bucket_checks: dict[tuple[str | None, str], tuple[float, dict[str, str]]] = {}


def storage_health() -> dict[str, dict[str, str]]:
    """Whether each upload storage answers: ``{"state": "up"}`` or ``"down"`` with a detail."""
    return {alias: _health(storages[alias]) for alias in UPLOAD_STORAGES}


def _health(storage: Storage) -> dict[str, str]:
    if isinstance(storage, FileSystemStorage):
        return _folder_health(storage.location)
    # Loaded here: it brings boto3, which a site on the file system never needs.
    from storages.backends.s3 import S3Storage

    if isinstance(storage, S3Storage):
        return _bucket_health(storage)
    return {"state": "unknown", "detail": f"no check for {type(storage).__name__}"}


def _folder_health(location: str | os.PathLike[str]) -> dict[str, str]:
    """Up when the folder exists, or can be made, and takes a file."""
    try:
        os.makedirs(location, exist_ok=True)
        with tempfile.TemporaryFile(dir=location):
            pass
    except OSError as error:
        return _down(error)
    return {"state": "up"}


def _bucket_health(storage: Any) -> dict[str, str]:
    """Up when the bucket answers a HEAD request, under the client's short timeouts."""
    key = (storage.endpoint_url, storage.bucket_name)
    now = monotonic()
    checked = _bucket_checks.get(key)
    if checked is not None and now - checked[0] < BUCKET_CHECK_SECONDS:
        return dict(checked[1])
    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except STORAGE_ERRORS as error:
        result = _down(error)
    else:
        result = {"state": "up"}
    _bucket_checks[key] = (now, result)
    return dict(result)


def _down(error: Exception) -> dict[str, str]:
    return {"state": "down", "detail": f"{type(error).__name__}: {error}"}


def media_url(file: Any) -> str:
    """The address of an uploaded file, or "" when the storage cannot give one: on object storage
    without a public domain each address is signed, and a signature needs credentials, which an
    instance's metadata service may fail to give. A page then shows no image rather than no page."""
    if not file:
        return ""
    try:
        return str(file.url)
    except STORAGE_ERRORS:
        logger.warning("No address for %s: the storage did not answer.", file.name, exc_info=True)
        return ""
