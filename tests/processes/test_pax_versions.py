"""PA-X versions 9 and 10: both read alike, the release and its data date are recorded and
cited, agreements that moved move, and cells a spreadsheet export broke are reported, never
imported."""

import csv
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from processes.models import Agreement, Dataset, Process, ProcessCountry
from processes.record import ParticipationFigure, Source
from tests.conftest import tables_read
from tests.factories import PaxReleaseFactory
from tests.processes.test_import_pax import HEADER, agreement, pax_path, run_import, write_csv

pytestmark = pytest.mark.django_db

__all__ = ["pax_path"]  # the fixture, shared with the import's tests


@pytest.fixture(scope="module")
def v9_path(pax_path):
    path = Path(pax_path).parent / "pax_all_agreements_data_v9.csv"
    if not path.is_file():
        pytest.fail(f"PA-X version 9 is not beside version 10 at {path}")
    return path


def test_the_default_file_is_version_10(pax_path):
    assert Path(settings.PAX_CSV_PATH) == pax_path
    out = run_import(pax_path)
    assert "PA-X version 10 (the columns of version 10, data to 2025-12-27)." in out
    pax = Dataset.pax()
    assert (pax.version, pax.data_until, pax.records) == ("10", date(2025, 12, 27), 2257)
    assert Agreement.objects.count() == 2257
    assert Process.objects.count() == 183
    titles = set(Source.objects.values_list("title", flat=True))
    assert titles == {"PA-X Peace Agreements Database v10 (Bell & Badanjak 2019)"}


def test_cells_the_export_broke_are_reported_by_agreement(pax_path):
    out = run_import(pax_path)
    assert "Cells a spreadsheet export broke, left out: 7." in out
    for line in (
        "AgtId 1290: OthAgr reads '#NAME?'",
        "AgtId 711: ThrdPart reads '#NAME?'",
        "AgtId 469: UcdpAgr reads '5.17199E+12'",
        "AgtId 6: UcdpAgr reads '3.452E+12'",
    ):
        assert line in out
    assert "Rows skipped: 0." in out


def state():
    """What the import says of each agreement and process, by PA-X id."""
    agreements = {
        row["pax_id"]: row
        for row in Agreement.objects.values(
            "pax_id",
            "process__pax_id",
            "name",
            "date",
            "stage",
            "conflict_level",
            "pax_region",
            "gender_provisions",
            "source_url",
        )
    }
    processes = {
        row["pax_id"]: row
        for row in Process.objects.values(
            "pax_id",
            "slug",
            "name",
            "track",
            "status",
            "conflict_level",
            "conflict_type",
            "stage",
            "start_date",
            "start_year",
            "ucdp_ids",
        )
    }
    for country in ProcessCountry.objects.values("process__pax_id", "country"):
        processes[country["process__pax_id"]].setdefault("countries", set()).add(country["country"])
    for source in Source.objects.values("process__pax_id", "title", "url"):
        processes[source["process__pax_id"]].setdefault("sources", []).append(source)
    return agreements, processes


def test_version_9_then_10_is_version_10_alone(v9_path, pax_path):
    run_import(v9_path)
    assert Dataset.pax().version == "9"
    moved = Agreement.objects.get(pax_id=2310)
    assert moved.process.pax_id == 107
    figure = ParticipationFigure.objects.create(
        agreement=moved, role="mediators", total=3, women=1, source="Test", as_of=date(2020, 1, 1)
    )
    assert Agreement.objects.get(pax_id=1978).gender_provisions is True

    out = run_import(pax_path)
    assert "Agreements: 113 created, 5 updated, 2139 unchanged." in out
    upgraded_agreements, upgraded_processes = state()
    assert Dataset.pax().version == "10"

    # The agreements that moved took their figures with them; a changed flag changed.
    moved.refresh_from_db()
    assert moved.process.pax_id == 151 and moved.figures.get() == figure
    assert {a.process.pax_id for a in Agreement.objects.filter(pax_id__in=[2389, 2418])} == {146}
    assert Agreement.objects.get(pax_id=1978).gender_provisions is False

    Process.objects.all().delete()
    Dataset.objects.all().delete()
    run_import(pax_path)
    fresh_agreements, fresh_processes = state()
    assert upgraded_agreements == fresh_agreements
    shared = upgraded_processes.keys() & fresh_processes.keys()
    assert len(shared) == 183
    # A process keeps the address it was first given, so links to it keep working: the one
    # that PA-X renamed keeps its address from version 9.
    kept = {"sources", "slug"}
    differ = {
        pax_id
        for pax_id in shared
        if {k: v for k, v in upgraded_processes[pax_id].items() if k not in kept}
        != {k: v for k, v in fresh_processes[pax_id].items() if k not in kept}
    }
    assert differ == set(), [(upgraded_processes[p], fresh_processes[p]) for p in differ]
    renamed = {p for p in shared if upgraded_processes[p]["slug"] != fresh_processes[p]["slug"]}
    assert {(p, upgraded_processes[p]["slug"], upgraded_processes[p]["name"]) for p in renamed} == {
        (132, "india-assam-agreement", "India-Assam")
    }
    for pax_id in shared:
        titles = [source["title"] for source in upgraded_processes[pax_id]["sources"]]
        assert titles == ["PA-X Peace Agreements Database v10 (Bell & Badanjak 2019)"]


