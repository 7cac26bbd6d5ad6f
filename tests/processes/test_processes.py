import csv
import datetime
import io

import pytest
from django.urls import reverse

from processes.models import Agreement, Engagement, Process, ProcessLink
from processes.record import Instrument, ParticipationFigure, Party, ProcessInstrument, ProcessParty
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import MediatorFactory, ProcessFactory, add_country
from wpm.models import PageVersion

pytestmark = pytest.mark.django_db

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
    ],
)
def test_catalogue_refuses_unknown_values(client, catalogue, params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    assert list(response.context["processes"]) == []


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


def test_detail_shows_parties_instruments_links_both_ways(client, catalogue):
    north, coast, draft = catalogue["north"], catalogue["coast"], catalogue["draft"]
    ProcessLink.objects.create(source=coast, target=north, kind="accompanies")
    ProcessLink.objects.create(source=draft, target=north, kind="feeds-into")
    government = Party.objects.create(name="Government of Sudan", kind="government")
    movement = Party.objects.create(name="Highland Movement", kind="armed-group")
    union = Party.objects.create(name="African Union", kind="regional")
    for party, role in [
        (government, "conflict-party"),
        (movement, "conflict-party"),
        (union, "mediator"),
    ]:
        ProcessParty.objects.create(process=north, party=party, role=role)
    html = client.get(north.get_absolute_url()).content.decode()
    assert (
        "Conflict party" in html and "Government of Sudan" in html and "Highland Movement" in html
    )
    assert "Mediator or third party" in html and "African Union" in html
    assert "Good offices" in html
    assert "is accompanied by" in html and coast.get_absolute_url() in html
    assert "Secret draft talks" not in html, "a link to a draft stays hidden"
    back = client.get(coast.get_absolute_url()).content.decode()
    assert "This process accompanies" in back and north.get_absolute_url() in back


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


VISIBLE_ON_PROCESS = {
    "anonymous": {"Nadia Named"},
    "member": {"Nadia Named", "Paula Protected"},
    "staff": {
        "Nadia Named",
        "Anna Anonymised",
        "Sofia Staffonly",
        "Hanna Hidden",
        "Paula Protected",
    },
}


@pytest.mark.parametrize("viewer", list(VISIBLE_ON_PROCESS))
def test_process_names_only_the_engagements_the_viewer_may_know(
    viewer, engagements, catalogue, request
):
    client = client_for(None if viewer == "anonymous" else request.getfixturevalue(viewer))
    html = client.get(catalogue["north"].get_absolute_url()).content.decode()
    for mediator in engagements.values():
        assert (mediator.display_name in html) == (
            mediator.display_name in VISIBLE_ON_PROCESS[viewer]
        )


def test_anonymised_engagement_never_names_the_process_on_her_profile(
    client, engagements, catalogue
):
    anonymised = engagements["anonymised"]
    html = client.get(anonymised.get_absolute_url()).content.decode()
    assert "Northern ceasefire talks" not in html
    assert catalogue["north"].get_absolute_url() not in html
    assert "Track 1 process, Northern Africa, 2014" in html
    named = client.get(engagements["named"].get_absolute_url()).content.decode()
    assert "Northern ceasefire talks" in named
    staff_only = client.get(engagements["staff"].get_absolute_url()).content.decode()
    assert "Northern ceasefire talks" not in staff_only and "Track 1 process" not in staff_only


def test_network_filter_and_csv_count_only_visible_engagements(client, member_client, catalogue):
    coast = catalogue["coast"]
    Engagement.objects.create(
        mediator=MediatorFactory(), process=coast, role="facilitator", confidentiality="anonymised"
    )
    Engagement.objects.create(
        mediator=MediatorFactory(visibility="hidden"),
        process=catalogue["border"],
        role="lead",
        confidentiality="named",
    )
    for viewer in (client, member_client):
        assert slugs(viewer, {"network": "on"}) == set()
        rows = list(
            csv.reader(io.StringIO(viewer.get(reverse("processes:catalogue_csv")).content.decode()))
        )
        assert {row[-1] for row in rows[1:]} == {"no"}
    Engagement.objects.create(
        mediator=MediatorFactory(), process=coast, role="lead", confidentiality="named"
    )
    assert slugs(client, {"network": "on"}) == {"coast"}


def test_insights_show_charts_tables_and_csv(client, catalogue):
    north = catalogue["north"]
    Agreement.objects.create(
        process=north, name="Ceasefire", date=datetime.date(2015, 5, 1), gender_provisions=True
    )
    Agreement.objects.create(process=north, name="Protocol", date=datetime.date(2015, 9, 1))
    Agreement.objects.create(
        process=catalogue["draft"],
        name="Draft accord",
        date=datetime.date(2015, 9, 1),
        gender_provisions=True,
    )
    ParticipationFigure.objects.create(
        process=catalogue["draft"],
        role="negotiators",
        total=10,
        women=9,
        source="x",
        as_of=datetime.date(2016, 1, 1),
    )
    response = client.get(reverse("processes:insights"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 4 and html.count("<table") == 4
    assert "1 of 2 agreements (50%)" in html, "drafts are not counted"
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["gender-provisions"])
                ).content.decode()
            )
        )
    )
    assert rows == [
        ["Year", "Agreements", "With gender provisions", "Share (%)"],
        ["2015", "2", "1", "50"],
    ]
    share = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["share-by-role"])
                ).content.decode()
            )
        )
    )
    assert share[1:] == [["2015\N{EN DASH}2019", "Mediators", "4", "1", "25"]]
    assert client.get("/en/processes/insights/nothing.csv").status_code == 404


