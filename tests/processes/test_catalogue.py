"""The catalogue: filters, search, ordering, drafts, the download, and its cost in queries."""

import csv
import io

import pytest
from django.urls import reverse

from processes.models import Process
from processes.record import Instrument, ProcessInstrument
from tests.conftest import PAGE_VERSION, tables_read
from tests.factories import ProcessFactory, add_country
from tests.processes.conftest import CATALOGUE, slugs
from wpm.models import PageVersion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"north", "coast", "border"}),
        ({"q": "ceasefire"}, {"north"}),
        ({"q": "fishing"}, {"coast"}),
        ({"track": "1"}, {"north"}),
        ({"track": ["1", "3"]}, {"north", "coast"}),
        ({"level": "inter"}, {"border"}),
        ({"stage": ["implementation", "framework"]}, {"coast", "border"}),
        ({"region": "002"}, {"north"}),
        ({"region": "145"}, {"border"}),
        ({"country": "CO"}, {"coast"}),
        ({"country": ["CO", "SD"]}, {"north", "coast"}),
        ({"region": "horn-of-africa"}, {"north"}),
        ({"region": "south-caucasus"}, {"border"}),
        ({"region": "andean-region"}, {"coast"}),
        ({"region": "sahel"}, set()),
        ({"instrument": "good-offices"}, {"north"}),
        ({"year_from": "2017"}, {"coast"}),
        ({"year_to": "2010"}, {"border"}),
        ({"year_from": "2010", "year_to": "2013"}, {"north"}),
        ({"women_mediators": "on"}, {"north"}),
    ],
)
def test_catalogue_filters(client, catalogue, params, expected):
    assert slugs(client, params) == expected


def test_catalogue_ordering_and_facets(client, catalogue):
    response = client.get(CATALOGUE, {"ordering": "-year"})
    assert [p.slug for p in response.context["processes"]] == ["coast", "north", "border"]
    # A part left empty chooses nothing: the order named, or else the catalogue's own, by name.
    response = client.get(CATALOGUE, {"ordering": "-year,"})
    assert [p.slug for p in response.context["processes"]] == ["coast", "north", "border"]
    response = client.get(CATALOGUE, {"ordering": ","})
    assert [p.slug for p in response.context["processes"]] == ["border", "coast", "north"]
    german = client.get("/de/processes/").content.decode()
    assert "Anfangsjahr (absteigend)" in german and "descending" not in german
    facets = client.get(CATALOGUE, {"region": "002"}).context["facets"]
    assert facets["track"] == {"1": 1}
    html = client.get(CATALOGUE).content.decode()
    assert 'Track 1 <span class="count">(1)</span>' in html


def test_search_ranks_by_name_then_summary_and_follows_every_write(client):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's; SQLite lists the matches by name")
    in_summary = ProcessFactory(name="Alpha talks", summary="A ceasefire held for a year.")
    in_name = ProcessFactory(name="Zeta ceasefire talks", summary="")
    in_description = ProcessFactory(name="Beta talks", summary="", description="A ceasefire.")

    def found():
        return [p.pk for p in client.get(CATALOGUE, {"q": "ceasefire"}).context["processes"]]

    assert found() == [in_name.pk, in_summary.pk, in_description.pk]
    # A queryset update sends no signal; the rank follows the row all the same.
    Process.objects.filter(pk=in_description.pk).update(name="Ceasefire commission")
    PageVersion.bump()  # as bulk writes do, for the page cache
    assert found() == [in_description.pk, in_name.pk, in_summary.pk]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("year", ["Alpha 2015", "Beta 2015", "Zeta 2015", "Delta 2019", "No year"]),
        ("-year", ["Delta 2019", "Alpha 2015", "Beta 2015", "Zeta 2015", "No year"]),
    ],
)
def test_an_order_by_year_gives_each_process_one_place_and_the_undated_come_last(
    client, ordering, expected
):
    """Processes of one year come by name, so that pages neither repeat nor skip one, and a
    process with no start year ends the list either way, as on the roster."""
    for name, year in (
        ("Zeta 2015", 2015),
        ("No year", None),
        ("Beta 2015", 2015),
        ("Delta 2019", 2019),
        ("Alpha 2015", 2015),
    ):
        ProcessFactory(name=name, start_year=year)
    response = client.get(CATALOGUE, {"ordering": ordering})
    assert [process.name for process in response.context["processes"]] == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["Alpha talks", "Zeta quellwort talks"]),
        ("-name", ["Zeta quellwort talks", "Alpha talks"]),
    ],
)
def test_a_chosen_order_applies_to_search_results_too(client, ordering, expected):
    """The word is in Zeta's name and only in Alpha's summary: without a chosen order, Zeta
    is the better match on PostgreSQL."""
    ProcessFactory(name="Alpha talks", summary="A quellwort held.")
    ProcessFactory(name="Zeta quellwort talks", summary="")
    response = client.get(CATALOGUE, {"q": "quellwort", "ordering": ordering})
    assert [process.name for process in response.context["processes"]] == expected


