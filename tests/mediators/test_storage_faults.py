"""When the photos' storage fails: the member is told, her profile keeps its photo and nothing is
left half-written; and a cheap report of whether the upload storages answer.

The failures are real ones: an S3 storage whose endpoint is a port on this machine where nothing
listens (or where nothing answers), and a folder on the file system that fills up.
"""

import errno
import logging
import socket
import time
from io import BytesIO
from pathlib import Path

import pytest
from botocore.config import Config
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from mediators.models import Mediator
from tests.conftest import client_for
from wpm import storage as wpm_storage
from wpm.storage import storage_health

S3 = "storages.backends.s3.S3Storage"
FOLDER = f"{__name__}.FillingFolder"
NOT_STORED = (
    "Your photo could not be stored just now, so nothing was changed. Please try again later."
)


class FillingFolder(FileSystemStorage):
    """A folder that takes `room` more files, then refuses the next as a full disk does; with
    `can_delete` false it keeps every file, as a folder whose permissions changed does."""

    def __init__(self, room=1, can_delete=True, **kwargs):
        super().__init__(**kwargs)
        self.room = room
        self.can_delete = can_delete
        self.saved = []

    def _save(self, name, content):
        if len(self.saved) == self.room:
            raise OSError(errno.ENOSPC, "No space left on device", name)
        self.saved.append(super()._save(name, content))
        return self.saved[-1]

    def delete(self, name):
        if not self.can_delete:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        super().delete(name)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bucket_at(port, timeout=1):
    """An S3 storage for the bucket 'photos' at this port of this machine, made to fail fast."""
    return {
        "bucket_name": "photos",
        "endpoint_url": f"http://127.0.0.1:{port}",
        "region_name": "us-east-1",
        "access_key": "test-key",
        "secret_key": "test-secret",
        "location": "private",
        "file_overwrite": False,
        "default_acl": None,
        # One attempt: standard mode counts the retries after the first.
        "client_config": Config(
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"max_attempts": 0, "mode": "standard"},
        ),
    }


@pytest.fixture(autouse=True)
def _no_remembered_buckets(monkeypatch):
    """A port a test used may come back in a later one; no bucket's health is remembered then."""
    monkeypatch.setattr(wpm_storage, "_checks", {})


