"""English texts on German pages carry lang="en", so that a screen reader reads them with an
English voice; on English pages they need none."""

import datetime
import re

import pytest

from processes.models import Agreement
from tests.factories import EventFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def marked(html, text):
    """Whether the element that holds the text says it is English."""
    return bool(re.search(rf'lang="en"[^<]*>{re.escape(text)}<', html))


def test_the_catalogue_s_english_texts_are_marked_on_german_pages(client):
    process = ProcessFactory(
        name="Harbour talks", slug="harbour", summary="Talks between the port's families."
    )
    agreement = Agreement.objects.create(
        process=process, name="Harbour accord", date=datetime.date(2020, 1, 1)
    )
    pages = {
        "/de/processes/": ["Harbour talks", "Talks between the port&#x27;s families."],
        "/de/processes/harbour/": ["Harbour talks", "Harbour accord"],
        "/de/processes/agreements/": ["Harbour accord", "Harbour talks"],
        agreement.get_absolute_url().replace("/en/", "/de/"): ["Harbour accord", "Harbour talks"],
    }
    for address, texts in pages.items():
        html = client.get(address).content.decode()
        for text in texts:
            assert marked(html, text), (address, text)
    english = client.get("/en/processes/harbour/").content.decode()
    assert 'lang="en"' not in english.split("<main", 1)[1].split("</main>")[0]


def test_an_english_event_is_marked_on_german_pages_and_a_german_one_is_not(client):
    EventFactory(title="Ceasefire design course", slug="ceasefire-course", language="en")
    EventFactory(title="Werkstatt Mediation", slug="werkstatt", language="de")
    listing = client.get("/de/events/").content.decode()
    assert marked(listing, "Ceasefire design course")
    assert not re.search(r'lang="[a-z]+"[^<]*>Werkstatt Mediation<', listing)
    page = client.get("/de/events/ceasefire-course/").content.decode()
    assert marked(page, "Ceasefire design course")
    assert not re.search(r"<article[^>]*lang=", page), "the page's own words stay German"


def test_a_member_s_texts_carry_the_language_she_writes_in(client):
    from tests.factories import MediatorFactory

    english = MediatorFactory(
        display_name="Ada English", headline="Adviser on ceasefires", availability_note="From May"
    )
    english.availability_audience = english.bio_audience = 0
    english.save()
    german = MediatorFactory(
        display_name="Gerda Deutsch", headline="Beraterin für Waffenruhen", text_language="de"
    )
    german.refresh_search()
    roster = client.get("/de/mediators/").content.decode()
    assert marked(roster, "Adviser on ceasefires")
    assert not re.search(r'lang="[a-z]+"[^<]*>Beraterin für Waffenruhen<', roster)
    profile = client.get(english.get_absolute_url().replace("/en/", "/de/")).content.decode()
    assert marked(profile, "Adviser on ceasefires")
    assert marked(profile, "From May")
    assert re.search(r'<div class="prose" lang="en"[^>]*>\s*<p>Works on', profile)
    # On an English page, the German texts are marked German and the English ones not at all.
    roster = client.get("/en/mediators/").content.decode()
    assert re.search(r'lang="de"[^<]*>Beraterin für Waffenruhen<', roster)
    assert not re.search(r'lang="[a-z]+"[^<]*>Adviser on ceasefires<', roster)


def test_she_chooses_the_language_of_her_texts(member):
    from mediators.models import Mediator
    from tests.conftest import client_for

    response = client_for(member).post(
        "/en/me/edit/profile/",
        {"display_name": "Amina Member", "headline": "Conseillère", "text_language": "fr"},
    )
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    assert mediator.text_language == "fr"
    page = client_for(None).get(mediator.get_absolute_url()).content.decode()
    assert re.search(r'lang="fr"[^<]*>Conseillère<', page)
    refused = client_for(member).post(
        "/en/me/edit/profile/",
        {"display_name": "Amina Member", "headline": "x", "text_language": "xx"},
    )
    assert refused.status_code == 400
    assert Mediator.objects.get(user=member).text_language == "fr"


def test_catalogue_names_are_marked_wherever_a_german_page_names_them(
    requester, member, showcase, showcase_proposal, showcase_content
):
    """The process's own page names its linked dialogue, an article its related processes, a
    profile its engagements, and the requester's and the member's pages the request's process."""
    from tests.conftest import client_for

    process, dialogue = "Highlands peace talks", "Highlands civil society dialogue"
    invitation = showcase_proposal.invitations.get(mediator=member.mediator)
    pages = [
        (None, "/de/processes/highlands/", dialogue),
        (None, "/de/advocacy/schaufenster-beitrag/", process),
        (None, showcase.get_absolute_url().replace("/en/", "/de/"), process),
        (requester, "/de/requests/", process),
        (requester, f"/de/requests/{showcase_proposal.pk}/", process),
        (member, f"/de/me/invitations/{invitation.pk}/", process),
    ]
    for user, address, text in pages:
        html = client_for(user).get(address).content.decode()
        assert marked(html, text), address
        english = client_for(user).get(address.replace("/de/", "/en/", 1)).content.decode()
        assert not re.search(rf'lang="en"[^<]*>{text}<', english), address