def test_a_second_run_of_version_10_changes_nothing(pax_path):
    run_import(pax_path)
    imported = Dataset.pax().imported_at
    out = run_import(pax_path)
    assert "Agreements: 0 created, 0 updated, 2257 unchanged." in out
    assert "Processes: 0 created, 0 updated, 183 unchanged." in out
    assert Dataset.pax().imported_at == imported


# The rules, on small files.


def test_the_release_is_the_latest_version_an_agreement_was_added_in(tmp_path):
    header = [*HEADER, "Ver", "Year"]
    rows = [agreement(AgtId="10", Ver="1", Year="2004"), agreement(AgtId="11", Ver="9")]
    out = run_import(write_csv(tmp_path / "v9.csv", rows, header))
    assert "PA-X version 9 (the columns of version 9, data to 2004-04-08)." in out
    assert Dataset.pax().version == "9"


def test_a_version_10_file_with_its_byte_order_mark(tmp_path):
    path = tmp_path / "v10.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.DictWriter(file, [*HEADER, "Ver", "StDef"])
        writer.writeheader()
        writer.writerow(agreement(AgtId="10", Ver="10", StDef="1"))
    out = run_import(path)
    assert "PA-X version 10 (the columns of version 10" in out
    assert Agreement.objects.get().pax_id == 10


def test_a_broken_name_skips_its_row_and_a_broken_id_is_left_out(tmp_path):
    rows = [
        agreement(AgtId="10", Agt="#NAME?"),
        agreement(AgtId="11", UcdpCon="5.17199E+12"),
        agreement(AgtId="12", Reg="#NAME?"),
    ]
    out = run_import(write_csv(tmp_path / "pax.csv", rows))
    assert "Skipped line 2: Agt: missing (the export broke it: '#NAME?')" in out
    assert "AgtId 11: UcdpCon reads '5.17199E+12'" in out
    assert "AgtId 12: Reg reads '#NAME?'" in out
    assert not Agreement.objects.filter(pax_id=10).exists()
    assert Agreement.objects.get(pax_id=12).pax_region == ""
    assert Process.objects.get().ucdp_ids == "309"  # agreement 12's, not pieces of 11's
    assert "#NAME?" not in str(list(Agreement.objects.values()))


def test_a_source_staff_retitled_keeps_its_title(tmp_path):
    header = [*HEADER, "Ver"]
    run_import(write_csv(tmp_path / "v9.csv", [agreement(Ver="9")], header))
    Source.objects.update(title="PA-X, as our curators cite it")
    run_import(write_csv(tmp_path / "v10.csv", [agreement(Ver="10")], header))
    assert Source.objects.get().title == "PA-X, as our curators cite it"


# The pages that show PA-X data say which release, and how to cite it.


@pytest.fixture
def release(db):
    return PaxReleaseFactory(citation="Bell, C. & Badanjak, S. (2019) Introducing PA-X")


@pytest.mark.parametrize(
    "address", ["/{}/processes/", "/{}/processes/agreements/", "/{}/processes/insights/"]
)
def test_the_pages_cite_the_release_they_show(client, release, address):
    from tests.factories import ProcessFactory

    process = ProcessFactory(name="Harbour talks")
    Agreement.objects.create(process=process, name="Harbour accord", date=date(2020, 1, 1))
    english = client.get(address.format("en")).content.decode()
    assert (
        "Agreements from the PA-X Peace Agreements Database, version 10, with data to "
        "Dec. 27, 2025." in english
    )
    assert "<cite>Bell, C. &amp; Badanjak, S. (2019) Introducing PA-X</cite>" in english
    german = client.get(address.format("de")).content.decode()
    assert "Version 10, mit Daten bis zum 27. Dezember 2025." in german
    assert '<cite lang="en">Bell, C. &amp; Badanjak, S. (2019) Introducing PA-X</cite>' in german


def test_before_any_import_nothing_is_cited(client):
    assert (
        "PA-X Peace Agreements Database, version"
        not in client.get("/en/processes/").content.decode()
    )


def test_a_new_release_is_cited_at_once_and_read_once_per_version(client, release):
    assert "processes_dataset" in tables_read(client, "/en/processes/")
    assert "version 10" in client.get("/en/processes/?ordering=name").content.decode()
    # The other pages citing it read it as kept for this version of the content.
    for address in ("/en/processes/agreements/", "/en/processes/insights/"):
        assert "processes_dataset" not in tables_read(client, address)
        assert "version 10" in client.get(address).content.decode()
    release.version = "11"
    release.save()
    page = client.get("/en/processes/?track=1").content.decode()
    assert "version 11" in page and "version 10" not in page
