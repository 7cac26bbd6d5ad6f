"""The PA-X import: the real file imports completely and once; small files test the rules."""

import csv
import os
import re
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from processes.models import Agreement, Process, ProcessCountry
from processes.record import Source
from tests.conftest import admin_form_data
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db

# The codebook's codes, written out again here so that the test checks the import's mapping.
LEVELS = {"Inter": "inter", "Intra": "intra", "InterIntra": "inter-intra", "IntraLocal": "local"}
STAGES = {
    "Pre": "pre",
    "Cea": "ceasefire",
    "SubPar": "framework",
    "SubComp": "comprehensive",
    "Imp": "implementation",
    "Ren": "renewal",
    "Oth": "other",
}
HEADER = [
    "Con",
    "Contp",
    "PP",
    "PPName",
    "Reg",
    "AgtId",
    "Agt",
    "Dat",
    "Agtp",
    "Stage",
    "GeWom",
    "Loc1ISO",
    "Loc2ISO",
    "UcdpCon",
]


# Helpers.


@pytest.fixture(scope="module")
def pax_path():
    path = Path(settings.PAX_CSV_PATH)
    if not path.is_file():
        reason = f"the PA-X file is not at {path}: point WPM_PAX_CSV at it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def pax_rows(pax_path):
    with pax_path.open(newline="", encoding="utf-8-sig") as file:  # v10 has a byte-order mark
        return list(csv.DictReader(file))


