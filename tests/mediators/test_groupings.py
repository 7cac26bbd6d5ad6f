"""Regions as mediation practice names them (the Horn of Africa...): data with a source, and a
filter on the roster that matches only what each viewer may see."""

import pytest
from django_countries.data import COUNTRIES

from mediators.models import RegionalExperience
from tests.conftest import client_for
from tests.factories import MediatorFactory
from wpm.groupings import GROUPINGS
from wpm.m49 import COUNTRY_SUBREGION

ROSTER = "/en/mediators/"
REQUIRED = {
    "horn-of-africa",
    "sahel",
    "great-lakes",
    "lake-chad-basin",
    "ecowas",
    "sadc",
    "western-balkans",
    "south-caucasus",
    "central-asia",
    "levant",
    "gulf",
    "maghreb",
    "andean-region",
    "central-america",
    "asean",
    "pacific-islands",
}


def test_every_grouping_is_countries_with_a_source():
    assert {grouping.slug for grouping in GROUPINGS} >= REQUIRED
    for grouping in GROUPINGS:
        assert grouping.source and grouping.name_en and grouping.name_de
        assert grouping.countries and len(set(grouping.countries)) == len(grouping.countries)
        unknown = [code for code in grouping.countries if code not in COUNTRIES]
        assert unknown == [], f"{grouping.slug}: {unknown}"
        assert all(code in COUNTRY_SUBREGION for code in grouping.countries)
        assert not set(grouping.slug) & set("0123456789")  # never taken for an M49 code


def _with_experience(name, *countries, **fields):
    fields.setdefault("regions_audience", 0)
    mediator = MediatorFactory(display_name=name, **fields)
    for code in countries:
        RegionalExperience(mediator=mediator, country=code).save()
    mediator.refresh_search()
    return mediator


def names(user, params):
    response = client_for(user).get(ROSTER, params)
    assert response.status_code == 200
    return {card.mediator.display_name for card in response.context["cards"]}


@pytest.mark.django_db
def test_the_roster_filters_by_a_grouping_within_what_each_viewer_sees(member):
    _with_experience("Kenya Open", "KE")
    _with_experience("Somalia Protected", "SO", visibility="protected")
    _with_experience("Armenia Open", "AM")
    _with_experience("Kenya Members", "KE", regions_audience=1)
    # The public sees a protected profile's regions, never her countries: a grouping is
    # countries, so it does not single her out; members see them all.
    assert names(None, {"region": "horn-of-africa"}) == {"Kenya Open"}
    assert names(member, {"region": "horn-of-africa"}) == {
        "Kenya Open",
        "Somalia Protected",
        "Kenya Members",
    }
    assert names(None, {"region": "south-caucasus"}) == {"Armenia Open"}
    assert names(None, {"country": ["AM", "KE"]}) == {"Kenya Open", "Armenia Open"}
    page = client_for(None).get(ROSTER).content.decode()
    assert '<optgroup label="In mediation practice">' in page
    assert '<option value="horn-of-africa">Horn of Africa</option>' in page
    german = client_for(None).get("/de/mediators/").content.decode()
    assert '<option value="horn-of-africa">Horn von Afrika</option>' in german


@pytest.mark.django_db
def test_an_unknown_grouping_is_refused(client):
    response = client.get(ROSTER, {"region": "atlantis"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_active_filters_are_chips_that_each_remove_themselves(client):
    _with_experience("Kenya Open", "KE")
    response = client.get(
        ROSTER, {"region": "horn-of-africa", "language": ["ar", "fr"], "ordering": "name"}
    )
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert set(chips) == {
        "Region: Horn of Africa",
        "Languages (all of): Arabic",
        "Languages (all of): French",
    }
    assert chips["Languages (all of): Arabic"] == (
        "/en/mediators/?region=horn-of-africa&language=fr&ordering=name"
    )
    body = response.content.decode()
    assert "remove this filter" in body
    assert client.get(ROSTER).context["chips"] == []


@pytest.mark.django_db
def test_each_card_says_why_it_matched_within_what_the_viewer_sees(member):
    from mediators.models import MediatorLanguage, MediatorTrack

    def profile(name, **fields):
        mediator = _with_experience(name, "SO", **fields)
        MediatorLanguage.objects.create(mediator=mediator, code="ar", level=5)
        MediatorTrack.objects.create(mediator=mediator, track="1")
        mediator.refresh_search()
        return mediator

    profile("Asha Open", availability="available", availability_audience=0)
    profile("Dalia Protected", visibility="protected")
    params = {"region": "horn-of-africa", "language": "ar", "track": "1", "available": "on"}

    def notes(user):
        response = client_for(user).get(ROSTER, params)
        return {card.mediator.display_name: card.matched for card in response.context["cards"]}

    assert notes(None) == {"Asha Open": "Arabic: C1 (advanced) · Track 1 · Somalia · Available"}
    assert notes(member)["Asha Open"] == "Arabic: C1 (advanced) · Track 1 · Somalia · Available"
    # Her availability is for members by default: they see it, and she matched without it.
    by_region = client_for(None).get(ROSTER, {"region": "014"})
    explained = {card.mediator.display_name: card.matched for card in by_region.context["cards"]}
    assert explained == {"Asha Open": "Eastern Africa", "Dalia Protected": "Eastern Africa"}
    assert "Eastern Africa" in by_region.content.decode()