@pytest.fixture
def silent_port():
    """A port where connections are taken and never answered."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def photo_upload():
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("face.png", buffer.getvalue())


def files_in(folder):
    return sorted(path.name for path in Path(folder).rglob("*") if path.is_file())


@pytest.fixture
def her_profile(member, settings):
    """Her profile has a photo, stored while the file system storage worked."""
    assert client_for(member).post("/en/me/photo/", {"photo": photo_upload()}).status_code == 302
    mediator = Mediator.objects.get(user=member)
    assert files_in(settings.PRIVATE_MEDIA_ROOT) == sorted(
        [mediator.photo.name, mediator.photo_small.name]
    )
    return mediator


def photo_fields(mediator):
    return mediator.photo.name, mediator.photo_small.name, mediator.updated_at


def assert_unchanged(mediator, response):
    """The profile still shows, and points at, the photo she had."""
    assert photo_fields(Mediator.objects.get(pk=mediator.pk)) == photo_fields(mediator)
    assert reverse("photos:photo", args=[mediator.photo.name]) in response.content.decode()


# Storing a photo fails.


@pytest.mark.parametrize("language", ["en", "de"])
def test_while_the_bucket_is_unreachable_her_profile_keeps_its_photo(
    member, her_profile, use_photo_storage, settings, caplog, language
):
    use_photo_storage(S3, **bucket_at(free_port()))
    before = files_in(settings.PRIVATE_MEDIA_ROOT)

    with caplog.at_level(logging.ERROR, logger="mediators.photos"):
        response = client_for(member).post(f"/{language}/me/photo/", {"photo": photo_upload()})

    assert response.status_code == 503
    page = response.content.decode()
    with translation.override(language):
        assert gettext(NOT_STORED) in page
        assert gettext("Upload photo") in page, "the form comes back"
    assert f'<html lang="{language}"' in page
    assert 'type="file" name="photo"' in page
    assert_unchanged(her_profile, response)
    assert files_in(settings.PRIVATE_MEDIA_ROOT) == before, "the old files stay"
    [record] = [record for record in caplog.records if record.name == "mediators.photos"]
    assert record.exc_info[0].__name__ == "EndpointConnectionError", "the bucket was asked"
    assert f"mediator {her_profile.pk}" in record.getMessage()
    assert "Amina" not in caplog.text and "member@example.org" not in caplog.text


def test_when_the_second_size_fails_the_first_is_removed_again(
    member, her_profile, use_photo_storage, settings, caplog
):
    folder = use_photo_storage(FOLDER, location=str(settings.PRIVATE_MEDIA_ROOT), room=1)
    before = files_in(settings.PRIVATE_MEDIA_ROOT)

    response = client_for(member).post("/en/me/photo/", {"photo": photo_upload()})

    assert response.status_code == 503
    assert NOT_STORED in response.content.decode()
    [first] = folder.saved
    assert not folder.exists(first)
    assert files_in(settings.PRIVATE_MEDIA_ROOT) == before
    assert_unchanged(her_profile, response)
    assert "writing photo_small to FillingFolder failed" in caplog.text


def test_a_size_that_cannot_be_removed_again_is_logged_by_name(
    member, her_profile, use_photo_storage, settings, caplog
):
    folder = use_photo_storage(
        FOLDER, location=str(settings.PRIVATE_MEDIA_ROOT), room=1, can_delete=False
    )

    response = client_for(member).post("/en/me/photo/", {"photo": photo_upload()})

    assert response.status_code == 503
    assert_unchanged(her_profile, response)
    [first] = folder.saved
    assert folder.exists(first)
    assert f"File {first} of mediator {her_profile.pk} left behind" in caplog.text


def test_old_files_the_storage_keeps_do_not_undo_the_new_photo(
    member, her_profile, use_photo_storage, settings, caplog
):
    use_photo_storage(FOLDER, location=str(settings.PRIVATE_MEDIA_ROOT), room=2, can_delete=False)

    response = client_for(member).post("/en/me/photo/", {"photo": photo_upload()})

    assert response.status_code == 302
    mediator = Mediator.objects.get(pk=her_profile.pk)
    assert mediator.photo.name != her_profile.photo.name
    for old in (her_profile.photo.name, her_profile.photo_small.name):
        assert old in files_in(settings.PRIVATE_MEDIA_ROOT)
        assert f"File {old} of mediator {mediator.pk} left behind" in caplog.text


# Whether the storages answer.


def test_health_reports_an_unreachable_bucket_down_and_a_working_folder_up(use_photo_storage):
    use_photo_storage(S3, **bucket_at(free_port()))
    health = storage_health()
    assert health["default"] == {"state": "up"}
    assert health["private"]["state"] == "down"
    assert health["private"]["detail"].startswith("EndpointConnectionError: Could not connect")


def test_health_reports_a_folder_that_cannot_be_made_down(settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "a-file" / "private"
    health = storage_health()
    assert health["private"]["state"] == "down"
    assert health["private"]["detail"].startswith("NotADirectoryError")
    assert health["default"] == {"state": "up"}


def test_a_bucket_is_asked_at_most_every_30_seconds(use_photo_storage, silent_port, monkeypatch):
    use_photo_storage(S3, **bucket_at(silent_port, timeout=0.5))

    def timed_health():
        start = time.monotonic()
        private = storage_health()["private"]
        return private, time.monotonic() - start

    first, took = timed_health()
    assert first["state"] == "down"
    assert first["detail"].startswith("ReadTimeoutError")
    assert took >= 0.5
    again, took = timed_health()
    assert (again, took < 0.1) == (first, True), "answered from memory"

    later = time.monotonic() + 31
    monkeypatch.setattr(wpm_storage, "monotonic", lambda: later)
    _, took = timed_health()
    assert took >= 0.5, "asked again"


def test_removing_her_photo_while_the_bucket_is_unreachable_takes_it_off_her_profile(
    member, her_profile, use_photo_storage, caplog
):
    use_photo_storage(S3, **bucket_at(free_port()))
    response = client_for(member).post("/en/me/photo/", {"remove": "1"})
    assert response.status_code == 302
    mediator = Mediator.objects.get(pk=her_profile.pk)
    assert (mediator.photo.name, mediator.photo_small.name) == ("", "")
    page = client_for(member).get(mediator.get_absolute_url()).content.decode()
    assert her_profile.photo.name not in page
    assert f"File {her_profile.photo.name} of mediator {her_profile.pk} left behind" in caplog.text


def test_a_photo_the_bucket_cannot_hand_over_is_a_503_not_a_crash(
    member, her_profile, use_photo_storage, caplog
):
    use_photo_storage(S3, **bucket_at(free_port()))
    response = client_for(member).get(reverse("photos:photo", args=[her_profile.photo.name]))
    assert response.status_code == 503
    assert response.content.decode() == "The photo cannot be shown just now."
    assert f"mediator {her_profile.pk} could not be read" in caplog.text
