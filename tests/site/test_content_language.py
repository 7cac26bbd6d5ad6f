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
