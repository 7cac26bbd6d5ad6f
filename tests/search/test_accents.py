"""A name is found however it is typed: without its accents (a keyboard that lacks them), in
capitals, or pasted in decomposed Unicode, on the roster, in site search and in the API, on
SQLite and PostgreSQL alike. What the cards show keeps its accents."""

import json
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from mediators.models import Audience
from tests.conftest import client_for
from tests.factories import MediatorFactory
from wpm.names import fold

pytestmark = pytest.mark.django_db

ROSTER = "/en/mediators/"

# Her name, and ways of typing it that should find her.
SPELLINGS = [
    ("Anna Müller", ["Muller", "müller", "MÜLLER", "Müller"]),
    ("Ayşe Öztürk", ["Ozturk", "OZTÜRK", "ayse"]),
    ("Lucía Ñúñez", ["Nunez", "ÑÚÑEZ"]),
    ("Nguyễn Thị Lan", ["Nguyen", "nguyen thi"]),
    ("Zoë Łukasiewicz", ["Lukasiewicz", "zoe"]),
    ("Đặng Thu", ["Dang"]),
    ("Søren Bjørnstad", ["Bjornstad", "soren"]),
    ("Ольга Петрова", ["петрова", "ПЕТРОВА"]),
    ("Siobhán O\u2019Neill", ["O'Neill", "Siobhan", "oneill", "ONeill", "siobhan oneill"]),
    ("Ayşe Öztürk", [unicodedata.normalize("NFD", "Öztürk")]),
    (unicodedata.normalize("NFD", "Ayşe Öztürk"), ["Öztürk", "Ozturk"]),
]
CASES = [(name, query) for name, queries in SPELLINGS for query in queries]


def roster_names(client, query):
    response = client.get(ROSTER, {"q": query})
    assert response.status_code == 200
    return [card.name for card in response.context["cards"]]


def site_search_names(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    return [card.name for card in response.context["results"].mediators.items]


@pytest.mark.parametrize(("name", "query"), CASES)
def test_the_roster_finds_a_name_however_it_is_typed(client, name, query):
    MediatorFactory(display_name=name)
    MediatorFactory(display_name="Other Person")
    assert roster_names(client, query) == [name]
    assert name in client.get(ROSTER, {"q": query}).content.decode(), "shown with its accents"


@pytest.mark.parametrize(("name", "query"), CASES)
def test_site_search_finds_a_name_however_it_is_typed(client, name, query):
    MediatorFactory(display_name=name)
    MediatorFactory(display_name="Other Person")
    assert site_search_names(client, query) == [name]


def test_the_api_finds_a_name_typed_without_its_accents(client):
    MediatorFactory(display_name="Anna Müller")
    MediatorFactory(display_name="Other Person")
    body = json.loads(client.get("/api/v1/mediators/", {"q": "Muller"}).content)
    assert [mediator["name"] for mediator in body["results"]] == ["Anna Müller"]


def test_a_headline_and_an_area_are_found_without_their_accents_too(client):
    MediatorFactory(display_name="Mara Lind", headline="Médiatrice à Genève")
    assert roster_names(client, "mediatrice geneve") == ["Mara Lind"]


def test_folding_keeps_a_searchs_quotes_and_minus_signs():
    """PostgreSQL reads them as a phrase and a word left out (web search syntax)."""
    assert fold('"Médiatrice Genève" -MÜLLER OR Łódź') == '"mediatrice geneve" -muller or lodz'


def test_the_public_never_finds_a_protected_profile_by_her_name_without_its_accents(member):
    """Folding changes how her words are written, not which of them an audience may find."""
    protected = MediatorFactory(
        display_name="Zoë Quéndolyn",
        headline="Négociatrice",
        visibility="protected",
        bio="Travaille à Genève.",
        bio_audience=Audience.PUBLIC,
    )
    for query in ("Quendolyn", "QUÉNDOLYN", "negociatrice", "geneve"):
        assert roster_names(Client(), query) == [], query
        assert site_search_names(Client(), query) == [], query
        body = json.loads(Client().get("/api/v1/mediators/", {"q": query}).content)
        assert body["results"] == [], query
    assert roster_names(client_for(member), "Quendolyn") == [protected.display_name]
    assert roster_names(Client(), protected.pseudonym.upper()) == [protected.pseudonym]


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_finds_a_name_with_an_apostrophe_typed_without_it():
    """Documents built before held "o'neill" alone: the migrate that brings the joined form
    rebuilds them, or "oneill" would find her only once someone ran rebuild_search."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    from mediators.models import Mediator

    MediatorFactory(display_name="Siobhán O\u2019Neill")
    MigrationExecutor(connection).migrate([("mediators", "0009_sort_name")])
    built_before = {"search_text_public": "siobhan o'neill"}
    if connection.vendor == "postgresql":
        built_before["search_public"] = SearchVector(
            Value("siobhan o'neill"), weight="A", config="simple"
        )
    Mediator.objects.update(**built_before)
    assert roster_names(Client(), "oneill") == []

    call_command("migrate", verbosity=0)

    assert roster_names(Client(), "oneill") == ["Siobhán O\u2019Neill"]
