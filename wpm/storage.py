"""What the foundation knows of file storage: which errors mean it failed, and whether it answers.

Apps catch ``STORAGE_ERRORS`` and never need to know which backend the settings chose.
"""

import logging
import os
import tempfile
from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # no object storage installed: only the file system can fail
    STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError,)
else:
    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

logger = logging.getLogger(__name__)

UPLOAD_STORAGES = ("default", "private")
# A health probe comes every few seconds; a storage is asked at most this often per process.
CHECK_SECONDS = 30
# What a folder must take to count as up: a small photo's worth. An empty file takes no free
# space, and a full disk, where every upload fails, made one without complaint.
PROBE_BYTES = 64 * 1024

_checks: dict[tuple[str | None, ...], tuple[float, dict[str, str]]] = {}


def delete_quietly(storage: Storage, name: str, owner: str) -> None:
    """A file nothing points at any more is deleted; one the storage keeps is logged, not raised:
    the row is already right, and the file can go by hand."""
    try:
        storage.delete(name)
    except STORAGE_ERRORS:
        logger.exception("File %s of %s left behind: deleting it failed", name, owner)


class FilesNotStored(Exception):
    """The storage failed while a row's new files were stored; none of them was kept."""


def store_new_files(instance: models.Model) -> None:
    """The files a row is given are stored before it is written, as its save would store them;
    when the storage fails, those already stored go again and FilesNotStored says so, so that
    no file stays that no row names."""
    owner = f"{instance._meta.label} {instance.pk or '(new)'}"
    stored: list[tuple[models.FileField, str]] = []
    for field in _file_fields(instance):
        file = getattr(instance, field.attname)
        if not file or file._committed:
            continue
        try:
            file.save(file.name, file.file, save=False)
        except STORAGE_ERRORS as error:
            logger.exception(
                "Files of %s not stored: writing %s to %s failed",
                owner,
                field.name,
                field.storage.__class__.__name__,
            )
            for done, name in stored:
                delete_quietly(done.storage, name, owner)
            raise FilesNotStored from error
        stored.append((field, file.name))


def delete_files_with_rows(model: type[models.Model]) -> None:
    """A file the model's rows no longer name, cleared, replaced or its row deleted, leaves the
    storage once that is committed. Django keeps it, and media serve it to anyone who kept its
    address: a withdrawn testimonial's photo would stay online."""
    uid = f"wpm.storage:{model._meta.label}"
    pre_save.connect(_note_stored_files, sender=model, dispatch_uid=uid)
    post_save.connect(_delete_replaced_files, sender=model, dispatch_uid=uid)
    post_delete.connect(_delete_files_of_row, sender=model, dispatch_uid=uid)


def _file_fields(instance: models.Model) -> list[models.FileField]:
    deferred = instance.get_deferred_fields()
    return [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, models.FileField) and field.attname not in deferred
    ]


def _note_stored_files(
    sender: type[models.Model],
    instance: models.Model,
    raw: bool = False,
    using: str | None = None,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    """Before a row is written: the names its file fields hold in the database."""
    fields = [
        field.attname
        for field in _file_fields(instance)
        if update_fields is None or field.name in update_fields
    ]
    # A fixture being loaded (raw) writes rows as they were, and files with them.
    if raw or instance._state.adding or not fields:
        return
    rows = sender._base_manager.using(using).filter(pk=instance.pk).values(*fields)
    instance._stored_files = rows.first() or {}  # type: ignore[attr-defined]


def _delete_replaced_files(
    sender: type[models.Model], instance: models.Model, using: str | None = None, **kwargs: Any
) -> None:
    """Once the row is written: the files it named before and names no more are deleted."""
    stored = instance.__dict__.pop("_stored_files", {})
    for field in _file_fields(instance):
        old = stored.get(field.attname)
        if old and old != getattr(instance, field.attname).name:
            _delete_on_commit(field, old, instance, using)


def _delete_files_of_row(
    sender: type[models.Model], instance: models.Model, using: str | None = None, **kwargs: Any
) -> None:
    for field in _file_fields(instance):
        if name := getattr(instance, field.attname).name:
            _delete_on_commit(field, name, instance, using)


def _delete_on_commit(
    field: models.FileField, name: str, instance: models.Model, using: str | None
) -> None:
    # After the commit only: a change rolled back still names the file, which must then stay.
    owner = f"{instance._meta.label} {instance.pk}"
    transaction.on_commit(partial(delete_quietly, field.storage, name, owner), using=using)


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
    """Up when the folder exists, or can be made, and takes a small photo's worth of bytes."""

    def check() -> None:
        os.makedirs(location, exist_ok=True)
        with tempfile.TemporaryFile(dir=location) as probe:
            # Random, so that a file system which compresses or skips zeros stores them all;
            # written through to the disk, where a full one says so.
            probe.write(os.urandom(PROBE_BYTES))
            probe.flush()
            os.fsync(probe.fileno())

    return _remembered(("folder", str(location)), check)


def _bucket_health(storage: Any) -> dict[str, str]:
    """Up when the bucket answers a HEAD request, under the client's short timeouts."""

    def check() -> None:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)

    return _remembered(("bucket", storage.endpoint_url, storage.bucket_name), check)


def _remembered(key: tuple[str | None, ...], check: Callable[[], None]) -> dict[str, str]:
    """The state a check found, asked again once it is CHECK_SECONDS old: writing to a disk
    and asking a bucket are cheap once in a while, not on every probe of every process."""
    now = monotonic()
    checked = _checks.get(key)
    if checked is not None and now - checked[0] < CHECK_SECONDS:
        return dict(checked[1])
    try:
        check()
    except STORAGE_ERRORS as error:
        result = _down(error)
    else:
        result = {"state": "up"}
    _checks[key] = (now, result)
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
