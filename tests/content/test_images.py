"""Images staff publish are re-encoded: bounded in size, without the place they were taken;
and a file taken off, or whose voice or article is deleted, leaves public media."""

import logging
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from tests.conftest import client_for
from tests.images import DAMAGED_EXIF, cut_out_portrait, photo_with_damaged_exif
from wpm.images import reencoded
from wpm.models import Article, Voice

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


@pytest.mark.parametrize("kind", list(DAMAGED_EXIF))
def test_a_voice_photo_with_damaged_metadata_is_taken_and_stood_upright(editor, kind):
    upload = photo_with_damaged_exif(kind)
    response = client_for(editor).post("/admin/wpm/voice/add/", voice_data(photo=upload))
    assert response.status_code == 302
    with Voice.objects.get().photo.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
    assert image.size == (180, 240), "turned as the camera was held"


def test_a_voice_photo_cut_out_of_its_background_stands_on_white(editor):
    upload = cut_out_portrait("RGBA")
    response = client_for(editor).post("/admin/wpm/voice/add/", voice_data(photo=upload))
    assert response.status_code == 302
    with Voice.objects.get().photo.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
    assert min(image.getpixel((2, 2))) > 240, "the transparent background is white, not black"


def test_a_large_image_is_bounded_on_its_longest_side():
    stored = Image.open(BytesIO(reencoded(phone_photo(4000, 3000), 1600).read()))
    assert stored.size == (1600, 1200)
    assert not stored.getexif().get(GPS)


@pytest.fixture
def voice_with_photo(editor):
    response = client_for(editor).post("/admin/wpm/voice/add/", voice_data(photo=phone_photo()))
    assert response.status_code == 302
    voice = Voice.objects.get()
    assert default_storage.exists(voice.photo.name)
    return voice


def test_a_deleted_voice_s_photo_is_no_longer_served(
    editor, voice_with_photo, django_capture_on_commit_callbacks
):
    url = f"/admin/wpm/voice/{voice_with_photo.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not default_storage.exists(voice_with_photo.photo.name)


def test_voices_deleted_together_take_their_photos(
    editor, voice_with_photo, django_capture_on_commit_callbacks
):
    data = {"action": "delete_selected", "_selected_action": [voice_with_photo.pk], "post": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post("/admin/wpm/voice/", data)
    assert response.status_code == 302
    assert not Voice.objects.exists()
    assert not default_storage.exists(voice_with_photo.photo.name)


def test_a_photo_taken_off_or_replaced_is_no_longer_served(
    editor, voice_with_photo, django_capture_on_commit_callbacks
):
    url = f"/admin/wpm/voice/{voice_with_photo.pk}/change/"
    first = voice_with_photo.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(url, voice_data(photo=phone_photo(400, 400)))
    second = Voice.objects.get().photo.name
    assert second != first and default_storage.exists(second)
    assert not default_storage.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(url, voice_data(**{"photo-clear": "on"}))
    assert not Voice.objects.get().photo
    assert not default_storage.exists(second)


def test_a_voice_saved_without_touching_its_photo_keeps_it(
    editor, voice_with_photo, django_capture_on_commit_callbacks
):
    url = f"/admin/wpm/voice/{voice_with_photo.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor).post(url, voice_data(name="Renamed Person"))
        Voice.objects.get().save(update_fields=["position"])
    assert Voice.objects.get().photo.name == voice_with_photo.photo.name
    assert default_storage.exists(voice_with_photo.photo.name)


def test_a_deletion_rolled_back_keeps_the_photo(
    voice_with_photo, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Voice.objects.get().delete()
        raise RuntimeError
    assert Voice.objects.get().photo.name == voice_with_photo.photo.name
    assert default_storage.exists(voice_with_photo.photo.name)


def test_a_photo_the_storage_keeps_is_logged_and_the_voice_still_goes(
    editor, voice_with_photo, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(name):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(default_storage, "delete", refuse)
    url = f"/admin/wpm/voice/{voice_with_photo.pk}/delete/"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Voice.objects.exists()
    assert voice_with_photo.photo.name in caplog.text


def test_an_article_s_image_and_pdf_leave_with_it(editor, django_capture_on_commit_callbacks):
    data = {
        "kind": "publication",
        "title": "T",
        "slug": "t",
        "summary": "s",
        "body": "b",
        "language": "en",
        "status": "draft",
        "published_on": "2026-01-01",
        "image_alt": "A meeting",
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
    }
    client = client_for(editor)

    def pdf():
        return SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")

    client.post("/admin/wpm/article/add/", data | {"image": phone_photo(), "pdf": pdf()})
    first = Article.objects.get()
    assert first.image and first.pdf
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/wpm/article/{first.pk}/change/", data | {"pdf": pdf()})
    second = Article.objects.get()
    assert not default_storage.exists(first.pdf.name)
    assert default_storage.exists(second.pdf.name) and second.image == first.image

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/wpm/article/{first.pk}/delete/", {"post": "yes"})
    assert not Article.objects.exists()
    assert not default_storage.exists(second.image.name)
    assert not default_storage.exists(second.pdf.name)
