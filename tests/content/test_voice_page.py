"""A voice has a page of its own to share: its quote is the link preview's text, her photo its
image; a draft is staff's alone."""

import pytest
from django.core.files.base import ContentFile

from tests.conftest import client_for
from tests.factories import VoiceFactory
from tests.operations.test_backup import image_bytes

pytestmark = pytest.mark.django_db


def test_a_voice_s_page_is_its_share_card(client):
    voice = VoiceFactory(name="Samira Voice", quote="Women change what is on the table.")
    voice.photo.save("samira.jpg", ContentFile(image_bytes("olive", "JPEG")))
    listing = client.get("/en/voices/").content.decode()
    assert f'<a class="voice__link" href="/en/voices/{voice.pk}/">Share this voice' in listing
    page = client.get(f"/en/voices/{voice.pk}/").content.decode()
    assert "Women change what is on the table." in page
    assert '<meta property="og:description" content="Women change what is on the table.">' in page
    assert f'<meta property="og:image" content="http://testserver{voice.photo.url}">' in page
    assert "<title>Samira Voice: a voice from around the world" in page
    german = client.get(f"/de/voices/{voice.pk}/").content.decode()
    assert 'lang="en"' in german and "Women change what is on the table." in german


def test_a_draft_voice_is_staff_s_alone(client, staff):
    draft = VoiceFactory(status="draft")
    assert client.get(f"/en/voices/{draft.pk}/").status_code == 404
    assert client_for(staff).get(f"/en/voices/{draft.pk}/").status_code == 200
    assert client.get("/en/voices/999999/").status_code == 404
