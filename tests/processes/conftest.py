"""What the processes' tests share: a small catalogue, and mediators engaged in it."""

import datetime

import pytest

from processes.models import Engagement
from processes.record import Instrument, ParticipationFigure, ProcessInstrument
from tests.factories import MediatorFactory, ProcessFactory, add_country

CATALOGUE = "/en/processes/"


def slugs(client, params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    return {process.slug for process in response.context["processes"]}


@pytest.fixture
def catalogue(db):
    north = ProcessFactory(
        name="Northern ceasefire talks",
        slug="north",
        summary="Ceasefire negotiations in the highlands.",
        track="1",
        conflict_level="intra",
        stage="ceasefire",
        start_year=2012,
        end_year=2016,
    )
    add_country(north, "SD")
    ProcessInstrument.objects.create(
        process=north, instrument=Instrument.objects.get(slug="good-offices")
    )
    ParticipationFigure.objects.create(
        process=north,
        role="mediators",
        total=4,
        women=1,
        source="UN",
        as_of=datetime.date(2015, 1, 1),
    )
    coast = ProcessFactory(
        name="Coastal community dialogue",
        slug="coast",
        summary="Dialogue between fishing villages.",
        track="3",
        conflict_level="local",
        stage="implementation",
        start_year=2019,
    )
    add_country(coast, "CO")
    ProcessInstrument.objects.create(
        process=coast, instrument=Instrument.objects.get(slug="facilitated-dialogue")
    )
    border = ProcessFactory(
        name="Border commission",
        slug="border",
        summary="Demarcation of the border.",
        track="1.5",
        conflict_level="inter",
        stage="framework",
        start_year=2005,
        end_year=2008,
    )
    add_country(border, "AM")
    add_country(border, "AZ")
    draft = ProcessFactory(name="Secret draft talks", slug="draft", status="draft", track="1")
    add_country(draft, "SD")
    return {"north": north, "coast": coast, "border": border, "draft": draft}


@pytest.fixture
def engagements(catalogue):
    """One engagement of each confidentiality, and named ones of hidden and protected profiles."""
    north = catalogue["north"]
    people = {
        "named": MediatorFactory(display_name="Nadia Named"),
        "anonymised": MediatorFactory(display_name="Anna Anonymised"),
        "staff": MediatorFactory(display_name="Sofia Staffonly"),
        "hidden": MediatorFactory(display_name="Hanna Hidden", visibility="hidden"),
        "protected": MediatorFactory(display_name="Paula Protected", visibility="protected"),
    }
    confidentiality = {"anonymised": "anonymised", "staff": "staff"}
    for key, mediator in people.items():
        Engagement.objects.create(
            mediator=mediator,
            process=north,
            role="adviser",
            start_year=2014,
            end_year=2016,
            confidentiality=confidentiality.get(key, "named"),
        )
    return people
