"""Uploads on object storage: public media and private photos, and photos through any storage.

No test here talks to an S3 service: the settings are read and the storages built in a fresh
process, and signing a link happens on the spot.
"""

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mediators.models import Mediator
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
S3 = "storages.backends.s3.S3Storage"

STORAGES_SCRIPT = """
import json
import django
django.setup()
from django.core.files.storage import storages
from mediators.models import Mediator

report = {"photo_field": type(Mediator._meta.get_field("photo").storage).__name__}
for alias in ("default", "private"):
    storage = storages[alias]
    report[alias] = {"class": f"{type(storage).__module__}.{type(storage).__name__}"}
    for option in (
        "bucket_name", "location", "default_acl", "querystring_auth", "file_overwrite",
        "custom_domain", "endpoint_url", "region_name",
    ):
        report[alias][option] = getattr(storage, option, None)
    if hasattr(storage, "bucket_name"):
        report[alias]["url"] = storage.url("face.jpg")
        config = storage.client_config
        report[alias]["client"] = {
            "connect_timeout": config.connect_timeout,
            "read_timeout": config.read_timeout,
            "retries": config.retries,
        }
from django.conf import settings
report["img_src"] = settings.SECURE_CSP["img-src"]
print(json.dumps(report))
"""


def start_with(**variables):
    """Build the storages from these variables, in a process of its own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("S3_", "AWS_", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        WPM_ENV="test",
        DJANGO_SETTINGS_MODULE="wpm.settings",
        # Credentials come from the variables alone: no files, and no asking a cloud.
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        **variables,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", STORAGES_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def storages_with(**variables):
    result = start_with(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


S3_VARIABLES = {
    "S3_BUCKET": "wpm-media",
    "S3_PRIVATE_BUCKET": "wpm-private",
    "S3_ENDPOINT_URL": "https://objects.example.org",
    "S3_REGION": "fr-par",
    "S3_ACCESS_KEY_ID": "test-key",
    "S3_SECRET_ACCESS_KEY": "test-secret",
}


def test_with_a_bucket_photos_are_private_objects_behind_signed_links():
    report = storages_with(**S3_VARIABLES)
    private = report["private"]
    assert private["class"] == S3
    assert private["bucket_name"] == "wpm-private"
    assert private["location"] == "private"
    assert private["default_acl"] is None, "no ACL: private unless a bucket policy says else"
    assert private["querystring_auth"] is True
    assert private["file_overwrite"] is False
    assert private["custom_domain"] is None
    assert private["endpoint_url"] == "https://objects.example.org"
    assert private["region_name"] == "fr-par"
    assert private["url"].startswith("https://objects.example.org/wpm-private/private/face.jpg?")
    assert "X-Amz-Signature=" in private["url"]
    assert report["photo_field"] == "S3Storage"

    public = report["default"]
    assert public["class"] == S3
    assert public["bucket_name"] == "wpm-media"
    assert public["location"] == "media"
    assert public["default_acl"] is None
    assert public["file_overwrite"] is False
    assert public["url"].startswith("https://objects.example.org/wpm-media/media/face.jpg?")
    assert "X-Amz-Signature=" in public["url"], "without a CDN, public media links are signed"
    assert "https://objects.example.org" in report["img_src"], "the browser may show them"


def test_an_unanswering_bucket_fails_a_request_in_seconds():
    """botocore's own defaults wait 60 s to connect and 60 s a read, and try again."""
    report = storages_with(**S3_VARIABLES)
    for alias in ("default", "private"):
        client = report[alias]["client"]
        assert client["connect_timeout"] <= 5
        assert client["read_timeout"] <= 10
        assert client["retries"]["mode"] == "standard"
        attempts = 1 + client["retries"]["max_attempts"]  # standard mode counts the retries
        # The longest one request can wait on a bucket that does not answer.
        assert attempts * (client["connect_timeout"] + client["read_timeout"]) <= 20


def test_a_custom_domain_serves_public_media_but_never_photos():
    report = storages_with(
        S3_BUCKET="wpm",
        S3_CUSTOM_DOMAIN="media.example.org",
        S3_ACCESS_KEY_ID="test-key",
        S3_SECRET_ACCESS_KEY="test-secret",
    )
    assert report["default"]["url"] == "https://media.example.org/media/face.jpg"
    assert report["default"]["querystring_auth"] is False
    assert report["img_src"] == ["'self'", "data:", "https://media.example.org"]
    private = report["private"]
    assert private["bucket_name"] == "wpm", "the photos share the bucket unless told otherwise"
    assert private["custom_domain"] is None
    assert private["url"].startswith("https://wpm.s3.amazonaws.com/private/face.jpg?")
    assert "Signature=" in private["url"]


def test_without_a_bucket_files_stay_on_the_file_system():
    report = storages_with()
    assert report["default"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert report["private"]["class"] == "mediators.storage.PrivateStorage"
    assert report["photo_field"] == "PrivateStorage"
    assert report["img_src"] == ["'self'", "data:"]


def test_half_a_key_pair_stops_the_start():
    result = start_with(S3_BUCKET="wpm", S3_ACCESS_KEY_ID="test-key")
    assert result.returncode != 0
    assert "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" in result.stderr


# Photos go through Django's storage API only, so any backend serves them.


@pytest.fixture
def photos_in_memory(use_photo_storage):
    return use_photo_storage("django.core.files.storage.InMemoryStorage")


@pytest.mark.django_db
def test_photos_work_through_any_storage(member, photos_in_memory, settings):
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "navy").save(buffer, format="PNG")
    client = client_for(member)
    response = client.post(
        reverse("mediators:me_photo"), {"photo": SimpleUploadedFile("face.png", buffer.getvalue())}
    )
    assert response.status_code == 302

    mediator = Mediator.objects.get(user=member)
    names = [mediator.photo.name, mediator.photo_small.name]
    for name in names:
        assert photos_in_memory.exists(name)
        response = client.get(reverse("photos:photo", args=[name]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert Image.open(BytesIO(b"".join(response.streaming_content))).format == "JPEG"
    assert not [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]

    client.post(reverse("mediators:me_photo"), {"remove": "1"})
    assert not any(photos_in_memory.exists(name) for name in names)