def agreement(**values):
    """A hand-written PA-X row: a ceasefire in Sudan unless told otherwise."""
    return {
        "Con": "Sudan",
        "Contp": "Government",
        "PP": "1",
        "PPName": "Sudan: Darfur process",
        "Reg": "Africa (excl MENA)",
        "AgtId": "10",
        "Agt": "Ceasefire agreement",
        "Dat": "08/04/2004",
        "Agtp": "Intra",
        "Stage": "Cea",
        "GeWom": "0",
        "Loc1ISO": "SDN",
        "Loc2ISO": "",
        "UcdpCon": "309",
    } | values


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(path, *args):
    out = StringIO()
    call_command("import_pax", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Everything the import writes, history included, so that any write shows."""
    return {
        "processes": list(Process.objects.order_by("pk").values()),
        "agreements": list(Agreement.objects.order_by("pk").values()),
        "countries": list(ProcessCountry.objects.order_by("pk").values()),
        "sources": list(Source.objects.order_by("pk").values()),
        "history": (Process.history.count(), Agreement.history.count()),
    }


SMALL = [
    agreement(AgtId="10", Dat="08/04/2004", Stage="Cea", Loc2ISO="TCD", GeWom="1"),
    agreement(AgtId="11", Dat="05/05/2006", Stage="SubComp", Contp="Territory"),
    agreement(AgtId="12", Dat="14/07/2011", Stage="Imp", Agtp="InterIntra", Contp="Territory"),
    agreement(
        PP="2", PPName="Nepal process", AgtId="20", Dat="21/11/2006", Reg="Asia and Pacific",
        Stage="SubComp", Loc1ISO="NPL", UcdpCon="NA", Agt="Comprehensive Peace Accord",
    ),
]  # fmt: skip


@pytest.fixture
def small_csv(tmp_path):
    return write_csv(tmp_path / "pax.csv", SMALL)


# The real file.


def test_the_real_file_imports_every_row(pax_path, pax_rows):
    out = run_import(pax_path)

    processes = {row["PP"] for row in pax_rows}
    assert f"Processes: {len(processes)} created, 0 updated, 0 unchanged." in out
    assert f"Agreements: {len(pax_rows)} created, 0 updated, 0 unchanged." in out
    assert "Rows skipped: 0." in out
    assert Agreement.objects.count() == len(pax_rows)
    assert Process.objects.count() == len(processes)
    assert set(Process.objects.values_list("pax_id", flat=True)) == {int(pp) for pp in processes}

    def counts(field):
        # order_by() drops the default ordering, which would split the groups.
        return Counter(dict(Agreement.objects.order_by().values_list(field).annotate(Count("pk"))))

    assert counts("pax_region") == Counter(row["Reg"] for row in pax_rows)
    assert counts("stage") == Counter(STAGES[row["Stage"]] for row in pax_rows)
    assert counts("conflict_level") == Counter(LEVELS[row["Agtp"]] for row in pax_rows)
    gender = sum(row["GeWom"] == "1" for row in pax_rows)
    assert Agreement.objects.filter(gender_provisions=True).count() == gender


def test_each_real_process_starts_with_its_first_agreement(pax_path, pax_rows):
    run_import(pax_path)

    first = {}
    for row in pax_rows:
        day, month, year = map(int, row["Dat"].split("/"))
        first[int(row["PP"])] = min(first.get(int(row["PP"]), date.max), date(year, month, day))
    starts = dict(Process.objects.values_list("pax_id", "start_date"))
    assert starts == first
    assert set(Process.objects.values_list("status", "track").distinct()) == {("published", "1")}
    assert Source.objects.filter(url="https://www.peaceagreements.org/").count() == len(first)


def test_an_import_forgets_cached_pages_once_for_all_its_rows(small_csv, client):
    """Each row it writes does not write a new page version (a whole-file import rewrote the
    same row thousands of times in its transaction, which tripled its time): the import writes
    one, and the catalogue shows the imported processes on the next request."""
    assert client.get("/en/processes/").status_code == 200  # cached, with no process yet

    with CaptureQueriesContext(connection) as queries:
        run_import(small_csv)

    writes = [q["sql"] for q in queries if "wpm_pageversion" in q["sql"]]
    assert len(writes) <= 2  # update_or_create: a locking read, then one write
    page = client.get("/en/processes/").content.decode()
    for process in Process.objects.all():
        assert process.name in page


def test_a_second_import_of_the_real_file_changes_nothing(pax_path, pax_rows):
    run_import(pax_path)
    before = snapshot()

    out = run_import(pax_path)

    assert snapshot() == before
    processes = len({row["PP"] for row in pax_rows})
    assert f"Processes: 0 created, 0 updated, {processes} unchanged." in out
    assert f"Agreements: 0 created, 0 updated, {len(pax_rows)} unchanged." in out


# The rules, on small files.


def test_a_process_is_derived_from_its_agreements(small_csv):
    run_import(small_csv)

    darfur = Process.objects.get(pax_id=1)
    assert darfur.name == "Sudan: Darfur process"
    assert darfur.slug == "sudan-darfur-process"
    assert (darfur.track, darfur.status) == ("1", "published")
    assert darfur.conflict_level == "intra"  # two of three agreements
    assert darfur.conflict_type == "territory"  # two of three agreements
    assert darfur.stage == "implementation"  # the latest agreement's
    assert (darfur.start_year, darfur.start_date) == (2004, date(2004, 4, 8))
    assert (darfur.end_year, darfur.end_date) == (None, None)
    assert darfur.ucdp_ids == "309"
    assert {(str(row.country), row.subregion, row.region) for row in darfur.countries.all()} == {
        ("SD", "015", "002"),
        ("TD", "017", "002"),
    }
    assert list(darfur.sources.values_list("title", "url")) == [
        # A file with neither a version column nor a version's layout: none is claimed.
        (
            "PA-X Peace Agreements Database (Bell & Badanjak 2019)",
            "https://www.peaceagreements.org/",
        )
    ]
    assert Process.objects.get(pax_id=2).ucdp_ids == ""


def test_an_agreement_takes_its_row(small_csv):
    run_import(small_csv)

    ceasefire = Agreement.objects.get(pax_id=10)
    assert ceasefire.process == Process.objects.get(pax_id=1)
    assert ceasefire.name == "Ceasefire agreement"
    assert ceasefire.date == date(2004, 4, 8)
    assert (ceasefire.stage, ceasefire.conflict_level) == ("ceasefire", "intra")
    assert ceasefire.pax_region == "Africa (excl MENA)"
    assert ceasefire.gender_provisions is True
    assert ceasefire.source_url == "https://www.peaceagreements.org/agreements/10/"
    assert Agreement.objects.get(pax_id=11).gender_provisions is False


def test_slugs_are_made_unique(tmp_path):
    Process.objects.create(name="Taken", slug="nepal-process")
    rows = [
        agreement(PP="2", PPName="Nepal process", AgtId="20"),
        agreement(PP="3", PPName="Nepal process", AgtId="30"),
        agreement(PP="4", PPName="إعلان", AgtId="40"),
    ]
    run_import(write_csv(tmp_path / "pax.csv", rows))

    slugs = dict(Process.objects.filter(pax_id__isnull=False).values_list("pax_id", "slug"))
    assert slugs == {2: "nepal-process-2", 3: "nepal-process-3", 4: "pax-4"}


def test_unknown_country_codes_are_left_out(tmp_path):
    run_import(write_csv(tmp_path / "pax.csv", [agreement(Loc1ISO="XXX", Loc2ISO="NPL")]))

    assert [str(row.country) for row in ProcessCountry.objects.all()] == ["NP"]


def test_a_changed_row_updates_its_record(small_csv, tmp_path):
    run_import(small_csv)
    changed = [*SMALL]
    changed[2] = changed[2] | {"Agt": "Doha Document for Peace in Darfur", "Loc1ISO": "SSD"}

    out = run_import(write_csv(tmp_path / "changed.csv", changed))

    assert Agreement.objects.get(pax_id=12).name == "Doha Document for Peace in Darfur"
    darfur = Process.objects.get(pax_id=1)
    assert sorted(str(row.country) for row in darfur.countries.all()) == ["SD", "SS", "TD"]
    assert "Agreements: 0 created, 1 updated, 3 unchanged." in out
    assert "Processes: 0 created, 1 updated, 1 unchanged." in out


def test_a_new_latest_agreement_moves_the_process_on(small_csv, tmp_path):
    run_import(small_csv)
    later = agreement(AgtId="13", Dat="01/01/2020", Stage="Ren")

    out = run_import(write_csv(tmp_path / "later.csv", [*SMALL, later]))

    assert Process.objects.get(pax_id=1).stage == "renewal"
    assert "Agreements: 1 created, 0 updated, 4 unchanged." in out
    assert Process.objects.get(pax_id=1).sources.count() == 1


def test_broken_rows_are_reported_and_the_rest_imports(tmp_path):
    rows = [
        agreement(AgtId="10", Agt="An agreement\nwith a name on two lines"),  # lines 2-3
        agreement(AgtId="11", Dat="31/02/2004"),  # line 4
        agreement(AgtId="", PP="x1"),  # line 5
        agreement(AgtId="13", Stage="Peace", Agtp="Galactic"),  # line 6
        agreement(AgtId="10"),  # line 7
        agreement(AgtId="14", Dat="2004-04-08"),  # line 8
        agreement(AgtId="15"),  # line 9
    ]
    path = write_csv(tmp_path / "pax.csv", rows)
    with path.open("a", encoding="utf-8") as file:
        file.write("Sudan,Government,1,Sudan,Africa,16\n")  # line 10

    out = run_import(path)

    assert "Skipped line 4: Dat: '31/02/2004' is not a date in dd/mm/yyyy form" in out
    assert "Skipped line 5: AgtId: missing; PP: 'x1' is not a PA-X id (a whole number)" in out
    assert "Skipped line 6: Agtp: unknown code 'Galactic'; Stage: unknown code 'Peace'" in out
    assert "Skipped line 7: AgtId 10 repeats line 2" in out
    assert "Skipped line 8: Dat: '2004-04-08' is not a date in dd/mm/yyyy form" in out
    assert "Skipped line 10: has 6 values where the header has 14 columns" in out
    assert "Rows skipped: 6." in out
    assert out.index("Skipped line 10") < out.index("Processes:")
    assert sorted(Agreement.objects.values_list("pax_id", flat=True)) == [10, 15]
    assert Agreement.objects.get(pax_id=10).name == "An agreement\nwith a name on two lines"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(
            "PP,PPName,AgtId,Agt,Dat,Agtp,Contp,Reg,GeWom,Loc1ISO,Loc2ISO,UcdpCon\n"
            "1,Sudan,10,Ceasefire,08/04/2004,Intra,Government,Africa,0,SDN,,309\n",
            "missing column(s): Stage",
            id="missing column",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "not UTF-8 text",
            id="binary garbage",
        ),
        pytest.param("", "the file is empty", id="empty"),
    ],
)
def test_a_broken_file_changes_nothing(small_csv, tmp_path, content, problem):
    run_import(small_csv)
    Agreement.objects.filter(pax_id=10).update(name="Changed since")
    before = snapshot()
    path = tmp_path / "broken.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())

    with pytest.raises(CommandError, match=re.escape(problem)):
        run_import(path)

    assert snapshot() == before


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"cannot open .*nowhere\.csv"):
        run_import(tmp_path / "nowhere.csv")


def test_a_crash_midway_changes_nothing(small_csv, monkeypatch):
    from processes import pax

    def crash(self, agreement, row, process):
        if row.agreement_id == 12:
            raise RuntimeError("disk full")
        original(self, agreement, row, process)

    original = pax.PaxImport.import_agreement
    monkeypatch.setattr(pax.PaxImport, "import_agreement", crash)

    with pytest.raises(RuntimeError):
        run_import(small_csv)

    assert not Process.objects.exists()
    assert not Agreement.objects.exists()


def test_the_default_path_is_the_setting(small_csv, settings):
    settings.PAX_CSV_PATH = small_csv
    out = StringIO()

    call_command("import_pax", stdout=out)

    assert f"Importing {small_csv}" in out.getvalue()
    assert Agreement.objects.count() == len(SMALL)


# Staff edits.


def edit(record, **values):
    """What the admin does when staff change fields: save them and mark them edited."""
    for name, value in values.items():
        setattr(record, name, value)
    record.edited_fields = sorted(values)
    record.save()


def test_staff_edits_survive_a_reimport(small_csv, tmp_path):
    run_import(small_csv)
    edit(Agreement.objects.get(pax_id=10), name="Staff name")
    edit(Process.objects.get(pax_id=1), name="Darfur", stage="concluded")
    changed = [row | {"Agt": f"New {row['Agt']}", "PPName": "New name"} for row in SMALL]
    changed[0] |= {"Dat": "09/04/2004"}

    out = run_import(write_csv(tmp_path / "changed.csv", changed))

    ceasefire = Agreement.objects.get(pax_id=10)
    assert ceasefire.name == "Staff name"
    assert ceasefire.date == date(2004, 4, 9)  # not edited by staff: the import brings it
    assert ceasefire.edited_fields == ["name"]
    darfur = Process.objects.get(pax_id=1)
    assert (darfur.name, darfur.stage) == ("Darfur", "concluded")
    assert darfur.start_date == date(2004, 4, 9)
    assert Process.objects.get(pax_id=2).name == "New name"
    assert "Agreements: 0 created, 4 updated, 0 unchanged." in out


def test_a_reimport_of_staff_edits_writes_nothing(small_csv):
    run_import(small_csv)
    edit(Agreement.objects.get(pax_id=10), name="Staff name")
    before = snapshot()

    out = run_import(small_csv)

    assert snapshot() == before
    assert "Agreements: 0 created, 0 updated, 4 unchanged." in out


def test_overwrite_replaces_staff_edits_and_forgets_them(small_csv):
    run_import(small_csv)
    edit(Agreement.objects.get(pax_id=10), name="Staff name")
    edit(Agreement.objects.get(pax_id=11), stage="comprehensive")  # the same as PA-X's
    edit(Process.objects.get(pax_id=1), name="Darfur", stage="concluded")

    out = run_import(small_csv, "--overwrite")

    assert Agreement.objects.get(pax_id=10).name == "Ceasefire agreement"
    assert Agreement.objects.get(pax_id=11).edited_fields == []
    assert not Agreement.objects.exclude(edited_fields=[]).exists()
    darfur = Process.objects.get(pax_id=1)
    assert (darfur.name, darfur.stage, darfur.edited_fields) == (
        "Sudan: Darfur process",
        "implementation",
        [],
    )
    assert "Agreements: 0 created, 2 updated, 2 unchanged." in out


def test_staff_countries_survive_when_marked(small_csv):
    run_import(small_csv)
    darfur = Process.objects.get(pax_id=1)
    ProcessCountry(process=darfur, country="EG").save()
    Process.objects.filter(pk=darfur.pk).update(edited_fields=["countries"])

    run_import(small_csv)
    assert sorted(str(row.country) for row in darfur.countries.all()) == ["EG", "SD", "TD"]

    run_import(small_csv, "--overwrite")
    assert sorted(str(row.country) for row in darfur.countries.all()) == ["SD", "TD"]


def test_a_bulk_withdrawal_in_the_admin_survives_a_reimport(small_csv, superuser_client):
    run_import(small_csv)
    darfur = Process.objects.get(pax_id=1)
    response = superuser_client.post(
        "/admin/processes/process/", {"action": "unpublish", "_selected_action": [darfur.pk]}
    )
    assert response.status_code == 302

    run_import(small_csv)

    darfur.refresh_from_db()
    assert darfur.status == Process.Status.DRAFT
    assert Process.objects.get(pax_id=2).status == Process.Status.PUBLISHED


def test_the_import_never_changes_whether_a_process_it_has_is_published(small_csv):
    """The import publishes the processes it creates. One staff keep as a draft, added by
    hand with its PA-X id or withdrawn later, stays a draft, even when told to overwrite."""
    ProcessFactory(name="Darfur (in preparation)", slug="darfur", status="draft", pax_id=1)

    run_import(small_csv)

    darfur = Process.objects.get(pax_id=1)
    assert darfur.status == Process.Status.DRAFT
    assert darfur.name == "Sudan: Darfur process"  # what staff did not keep, the import brings
    assert Process.objects.get(pax_id=2).status == Process.Status.PUBLISHED
    run_import(small_csv, "--overwrite")
    assert Process.objects.get(pax_id=1).status == Process.Status.DRAFT


def test_an_agreement_staff_moved_to_another_process_stays_there(small_csv, superuser_client):
    run_import(small_csv)
    curated = ProcessFactory(name="Darfur, as curated", slug="darfur-curated")
    ceasefire = Agreement.objects.get(pax_id=10)
    url = f"/admin/processes/agreement/{ceasefire.pk}/change/"
    data = admin_form_data(superuser_client.get(url)) | {"process": curated.pk}
    assert superuser_client.post(url, data).status_code == 302

    run_import(small_csv)

    ceasefire.refresh_from_db()
    assert ceasefire.process == curated
    assert ceasefire.edited_fields == ["process"]
    run_import(small_csv, "--overwrite")  # told to, the import puts it back where PA-X has it
    ceasefire.refresh_from_db()
    assert ceasefire.process.pax_id == 1
