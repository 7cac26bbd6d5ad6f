"""Search that knows the world's names: a country, region or language typed in English or German
(or an alternate name) finds the processes, mediators, voices and texts about it, and says why."""

import pytest

from mediators.models import MediatorLanguage, RegionalExperience
from tests.conftest import client_for
from tests.factories import (
    ArticleFactory,
    MediatorFactory,
    ProcessFactory,
    VoiceFactory,
    add_country,
)
from wpm.models import PageVersion
from wpm.names import named

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "kind", "code"),
    [
        ("Somalia", "country", "SO"),
        ("Kolumbien", "country", "CO"),
        ("colombia", "country", "CO"),
        ("Côte d\u2019Ivoire", "country", "CI"),
        ("cote d'ivoire", "country", "CI"),
        ("Ivory Coast", "country", "CI"),
        ("Burma", "country", "MM"),
        ("Arabic", "language", "ar"),
        ("Arabisch", "language", "ar"),
        ("Horn of Africa", "region", "horn-of-africa"),
        ("Horn von Afrika", "region", "horn-of-africa"),
        ("Afrika", "region", "002"),
    ],
)
def test_names_in_both_languages_and_their_alternates(query, kind, code):
    found = named(query)
    assert (found.kind, found.code) == (kind, code)


def test_other_words_name_nothing():
    assert named("ceasefire") is None
    assert named("Somalia ceasefire") is None  # only a whole query is taken for a name


def search(user, query, language="en"):
    PageVersion.bump()
    response = client_for(user).get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.fixture
def world():
    somalia = ProcessFactory(name="Mogadishu talks", summary="Talks in the capital.")
    add_country(somalia, "SO")
    colombia = ProcessFactory(name="Havana talks", summary="Talks abroad.")
    add_country(colombia, "CO")
    ivory = ProcessFactory(name="Abidjan dialogue")
    add_country(ivory, "CI")
    open_mediator = MediatorFactory(display_name="Asha Open", regions_audience=0)
    RegionalExperience(mediator=open_mediator, country="SO").save()
    MediatorLanguage.objects.create(mediator=open_mediator, code="ar", level=5)
    open_mediator.refresh_search()
    protected = MediatorFactory(
        display_name="Dalia Protected", visibility="protected", regions_audience=0
    )
    RegionalExperience(mediator=protected, country="SO").save()
    MediatorLanguage.objects.create(mediator=protected, code="ar", level=7)
    protected.refresh_search()
    VoiceFactory(name="Wanjiru K.", quote="Women keep the talks alive.", country="KE")
    ArticleFactory(title="What Colombia taught us", language="en")
    return {"somalia": somalia, "colombia": colombia, "protected": protected}


def test_a_country_finds_its_processes_and_mediators_and_says_why(world, member):
    response = search(None, "Somalia")
    results = response.context["results"]
    assert [process.name for process in results.processes.items] == ["Mogadishu talks"]
    assert results.processes.matched == "Processes in Somalia"
    # The public never learns a protected profile's countries.
    assert [card.name for card in results.mediators.items] == ["Asha Open"]
    body = response.content.decode()
    assert "experience in Somalia" in body and "Dalia" not in body
    assert "/en/processes/?country=SO" in body and "/en/mediators/?country=SO" in body
    members = search(member, "Somalia").context["results"].mediators.items
    assert {card.name for card in members} == {"Asha Open", "Dalia Protected"}


def test_kolumbien_finds_colombia_in_every_kind(world):
    for language, query in (("de", "Kolumbien"), ("en", "Kolumbien"), ("en", "Colombia")):
        results = search(None, query, language).context["results"]
        assert [process.name for process in results.processes.items] == ["Havana talks"]
        assert results.processes.matched == {"de": "Prozesse in Kolumbien"}.get(
            language, "Processes in Colombia"
        )
    results = search(None, "Kolumbien").context["results"]
    assert [article.title for article in results.articles.items] == ["What Colombia taught us"]


def test_ivory_coast_and_cote_divoire_are_one_country(world):
    for query in ("Ivory Coast", "Côte d'Ivoire", "Elfenbeinküste"):
        results = search(None, query).context["results"]
        assert [process.name for process in results.processes.items] == ["Abidjan dialogue"]


def test_a_language_finds_who_speaks_it_with_her_level(world, member):
    response = search(None, "Arabisch", "de")
    body = response.content.decode()
    assert "Mediatorinnen, die Arabisch sprechen" in body
    assert "spricht Arabisch: C1" in body
    assert "Dalia" not in body  # a pseudonym's languages are not the public's to filter
    english = search(member, "Arabic").content.decode()
    assert "speaks Arabic: C1" in english and "speaks Arabic: Native" in english


def test_a_grouping_finds_what_is_in_its_countries(world):
    results = search(None, "Horn of Africa").context["results"]
    assert [process.name for process in results.processes.items] == ["Mogadishu talks"]
    assert results.processes.matched == "Processes in Horn of Africa"


def test_voices_are_searched_by_their_words_and_their_country(world):
    assert [voice.name for voice in search(None, "alive").context["results"].voices.items] == [
        "Wanjiru K."
    ]
    assert [
        voice.name for voice in search(None, "Kenia", "de").context["results"].voices.items
    ] == ["Wanjiru K."]


def test_a_named_search_runs_in_a_fixed_number_of_queries(
    world, client, django_assert_max_num_queries
):
    from tests.conftest import PAGE_VERSION
    from tests.search.test_search import SEARCH_QUERIES

    PageVersion.bump()
    with django_assert_max_num_queries(SEARCH_QUERIES + PAGE_VERSION):
        response = client.get("/en/search/", {"q": "Somalia"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [9, 10, 12])
def test_a_country_shows_its_first_ten_with_the_count_of_all(
    client, django_assert_max_num_queries, size
):
    for number in range(size):
        process = ProcessFactory(name=f"Talks {number:02}")
        add_country(process, "KE")
        mediator = MediatorFactory(display_name=f"Mediator {number:02}", regions_audience=0)
        RegionalExperience(mediator=mediator, country="KE").save()
        mediator.refresh_search()
    MediatorFactory(display_name="Elsewhere").regional_experience.create(country="SO")
    # Each group's first results; where they fill the group, their count in a query of its
    # own; the countries of the processes; voices, articles, pages, events; the page version.
    with django_assert_max_num_queries(9 + 1):
        response = client.get("/en/search/", {"q": "Kenya"})
    results = response.context["results"]
    for group in (results.mediators, results.processes):
        assert len(group.items) == min(size, 10)
        assert group.total == size
    assert [card.name for card in results.mediators.items][:2] == ["Mediator 00", "Mediator 01"]
    shown = "Showing the first 10 of 12." in response.content.decode()
    assert shown == (size == 12)
