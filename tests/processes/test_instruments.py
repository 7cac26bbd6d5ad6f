"""The mediation instruments explained: a glossary the catalogue's filter and each process
link to, in both languages, counting only the processes the reader may see."""

import pytest

from processes.record import Instrument, ProcessInstrument
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db

GLOSSARY = "/{language}/processes/instruments/"


def test_every_instrument_is_explained_in_english_and_german(client):
    instruments = list(Instrument.objects.all())
    assert len(instruments) == 11
    english = client.get(GLOSSARY.format(language="en")).content.decode()
    german = client.get(GLOSSARY.format(language="de")).content.decode()
    for instrument in instruments:
        assert instrument.description_en and instrument.description_de, instrument.slug
        assert f'id="{instrument.slug}"' in english
        assert instrument.name_en in english and instrument.name_de in german
    assert "Confidential talks, guided by a mediator" in english
    assert "Vertrauliche, von einer Mediatorin geführte Gespräche" in german


def test_a_count_holds_only_the_processes_its_reader_may_see(client, staff):
    good_offices = Instrument.objects.get(slug="good-offices")
    for status in ("published", "published", "draft"):
        ProcessInstrument.objects.create(
            process=ProcessFactory(status=status), instrument=good_offices
        )
    link = '<a href="/en/processes/?instrument=good-offices">'
    public = client.get(GLOSSARY.format(language="en")).content.decode()
    assert f"{link}2 processes in the catalogue use it" in " ".join(public.split())
    staff_page = client_for(staff).get(GLOSSARY.format(language="en")).content.decode()
    assert f"{link}3 processes in the catalogue use it" in " ".join(staff_page.split())


def test_the_catalogue_filter_and_a_process_lead_to_the_glossary(client):
    process = ProcessFactory(slug="offices")
    ProcessInstrument.objects.create(
        process=process, instrument=Instrument.objects.get(slug="shuttle-diplomacy")
    )
    catalogue = client.get("/en/processes/").content.decode()
    assert '<a href="/en/processes/instruments/">What they are</a>' in catalogue
    page = client.get("/en/processes/offices/").content.decode()
    assert '<a href="/en/processes/instruments/#shuttle-diplomacy">Shuttle diplomacy</a>' in page


@pytest.mark.parametrize("uses", [1, 30])
def test_the_glossary_reads_a_fixed_number_of_queries(client, uses, django_assert_num_queries):
    negotiation = Instrument.objects.get(slug="negotiation")
    for _ in range(uses):
        ProcessInstrument.objects.create(process=ProcessFactory(), instrument=negotiation)
    # The page cache's version, and the instruments with their counts.
    with django_assert_num_queries(PAGE_VERSION + 1):
        assert client.get(GLOSSARY.format(language="en")).status_code == 200