def test_engagements_by_track_leave_out_staff_only(client, engagements):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["engagements-by-track"])
                ).content.decode()
            )
        )
    )
    assert rows[1] == ["Track 1", "4"], "named (3) and anonymised (1); staff-only left out"


@pytest.mark.parametrize("count", [3, 60])
def test_catalogue_runs_in_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    for number in range(count):
        process = ProcessFactory()
        add_country(process, ["SD", "CO", "AM"][number % 3])
        ProcessInstrument.objects.create(process=process, instrument=Instrument.objects.first())
    # The facets with the count, the page with its countries, the instruments to filter by.
    with django_assert_max_num_queries(4 + PAGE_VERSION):
        response = client.get(CATALOGUE, {"track": "1", "region": "002"})
    assert response.status_code == 200
    assert response.context["facets"]["track"] == {"1": count // 3}
    assert response.context["paginator"].count == count // 3


@pytest.mark.parametrize("size", [1, 12])
def test_detail_runs_in_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    process = ProcessFactory()
    for number in range(size):
        add_country(
            process,
            ["SD", "CO", "AM", "KE", "ML", "NE", "TD", "SO", "ET", "ER", "UG", "RW"][number],
        )
        other = ProcessFactory(track="2")
        ProcessLink.objects.create(source=other, target=process, kind="accompanies")
        party = Party.objects.create(name=f"Party {number}")
        ProcessParty.objects.create(process=process, party=party, role="conflict-party")
        agreement = Agreement.objects.create(
            process=process, name=f"Agreement {number}", date=datetime.date(2016, 1, 1 + number)
        )
        ParticipationFigure.objects.create(
            agreement=agreement,
            role="signatories",
            total=5,
            women=1,
            source="s",
            as_of=datetime.date(2016, 1, 1),
        )
        Engagement.objects.create(
            mediator=MediatorFactory(), process=process, role="lead", confidentiality="named"
        )
    ProcessLink.objects.create(source=process, target=ProcessFactory(track="3"), kind="feeds-into")
    # The process with its six kinds of related rows, the figures of the process and of its
    # agreements, the engagements, the links both ways.
    with django_assert_max_num_queries(10 + PAGE_VERSION):
        response = client.get(process.get_absolute_url())
    page = response.content.decode()
    assert page.count("is accompanied by") == size
    assert page.count("<td>Signatories</td>") == size
    assert "feeds into" in page


@pytest.mark.parametrize("size", [1, 20])
def test_insights_run_in_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    for number in range(size):
        process = ProcessFactory()
        add_country(process, "SD")
        ParticipationFigure.objects.create(
            process=process,
            role="mediators",
            total=5,
            women=1,
            source="s",
            as_of=datetime.date(2000 + number, 1, 1),
        )
        Agreement.objects.create(process=process, name="A", date=datetime.date(2000 + number, 1, 1))
    with django_assert_max_num_queries(8 + PAGE_VERSION):
        assert client.get(reverse("processes:insights")).status_code == 200


def test_staff_edits_are_remembered_and_history_is_kept(superuser_client):
    process = ProcessFactory(name="Plain talks", slug="plain")
    url = f"/admin/processes/process/{process.pk}/change/"
    response = superuser_client.get(url)
    data = {
        key: value
        for key, value in response.context["adminform"].form.initial.items()
        if value is not None
    }
    data["name"] = "Plain talks (renamed)"
    for inline in response.context["inline_admin_formsets"]:
        for key, value in inline.formset.management_form.initial.items():
            data[f"{inline.formset.prefix}-{key}"] = value
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.name == "Plain talks (renamed)"
    assert process.edited_fields == ["name"]
    assert (
        superuser_client.get(f"/admin/processes/process/{process.pk}/history/").status_code == 200
    )
    assert process.history.count() == 2
    assert process.history.first().history_user.email == "root@example.org"


def form_data(response):
    """What the browser would send back from an admin change form, unchanged."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        data.update(
            (f"{inline.formset.prefix}-{key}", value)
            for key, value in inline.formset.management_form.initial.items()
        )
        forms.extend(inline.formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def process_with_rows(size):
    """A process with ``size`` rows of every kind its change form edits."""
    process = ProcessFactory(name="Many rows")
    instruments = Instrument.objects.all()
    for number in range(size):
        add_country(process, ["SD", "CO", "AM", "KE"][number])
        party = Party.objects.create(name=f"Movement {number}")
        ProcessParty.objects.create(process=process, party=party, role="conflict-party")
        ProcessInstrument.objects.create(process=process, instrument=instruments[number])
        target = ProcessFactory(name=f"Dialogue {number}", track="2")
        ProcessLink.objects.create(source=process, target=target, kind="feeds-into")
        Agreement.objects.create(process=process, name=f"Accord {number}")
        mediator = MediatorFactory(display_name=f"Mediator {number}")
        Engagement.objects.create(mediator=mediator, process=process, role="lead")
        ParticipationFigure.objects.create(
            process=process,
            role="negotiators",
            total=10,
            women=number,
            source="s",
            as_of=datetime.date(2016, 1, 1),
        )
        process.milestones.create(date=datetime.date(2016, 1, 1 + number), title=f"Step {number}")
        process.sources.create(title=f"Report {number}")
    return process


@pytest.mark.parametrize("size", [1, 4])
def test_the_process_change_form_runs_in_a_fixed_number_of_queries(
    superuser_client, size, django_assert_max_num_queries
):
    """However many parties, links and engagements a process has, its change form reads them
    in the same queries, and every row still names what it holds."""
    process = process_with_rows(size)
    url = f"/admin/processes/process/{process.pk}/change/"
    superuser_client.get(url)
    with django_assert_max_num_queries(20):  # 8 of them the staff session's and two-factor's
        response = superuser_client.get(url)
    page = response.content.decode()
    for number in range(size):
        party = Party.objects.get(name=f"Movement {number}")
        assert f'<option value="{party.pk}" selected>Movement {number}</option>' in page
        target = Process.objects.get(name=f"Dialogue {number}")
        assert f'<option value="{target.pk}" selected>Dialogue {number}</option>' in page
        mediator = process.engagements.get(mediator__display_name=f"Mediator {number}").mediator
        assert f'<option value="{mediator.pk}" selected>Mediator {number}</option>' in page
    for use in process.instrument_uses.select_related("instrument"):
        assert f'<option value="{use.instrument.pk}" selected>{use.instrument}</option>' in page


def test_a_process_saved_unchanged_keeps_its_rows(superuser_client):
    process = process_with_rows(3)
    url = f"/admin/processes/process/{process.pk}/change/"
    before = {
        "parties": list(process.party_roles.values_list("party__name", flat=True)),
        "instruments": list(process.instrument_uses.values_list("instrument", flat=True)),
        "links": list(process.links_out.values_list("target__name", flat=True)),
        "engagements": list(process.engagements.values_list("mediator", flat=True)),
    }
    response = superuser_client.post(url, form_data(superuser_client.get(url)))
    assert response.status_code == 302
    assert {
        "parties": list(process.party_roles.values_list("party__name", flat=True)),
        "instruments": list(process.instrument_uses.values_list("instrument", flat=True)),
        "links": list(process.links_out.values_list("target__name", flat=True)),
        "engagements": list(process.engagements.values_list("mediator", flat=True)),
    } == before


def test_a_row_naming_a_deleted_instrument_is_refused(superuser_client):
    """The select lists are read once per page; what staff send back is still checked."""
    process = process_with_rows(1)
    url = f"/admin/processes/process/{process.pk}/change/"
    data = form_data(superuser_client.get(url))
    gone = Instrument.objects.create(slug="gone", name_en="Gone", name_de="Weg")
    data["instrument_uses-0-instrument"] = str(gone.pk)
    gone.delete()
    data["name"] = "Renamed"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    process.refresh_from_db()
    assert process.name == "Many rows"


def test_a_figure_counts_once_per_region_however_many_countries(client):
    process = ProcessFactory()
    add_country(process, "AM")
    add_country(process, "AZ")  # both in Western Asia
    ParticipationFigure.objects.create(
        process=process,
        role="negotiators",
        total=10,
        women=3,
        source="s",
        as_of=datetime.date(2010, 1, 1),
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["share-by-region"])
                ).content.decode()
            )
        )
    )
    assert rows[1:] == [["Asia", "10", "3", "30"]]
