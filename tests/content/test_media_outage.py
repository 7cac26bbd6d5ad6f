"""Pages that show uploads answer when the storage cannot give their addresses."""

from io import BytesIO

import pytest
from botocore.exceptions import NoCredentialsError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image

from tests.conftest import client_for
from tests.factories import ArticleFactory, VoiceFactory

pytestmark = pytest.mark.django_db


def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


@pytest.fixture
def unsigned(monkeypatch):
    """Object storage without a public domain signs each address; without credentials (an
    instance's metadata service away) it cannot."""

    def url(name):
        raise NoCredentialsError()

    monkeypatch.setattr(storages["default"], "url", url)


def test_pages_with_uploads_answer_without_them_when_no_address_can_be_given(client, unsigned):
    """The home page, the voices and an illustrated article were server errors."""
    voice = VoiceFactory(photo=jpeg(), name="Invented Speaker")
    article = ArticleFactory(
        image=jpeg(),
        image_alt="A round table",
        pdf=ContentFile(b"%PDF-1.4\n", name="paper.pdf"),
    )
    for address in ("/en/", "/en/voices/", f"/en/voices/{voice.pk}/", article.get_absolute_url()):
        response = client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "/media/" not in page, address
    assert "Invented Speaker" in client.get("/en/voices/").content.decode()
    shown = client.get(article.get_absolute_url()).content.decode()
    assert article.title in shown
    assert "A round table" not in shown and "Download the PDF" not in shown


def test_the_back_office_shows_uploads_without_links_when_no_address_can_be_given(editor, unsigned):
    """The change form of an illustrated article, or of a voice with a photo, was a server
    error: it asked the storage for each file's address to link it."""
    voice = VoiceFactory(photo=jpeg())
    article = ArticleFactory(
        image=jpeg(), image_alt="A round table", pdf=ContentFile(b"%PDF-1.4\n", name="paper.pdf")
    )
    client = client_for(editor)
    for address, files in (
        (f"/admin/wpm/voice/{voice.pk}/change/", {"photo": voice.photo}),
        (f"/admin/wpm/article/{article.pk}/change/", {"image": article.image, "pdf": article.pdf}),
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "/media/" not in page, address
        for field, file in files.items():
            assert f"Currently: {file.name}" in page, "named, without a link"
            assert f'name="{field}-clear"' in page, "and it can still be taken off"
    assert client.get("/admin/wpm/voice/").status_code == 200
    assert client.get("/admin/wpm/article/").status_code == 200


def test_the_back_office_links_uploads_it_can_address(editor):
    article = ArticleFactory(image=jpeg(), image_alt="A round table")
    page = client_for(editor).get(f"/admin/wpm/article/{article.pk}/change/").content.decode()
    assert f'Currently: <a href="/media/{article.image.name}">{article.image.name}</a>' in page
