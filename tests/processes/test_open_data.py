"""Bulk downloads for researchers: whole tables as CSV and JSON, with their data dictionary."""

import csv
import io
import json
from datetime import date

import pytest

from processes import opendata
from processes.models import Agreement
from processes.record import ParticipationFigure
from tests.conftest import client_for
from tests.factories import PaxReleaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    public = ProcessFactory(name="Harbour talks", slug="harbour", pax_id=7)
    draft = ProcessFactory(name="Nightjar talks", slug="nightjar", status="draft")
    accord = Agreement.objects.create(
        process=public, name="Harbour accord", date=date(2020, 5, 1), gender_provisions=True
    )
    Agreement.objects.create(process=draft, name="Nightjar accord")
    ParticipationFigure.objects.create(
        agreement=accord, role="mediators", total=3, women=1, source="UN", as_of=date(2020, 5, 1)
    )
    return public, draft, accord


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_page_explains_every_column(client, data):
    page = client.get("/en/processes/data/").content.decode()
    for table in opendata.TABLES.values():
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page
    assert 'href="/en/processes/data/agreements.csv"' in page
    german = client.get("/de/processes/data/").content.decode()
    assert "Offene Daten" in german and "Bedeutung" in german


def test_each_table_as_csv_and_json_holds_what_the_public_sees(client, data):
    _public, _draft, accord = data
    agreements = read_csv(client.get("/en/processes/data/agreements.csv"))
    assert [row["name"] for row in agreements] == ["Harbour accord"]
    assert agreements[0]["date"] == "2020-05-01"
    assert agreements[0]["gender_provisions"] == "true"
    assert agreements[0]["process"] == "harbour"
    document = json.loads(client.get("/en/processes/data/agreements.json").content)
    assert [row["name"] for row in document["rows"]] == ["Harbour accord"]
    assert document["rows"][0]["gender_provisions"] is True
    assert {column["name"] for column in document["columns"]} == set(agreements[0])
    assert "meaning" in document["columns"][0] and "source" in document["columns"][0]
    figures = json.loads(client.get("/en/processes/data/figures.json").content)
    assert figures["rows"] == [
        {
            "id": figures["rows"][0]["id"],
            "process": "harbour",
            "agreement": accord.pk,
            "role": "mediators",
            "total": 3,
            "women": 1,
            "women_share": 33.3,
            "source": "UN",
            "as_of": "2020-05-01",
        }
    ]
    processes = read_csv(client.get("/en/processes/data/processes.csv"))
    assert [row["slug"] for row in processes] == ["harbour"]


def test_staff_download_what_their_pages_show_them(superuser, data):
    rows = read_csv(client_for(superuser).get("/en/processes/data/processes.csv"))
    assert {row["slug"] for row in rows} == {"harbour", "nightjar"}


def test_the_json_names_the_pa_x_release(client, data):

    PaxReleaseFactory()
    document = json.loads(client.get("/en/processes/data/agreements.json").content)
    assert document["pax"]["version"] == "10" and document["pax"]["data_until"] == "2025-12-27"


def test_a_formula_is_downloaded_as_text(client):
    ProcessFactory(name='=HYPERLINK("http://evil.example","click")', slug="formula")
    ProcessFactory(name="+1+1", slug="plus")
    names = {
        row["slug"]: row["name"] for row in read_csv(client.get("/en/processes/data/processes.csv"))
    }
    assert names["formula"].startswith("'=HYPERLINK")
    assert names["plus"] == "'+1+1"
    catalogue = client.get("/en/processes/export.csv").content.decode()
    assert "'=HYPERLINK" in catalogue and ",=HYPERLINK" not in catalogue