@pytest.mark.parametrize(
    "params",
    [
        {"track": "4"},
        {"level": "galactic"},
        {"year_from": "abc"},
        {"year_from": "2020", "year_to": "2010"},
        {"ordering": "status"},
        {"instrument": "no-such"},
        # A share or a year is a whole number: 50.5 was cut to 50 and listed a process of
        # one woman among two under "at least 50.5 %".
        {"women_share": "50.5"},
        {"year_from": "2004.5"},
    ],
)
def test_catalogue_refuses_unknown_values(client, catalogue, params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    assert list(response.context["processes"]) == []


def test_a_refused_order_leaves_the_list_whole_for_the_next_visitor(client, catalogue):
    """The public's whole list is counted once for all its visitors (wpm.derived): a request
    whose order cannot be understood lists nothing, and must not count for them."""
    assert client.get(CATALOGUE, {"ordering": "status"}).status_code == 400
    response = client.get(CATALOGUE)
    assert response.context["paginator"].count == 3
    assert {process.slug for process in response.context["processes"]} == {
        "north",
        "border",
        "coast",
    }
    assert 'Track 1 <span class="count">(1)</span>' in response.content.decode()


def test_drafts_are_seen_by_staff_only(client, member_client, staff_client, catalogue):
    draft = catalogue["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert member_client.get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "only staff see this process" in response.content.decode()
    for viewer in (client, member_client):
        assert "Secret draft talks" not in viewer.get(CATALOGUE).content.decode()
        assert (
            "Secret draft talks"
            not in viewer.get(reverse("processes:catalogue_csv")).content.decode()
        )
    assert "Secret draft talks" in staff_client.get(CATALOGUE).content.decode()


def test_csv_download_follows_the_filters(client, catalogue):
    response = client.get(reverse("processes:catalogue_csv"), {"track": ["1", "3"]})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Name"
    assert sorted(row[0] for row in rows[1:]) == [
        "Coastal community dialogue",
        "Northern ceasefire talks",
    ]
    assert client.get(reverse("processes:catalogue_csv"), {"track": "9"}).status_code == 400


@pytest.mark.parametrize("count", [3, 60])
def test_catalogue_runs_in_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    for number in range(count):
        process = ProcessFactory()
        add_country(process, ["SD", "CO", "AM"][number % 3])
        ProcessInstrument.objects.create(process=process, instrument=Instrument.objects.first())
    # The facets with the count, the page with its countries' regions; the instruments to
    # filter by and the PA-X release it cites, once for this version of the content.
    with django_assert_max_num_queries(4 + PAGE_VERSION):
        response = client.get(CATALOGUE, {"track": "1", "region": "002"})
    assert response.status_code == 200
    assert response.content.decode().count("</span>Northern Africa</p>") == min(count // 3, 24)
    assert response.context["facets"]["track"] == {"1": count // 3}
    assert response.context["paginator"].count == count // 3


def test_the_catalogue_shows_its_active_filters_as_chips(client, catalogue):
    response = client.get(CATALOGUE, {"q": "ceasefire", "women_mediators": "on"})
    labels = [chip["label"] for chip in response.context["chips"]]
    assert labels == [
        "Search: \N{LEFT DOUBLE QUOTATION MARK}ceasefire\N{RIGHT DOUBLE QUOTATION MARK}",
        "With women mediators: yes",
    ]


@pytest.fixture
def signatories(catalogue):
    """Women among the signatories: 1 of 10 of the coast's agreement, 2 of 4 at the border."""
    import datetime

    from processes.models import Agreement
    from processes.record import ParticipationFigure

    accord = Agreement.objects.create(process=catalogue["coast"], name="Coast accord")
    for owner, women, total, day in (
        ({"agreement": accord}, 1, 10, datetime.date(2018, 1, 1)),
        ({"process": catalogue["border"]}, 2, 4, datetime.date(2007, 1, 1)),
        ({"process": catalogue["border"]}, 0, 5, datetime.date(2006, 1, 1)),
    ):
        ParticipationFigure.objects.create(
            role="signatories", women=women, total=total, source="PA-X", as_of=day, **owner
        )
    return catalogue


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"women_in": "signatories"}, {"coast", "border"}),
        ({"women_in": "signatories", "women_share": "20"}, {"border"}),
        ({"women_in": "signatories", "women_share": "50"}, {"border"}),
        ({"women_in": "signatories", "women_share": "51"}, set()),
        ({"women_in": "mediators"}, {"north"}),
        ({"women_share": "25"}, {"north", "border"}),  # any role: north's mediators 1 of 4
        ({"women_in": "negotiators"}, set()),
    ],
)
def test_which_processes_had_women_at_the_table(client, signatories, params, expected):
    assert slugs(client, params) == expected


