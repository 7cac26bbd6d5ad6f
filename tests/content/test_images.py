"""Images staff publish are re-encoded: bounded in size, without the place they were taken."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import client_for
from wpm.images import reencoded
from wpm.models import Voice

pytestmark = pytest.mark.django_db

GPS = 0x8825  # the EXIF block that holds where a photo was taken


def phone_photo(width=3000, height=2000):
    """A large JPEG with a camera's metadata: a make, and a position."""
    image = Image.new("RGB", (width, height), (180, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)}
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")


def voice_data(**overrides):
    return {
        "quote": "Women mediators change what is on the table.",
        "quote_language": "en",
        "name": "Invented Person",
        "role": "Mediation adviser (fictional)",
        "organisation": "",
        "country": "KE",
        "consent_given_on": "2026-01-01",
        "consent_method": "signed form",
        "status": "published",
        "position": "0",
        **overrides,
    }


def test_a_voice_photo_is_stored_small_and_without_metadata(editor):
    upload = phone_photo()
    assert Image.open(BytesIO(upload.read())).getexif()[0x010F] == "PhoneMaker"
    upload.seek(0)

    response = client_for(editor).post("/admin/wpm/voice/add/", voice_data(photo=upload))

    assert response.status_code == 302, response.content.decode()[:2000]
    voice = Voice.objects.get()
    with voice.photo.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
    assert image.format == "JPEG"
    assert max(image.size) == 240
    assert image.size == (240, 160), "the proportions are kept"
    exif = image.getexif()
    assert not exif.get(0x010F) and not exif.get(GPS)
    assert "IMG_2041" not in voice.photo.name
    assert voice.photo.size < 20_000


def test_something_that_is_no_image_is_refused_and_nothing_is_stored(editor):
    fake = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client_for(editor).post("/admin/wpm/voice/add/", voice_data(photo=fake))
    assert response.status_code == 200
    assert "image" in response.content.decode().lower()
    assert not Voice.objects.exists()


def test_a_large_image_is_bounded_on_its_longest_side():
    stored = Image.open(BytesIO(reencoded(phone_photo(4000, 3000), 1600).read()))
    assert stored.size == (1600, 1200)
    assert not stored.getexif().get(GPS)
