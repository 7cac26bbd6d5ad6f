"""Names in any script: right-to-left text, combining marks and invisible characters.

A display name is whatever a mediator calls herself. Whatever it is, the profile saves, gets
an address that is a valid slug (ASCII from the Latin letters in the name, or "mediator"
when there are none, and a random number), and renders as a page that parses, with her name in it.
"""

import re
import unicodedata

import pytest
from django.core.validators import validate_slug
from django.test.html import parse_html
from django.utils.html import escape

from mediators.models import Mediator
from tests.conftest import client_for
from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db

# name: the address it should get (a number may follow when the address is taken).
NAMES = {
    "Arabic, right to left": ("سلمى الحسيني", "mediator"),
    "Hebrew with vowel points": ("שָׂרָה כֹּהֵן", "mediator"),
    "Latin and Arabic mixed": ("Leila ليلى Haddad", "leila-haddad"),
    "combining accents": ("Ame\u0301lie Nguye\u0302\u0303n", "amelie-nguyen"),
    "letters with a stroke": ("Đặng Thu Søren Łaska", "dang-thu-soren-laska"),
    "letters that stand for two": ("Æsa Weiß", "aesa-weiss"),
    "a name that grows as it folds": ("Weiß" * 30, "weiss" * 24),
    "stacked combining marks": ("Z\u0337\u0322a\u0338\u031br\u0335a\u0336", "zara"),
    "zero-width characters": ("Na\u200bdi\u200da\u200c Ko\u2060ch\ufeff", "nadia-koch"),
    "right-to-left override": ("\u202eanilaK\u202c Smith", "anilak-smith"),
    "bidi isolates and marks": ("\u2067\u0633\u0627\u0631\u0629\u2069 \u200fO'Neil\u200e", "oneil"),
    "nothing visible": ("\u200b\u200d\u202e", "mediator"),
    "Devanagari": ("प्रिया शर्मा", "mediator"),
    "Chinese": ("王秀英", "mediator"),
    "emoji": ("\U0001f54a\ufe0f Amal", "amal"),
    "fullwidth letters": ("\uff39\uff55\uff4b\uff49 Tanaka", "yuki-tanaka"),
    "markup-like": ('Amina <b>&amp;</b> "Ada"', "amina-bampb-ada"),
}

# Invisible and direction-changing characters must never reach an address.
FORMAT_CHARACTERS = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def profile_html(mediator, client=None):
    response = (client or client_for(None)).get(mediator.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("name", "expected"), NAMES.values(), ids=NAMES.keys())
def test_a_name_in_any_script_saves_and_renders(name, expected):
    mediator = MediatorFactory(display_name=name)
    mediator.refresh_from_db()
    assert mediator.display_name == name  # stored as typed, nothing normalised away

    # The address: a valid ASCII slug, from the Latin letters or the fallback.
    validate_slug(mediator.slug)
    assert mediator.slug.isascii()
    assert not FORMAT_CHARACTERS.search(mediator.slug)
    assert re.fullmatch(rf"{re.escape(expected)}(-\d+)?", mediator.slug), mediator.slug
    mediator.full_clean(exclude=["user"])

    # The page: it answers, parses, and shows her name in its one main heading.
    html = profile_html(mediator)
    parse_html(html)
    headings = re.findall(r"<h1>(.*?)</h1>", html, re.DOTALL)
    assert len(headings) == 1 and escape(name) in headings[0]

    # A search for her name finds her card on the roster (when the name has letters at all).
    roster = client_for(None).get("/en/mediators/", {"q": name})
    assert roster.status_code == 200
    parse_html(roster.content.decode())
    if any(unicodedata.category(character).startswith("L") for character in name):
        assert mediator.get_absolute_url() in roster.content.decode()


def test_names_without_latin_letters_get_addresses_of_their_own():
    first = MediatorFactory(display_name="سلمى الحسيني")
    second = MediatorFactory(display_name="王秀英")
    third = MediatorFactory(display_name="\u200b\u200d")
    fourth = MediatorFactory(display_name="Mediator")
    slugs = [m.slug for m in (first, second, third, fourth)]
    assert all(re.fullmatch(r"mediator-\d{6}", slug) for slug in slugs), slugs
    assert len(set(slugs)) == 4
    for mediator in (first, second, third, fourth):
        profile_html(mediator)


def test_renaming_to_another_script_keeps_a_valid_address():
    mediator = MediatorFactory(display_name="Salma Husseini")
    assert re.fullmatch(r"salma-husseini-\d{6}", mediator.slug)
    mediator.display_name = "سلمى الحسيني"
    mediator.save()
    assert re.fullmatch(r"mediator-\d{6}", mediator.slug)
    mediator.display_name = "Salma \u202einieissuH"
    mediator.save()
    assert re.fullmatch(r"salma-inieissuh-\d{6}", mediator.slug)
    assert Mediator.objects.get(slug=mediator.slug) == mediator
    profile_html(mediator)


@pytest.mark.html
def test_pages_with_names_in_any_script_are_valid_html(vnu, tmp_path):
    """The Nu Html Checker accepts the profiles and the roster that show these names."""
    mediators = [MediatorFactory(display_name=name) for name, _slug in NAMES.values()]
    documents = {m.get_absolute_url(): profile_html(m) for m in mediators}
    roster = client_for(None).get("/en/mediators/")
    documents["/en/mediators/"] = roster.content.decode()
    errors = {url: found for url, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}
