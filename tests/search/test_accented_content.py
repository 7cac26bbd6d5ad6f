"""Places and words are found however they are typed: "Bogota" finds the talks in Bogotá, and
"Bogotá" the ones written without the accent, in the catalogue, the agreements, site search
and the API, on SQLite and PostgreSQL alike. What the pages show keeps its accents."""

import datetime
import json

import pytest

from processes.models import Agreement
from tests.factories import ArticleFactory, EventFactory, ProcessFactory, VoiceFactory
from tests.search.test_search import make_page, search

pytestmark = pytest.mark.django_db

CATALOGUE = "/en/processes/"
AGREEMENTS = "/en/processes/agreements/"


def catalogue_names(client, query):
    response = client.get(CATALOGUE, {"q": query})
    assert response.status_code == 200
    return {process.name for process in response.context["processes"]}


@pytest.mark.parametrize("query", ["Bogota", "bogotá", "BOGOTÁ", "medellin", "Medellín"])
def test_the_catalogue_finds_a_place_however_it_is_typed(client, query):
    ProcessFactory(name="Talks in Bogotá", summary="Held in Medellín as well.")
    ProcessFactory(name="Lakeside talks", summary="Talks by a lake.")
    assert catalogue_names(client, query) == {"Talks in Bogotá"}
    response = client.get(CATALOGUE, {"q": query})
    assert "Talks in Bogotá" in response.content.decode(), "shown with its accents"


def test_the_catalogue_finds_a_name_written_without_accents_by_one_typed_with_them(client):
    ProcessFactory(name="Bogota accord talks")
    assert catalogue_names(client, "Bogotá") == {"Bogota accord talks"}


@pytest.mark.parametrize("query", ["geneve", "GENÈVE", "Genève"])
def test_site_search_finds_every_kind_without_its_accents(client, query):
    process = ProcessFactory(name="Lakeside talks", summary="Négociations à Genève.")
    article = ArticleFactory(title="Médiation", body="Written in Genève.")
    page = make_page("geneva-office", body_en="Our office in Genève.")
    event = EventFactory(title="A training day", place="Genève")
    voice = VoiceFactory(name="Zoë Ñúñez", organisation="Université de Genève")
    ProcessFactory(name="Other talks", summary="Somewhere else.")
    results = search(client, query).context["results"]
    assert results.processes.items == [process]
    assert results.articles.items == [article]
    assert results.pages.items == [page]
    assert results.events.items == [event]
    assert results.voices.items == [voice]


def test_site_search_finds_a_voice_by_her_name_without_its_accents(client):
    voice = VoiceFactory(name="Zoë Ñúñez")
    VoiceFactory(name="Other Person")
    assert search(client, "Nunez").context["results"].voices.items == [voice]
    assert "Zoë Ñúñez" in search(client, "Nunez").content.decode()


@pytest.fixture
def bogota_agreements():
    process = ProcessFactory(name="Colombian talks")
    for name in ("Acuerdo de Bogotá", "Acuerdo de Cartagena"):
        Agreement.objects.create(process=process, name=name, date=datetime.date(2016, 6, 1))


@pytest.mark.parametrize("query", ["bogota", "BOGOTÁ", "de Bogotá"])
def test_the_agreements_name_filter_ignores_accents(client, bogota_agreements, query):
    response = client.get(AGREEMENTS, {"q": query})
    assert {agreement.name for agreement in response.context["agreements"]} == {"Acuerdo de Bogotá"}


@pytest.mark.parametrize("query", ["%", "_", "\\"])
def test_the_agreements_name_filter_takes_pattern_characters_literally(
    client, bogota_agreements, query
):
    """Folding both sides must not turn a typed "%" or "_" into a wildcard."""
    response = client.get(AGREEMENTS, {"q": query})
    assert response.status_code == 200
    assert list(response.context["agreements"]) == []


def test_the_api_finds_processes_and_agreements_without_accents(client, bogota_agreements):
    ProcessFactory(name="Talks in Bogotá")
    processes = json.loads(client.get("/api/v1/processes/", {"q": "Bogota"}).content)
    assert [process["name"] for process in processes["results"]] == ["Talks in Bogotá"]
    agreements = json.loads(client.get("/api/v1/agreements/", {"q": "bogota"}).content)
    assert [agreement["name"] for agreement in agreements["results"]] == ["Acuerdo de Bogotá"]
