"""When the storage fails as an editor saves a voice or an article with a file: she gets her
form back, with what she typed and why; nothing is saved and no file is left behind."""

import errno
import logging
from io import BytesIO
from pathlib import Path

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import client_for
from tests.content.test_images import phone_photo, voice_data
from tests.factories import VoiceFactory
from wpm.models import Article, Voice

pytestmark = pytest.mark.django_db

NOT_STORED = (
    "The file could not be stored just now, so nothing was saved. "
    "Please choose it again and try again in a few minutes."
)

FAILURES = {
    "full disk": lambda name: OSError(errno.ENOSPC, "No space left on device", name),
    "bucket away": lambda name: EndpointConnectionError(endpoint_url="http://127.0.0.1:9"),
}


@pytest.fixture
def storage_fails(monkeypatch):
    """The media storage takes `room` files, then refuses the next as `failure` says."""

    def fail(room=0, failure="full disk"):
        storage = storages["default"]
        save = storage._save
        saved = []

        def _save(name, content):
            if len(saved) == room:
                raise FAILURES[failure](name)
            saved.append(save(name, content))
            return saved[-1]

        monkeypatch.setattr(storage, "_save", _save)
        return saved

    return fail


def files_in(folder):
    return sorted(
        str(path.relative_to(folder)) for path in Path(folder).rglob("*") if path.is_file()
    )


def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def pdf_upload():
    return SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def assert_form_back(response):
    assert response.status_code == 503
    page = response.content.decode()
    assert NOT_STORED in page
    assert 'type="file" name=' in page, "the form comes back"
    return page


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_new_voice_comes_back_with_what_she_typed(editor, storage_fails, settings, failure):
    storage_fails(failure=failure)
    data = voice_data(
        photo=phone_photo(), quote="Peace is made at many tables.", consent_method="email"
    )

    response = client_for(editor).post("/admin/wpm/voice/add/", data)

    page = assert_form_back(response)
    assert "Peace is made at many tables." in page
    assert 'value="Invented Person"' in page
    assert not Voice.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_a_changed_voice_keeps_its_photo_and_her_edit_comes_back(
    editor, storage_fails, settings, caplog
):
    voice = VoiceFactory(photo=jpeg(), name="Invented Speaker")
    before = files_in(settings.MEDIA_ROOT)
    storage_fails()

    with caplog.at_level(logging.ERROR, logger="wpm.storage"):
        response = client_for(editor).post(
            f"/admin/wpm/voice/{voice.pk}/change/",
            voice_data(name="Renamed Speaker", photo=phone_photo()),
        )

    page = assert_form_back(response)
    assert 'value="Renamed Speaker"' in page
    kept = Voice.objects.get(pk=voice.pk)
    assert (kept.name, kept.photo.name) == ("Invented Speaker", voice.photo.name)
    assert files_in(settings.MEDIA_ROOT) == before
    assert f"wpm.Voice {voice.pk}" in caplog.text, "the failure is logged for the operators"
    assert "Speaker" not in caplog.text


def test_an_article_whose_second_file_fails_keeps_neither(editor, storage_fails, settings):
    saved = storage_fails(room=1)
    response = client_for(editor).post(
        "/admin/wpm/article/add/",
        {
            "kind": "publication",
            "title": "A paper on ceasefires",
            "slug": "a-paper-on-ceasefires",
            "summary": "What holds a ceasefire.",
            "body": "Text typed for an hour.",
            "language": "en",
            "status": "draft",
            "published_on": "2026-01-01",
            "image": phone_photo(),
            "image_alt": "A round table",
            "pdf": pdf_upload(),
            "authors-TOTAL_FORMS": "0",
            "authors-INITIAL_FORMS": "0",
        },
    )

    page = assert_form_back(response)
    assert "Text typed for an hour." in page
    assert 'value="A paper on ceasefires"' in page
    assert not Article.objects.exists()
    assert len(saved) == 1, "the image was stored before the PDF failed"
    assert not storages["default"].exists(saved[0])
    assert files_in(settings.MEDIA_ROOT) == []


def test_a_voice_saved_again_once_the_storage_answers_is_kept(editor, monkeypatch, settings):
    storage = storages["default"]
    save = storage._save

    def away(name, content):
        raise OSError(errno.EIO, "Input/output error", name)

    monkeypatch.setattr(storage, "_save", away)
    client = client_for(editor)
    assert client.post("/admin/wpm/voice/add/", voice_data(photo=phone_photo())).status_code == 503
    monkeypatch.setattr(storage, "_save", save)

    response = client.post("/admin/wpm/voice/add/", voice_data(photo=phone_photo()))

    assert response.status_code == 302
    voice = Voice.objects.get()
    assert files_in(settings.MEDIA_ROOT) == [voice.photo.name]
