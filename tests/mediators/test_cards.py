"""Roster cards (mediators.templatetags.roster): what each card shows, to whom, and escaped."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mediators import photos
from mediators.models import Audience, MediatorLanguage
from tests.factories import MediatorFactory
from tests.mediators.conftest import area
from tests.mediators.test_privacy import jpeg

pytestmark = pytest.mark.django_db


def cards(html):
    """Each card's markup on a page, in order."""
    return re.findall(r'<li class="card mediator-card">.*?</li>', html, re.S)


def test_a_public_card_shows_photo_name_headline_expertise_and_languages(client):
    mediator = MediatorFactory(
        display_name="Amal Haddad", headline="Ceasefire negotiator", photo_audience=Audience.PUBLIC
    )
    mediator.expertise.set(
        [area(slug) for slug in ("ceasefire-security", "process-design", "constitution-making")]
    )
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    photos.replace_photo(mediator, jpeg())
    mediator.refresh_from_db()

    [card] = cards(client.get(reverse("mediators:roster")).content.decode())

    small = reverse("photos:photo", args=[mediator.photo_small.name])
    large = reverse("photos:photo", args=[mediator.photo.name])
    assert f'src="{small}" srcset="{small} 160w, {large} 640w"' in card
    assert f'<a href="{mediator.get_absolute_url()}"><bdi>Amal Haddad</bdi></a>' in card
    assert ">Ceasefire negotiator</p>" in card
    assert card.count('class="tag"') == 3
    assert '<span class="visually-hidden">Languages: </span>Arabic' in card


def test_a_protected_card_shows_the_public_a_pseudonym_and_regions_only(client):
    mediator = MediatorFactory(
        display_name="Zahra Quendolyn", visibility="protected", regions_audience=Audience.PUBLIC
    )
    mediator.regional_experience.create(country="KE")
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    photos.replace_photo(mediator, jpeg())
    mediator.refresh_search()
    mediator.refresh_from_db()

    [card] = cards(client.get(reverse("mediators:roster")).content.decode())

    assert "Zahra" not in card and mediator.photo.name not in card
    assert f"<bdi>{mediator.pseudonym}</bdi>" in card
    assert 'mediator-card__photo--none" aria-hidden="true"' in card
    assert "Regional experience: </span>Eastern Africa" in card
    assert "Arabic" not in card


def test_a_card_speaks_the_page_language_and_marks_a_headline_in_another(client):
    mediator = MediatorFactory(headline="Vermittlerin im Waffenstillstand", text_language="de")
    MediatorLanguage.objects.create(mediator=mediator, code="fr", level=4)
    MediatorLanguage.objects.create(mediator=mediator, code="de", level=7)
    mediator.refresh_search()
    english = cards(client.get(reverse("mediators:roster")).content.decode())[0]
    german = cards(client.get("/de/mediators/").content.decode())[0]
    assert '<p class="mediator-card__headline" lang="de" dir="auto">' in english
    assert '<p class="mediator-card__headline" dir="auto">' in german
    with translation.override("de"):
        label = _("Languages:")
    assert label != "Languages:"
    assert f'<span class="visually-hidden">{label} </span>Deutsch, Französisch</p>' in german
    assert "Languages: </span>German, French</p>" in english


def test_a_card_escapes_what_a_member_wrote(client):
    MediatorFactory(display_name='<script>alert("n")</script>', headline="<b>bold</b> & co")
    [card] = cards(client.get(reverse("mediators:roster")).content.decode())
    assert "<script>" not in card and "<b>" not in card
    assert "&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;" in card
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in card


def test_site_search_says_why_a_card_matched(client):
    mediator = MediatorFactory(display_name="Amal Haddad")
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    mediator.refresh_search()
    [card] = cards(client.get(reverse("search"), {"q": "Arabic"}).content.decode())
    assert '<p class="mediator-card__matched">speaks Arabic: ' in card


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Egypt, Germany, Switzerland"), ("de", "Ägypten, Deutschland, Schweiz")],
)
def test_her_countries_read_in_the_order_of_their_names_in_the_page_language(
    client, language, expected
):
    """Kept by their codes, they read "Switzerland, Germany, Egypt"; sorted as written, "Ägypten"
    came after "Zypern"."""
    from mediators.models import RegionalExperience

    mediator = MediatorFactory(regions_audience=Audience.PUBLIC)
    for code in ("CH", "DE", "EG"):
        RegionalExperience.objects.create(mediator=mediator, country=code)
    mediator.refresh_search()
    page = client.get(mediator.get_absolute_url().replace("/en/", f"/{language}/", 1))
    assert f"<dd>{expected}</dd>" in page.content.decode()


def test_her_regions_read_in_the_order_of_their_names_in_each_language_in_turn(client):
    """Named and sorted once per language a process serves: her page read in German after it
    was read in English, and in English again, each in the order of its own names."""
    from mediators.models import RegionalExperience

    mediator = MediatorFactory(regions_audience=Audience.PUBLIC)
    for code in ("SY", "KE", "EG"):  # Western Asia, Eastern Africa, Northern Africa
        RegionalExperience.objects.create(mediator=mediator, country=code)
    mediator.refresh_search()
    english = "Eastern Africa, Northern Africa, Western Asia"
    german = "Nordafrika, Ostafrika, Westasien"
    address = mediator.get_absolute_url()
    for language, expected in (("en", english), ("de", german), ("en", english)):
        page = client.get(address.replace("/en/", f"/{language}/", 1))
        assert f"<dd>{expected}</dd>" in page.content.decode(), language