def test_a_share_counts_as_it_is_shown(client, catalogue):
    """3 of 8 is shown as 38 %, and a search for at least 38 % left it out."""
    import datetime

    from processes.record import ParticipationFigure

    ParticipationFigure.objects.create(
        process=catalogue["border"],
        role="signatories",
        women=3,
        total=8,
        source="PA-X",
        as_of=datetime.date(2007, 1, 1),
    )
    assert slugs(client, {"women_in": "signatories", "women_share": "38"}) == {"border"}
    assert slugs(client, {"women_in": "signatories", "women_share": "39"}) == set()


@pytest.mark.parametrize("params", [{"women_in": "chiefs"}, {"women_share": "101"}])
def test_a_participation_filter_out_of_range_is_refused(client, signatories, params):
    assert client.get(CATALOGUE, params).status_code == 400


def test_the_download_holds_the_participation_figures(client, signatories):
    response = client.get(reverse("processes:catalogue_csv"), {"women_in": "signatories"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {row["Name"]: row for row in rows}
    assert set(by_name) == {"Coastal community dialogue", "Border commission"}
    border = by_name["Border commission"]
    # The latest figure, not a sum of them.
    assert (border["Signatories: women"], border["Signatories: in all"]) == ("2", "4")
    assert border["Signatories: as of"] == "2007-01-01"
    assert by_name["Coastal community dialogue"]["Signatories: in all"] == "10"
    assert border["Mediators: women"] == ""


@pytest.mark.parametrize(
    ("language", "words", "expected"),
    [
        ("en", "Colombia", {"coast"}),
        ("de", "Kolumbien", {"coast"}),
        ("de", "sudan", {"north"}),
        ("en", "South Caucasus", {"border"}),
        ("de", "Südkaukasus", {"border"}),
        ("en", "Highlands", {"north"}),  # no place: the words are searched
    ],
)
def test_the_catalogue_search_finds_what_is_in_a_named_place(
    client, catalogue, language, words, expected
):
    """A country's or a region's name, in English or German, finds the processes there, as its
    filter would, whether or not their texts name it; other words are searched."""
    response = client.get(f"/{language}/processes/", {"q": words})
    assert {process.slug for process in response.context["processes"]} == expected


def test_the_catalogue_offers_the_instruments_as_staff_last_left_them(client):
    assert "Lantern method" not in client.get(CATALOGUE).content.decode()
    # Read once for this version of the content: the next page reads no instrument.
    assert "processes_instrument" not in tables_read(client, CATALOGUE, {"ordering": "name"})
    added = Instrument.objects.create(
        slug="lantern", name_en="Lantern method", name_de="Laternenmethode"
    )
    process = ProcessFactory(name="Lantern talks")
    use = ProcessInstrument.objects.create(process=process, instrument=added)
    page = client.get(CATALOGUE, {"instrument": "lantern"})
    assert page.status_code == 200
    assert 'value="lantern"' in page.content.decode()
    assert "Lantern talks" in page.content.decode()
    assert "Laternenmethode" in client.get("/de/processes/").content.decode()
    use.delete()
    added.delete()
    page = client.get(CATALOGUE, {"instrument": "lantern"})
    assert page.status_code == 400  # no such choice any more
    assert "Lantern method" not in page.content.decode()
