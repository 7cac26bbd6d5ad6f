"""The back office of processes: staff edits, history, and change forms."""

import datetime
import re

import pytest

from processes.models import Agreement, Engagement, Process, ProcessLink
from processes.record import Instrument, ParticipationFigure, Party, ProcessInstrument, ProcessParty
from tests.conftest import admin_form_data
from tests.factories import MediatorFactory, ProcessFactory, add_country

pytestmark = pytest.mark.django_db


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


def test_a_history_names_what_changed_in_the_reader_s_language(superuser_client):
    """It showed the codes stored ("draft → published") and "None" where staff gave no
    reason."""
    process = ProcessFactory(status="draft")
    superuser_client.post(
        "/admin/processes/process/",
        {"action": "publish", "_selected_action": [process.pk]},
    )
    assert process.history.count() == 2
    html = superuser_client.get(
        f"/admin/processes/process/{process.pk}/history/", headers={"accept-language": "de"}
    ).content.decode()
    assert re.search(
        r"<strong>Status:</strong>\s*Entwurf\s*&nbsp;&rarr;&nbsp;&nbsp;Veröffentlicht", html
    )
    assert not re.search(r"<td>\s*None\s*</td>", html)


@pytest.mark.parametrize("model", ["process", "agreement", "engagement"])
def test_a_history_page_at_no_key_is_not_found(superuser_client, model):
    assert superuser_client.get(f"/admin/processes/{model}/abc/history/").status_code == 404


@pytest.mark.parametrize("version", ["abc", "1.5", "9" * 30])
def test_a_past_version_at_no_key_is_not_found(superuser_client, version):
    """A word where the version's number belongs was a server error."""
    process = ProcessFactory()
    for url in (
        f"/admin/processes/process/{process.pk}/history/{version}/",
        f"/admin/processes/process/{version}/history/{process.history.get().history_id}/",
    ):
        assert superuser_client.get(url).status_code == 404, url


def test_staff_find_a_session_by_email(superuser_client, superuser):
    response = superuser_client.get("/admin/usersessions/usersession/", {"q": superuser.email})
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


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
    response = superuser_client.post(url, admin_form_data(superuser_client.get(url)))
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
    data = admin_form_data(superuser_client.get(url))
    gone = Instrument.objects.create(slug="gone", name_en="Gone", name_de="Weg")
    data["instrument_uses-0-instrument"] = str(gone.pk)
    gone.delete()
    data["name"] = "Renamed"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    process.refresh_from_db()
    assert process.name == "Many rows"


def _add_process(client, **fields):
    form = admin_form_data(client.get("/admin/processes/process/add/"))
    data = form | {"name": "Backwards talks", "track": "1", "status": "draft"} | fields
    return client.post("/admin/processes/process/add/", data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_date": "2021-05-01", "end_year": "2019"}, "end_year"),
        ({"start_year": "2021", "end_date": "2019-05-01"}, "end_year"),
        ({"start_date": "2021-05-01", "end_date": "2021-04-30"}, "end_date"),
    ],
)
def test_a_process_ending_before_it_starts_is_refused_by_its_dates_too(
    superuser_client, fields, field
):
    """A date left its year blank in the check, then gave it on save, and the database refused
    the row: a server error instead of the form's message."""
    response = _add_process(superuser_client, slug="backwards", **fields)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field] == ["A process cannot end before it starts."]
    assert not Process.objects.filter(slug="backwards").exists()


@pytest.mark.parametrize("slug", ["insights", "instruments", "agreements", "data"])
def test_a_process_cannot_take_the_address_of_a_page(superuser_client, slug):
    """Its page would never be reached: the catalogue's own pages answer there first, and every
    card, feed and sitemap entry would lead to them."""
    response = _add_process(superuser_client, slug=slug)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "A page of the site has this address already: choose another."
    ]
    assert not Process.objects.filter(slug=slug).exists()


def test_an_engagement_s_history_outlives_its_process(superuser_client):
    process = ProcessFactory(name="Gone talks", slug="gone")
    engagement = Engagement.objects.create(
        mediator=MediatorFactory(), process=process, role="adviser"
    )
    process.delete()
    response = superuser_client.get(f"/admin/processes/engagement/{engagement.pk}/history/")
    assert response.status_code in (200, 302)


def test_a_profile_deleted_in_the_back_office_takes_her_engagements_history(superuser_client):
    """Their history rows named her, and their history page was a server error."""
    mediator = MediatorFactory(display_name="Hana Hidden")
    engagement = Engagement.objects.create(
        mediator=mediator, process=ProcessFactory(), role="adviser"
    )
    address = f"/admin/mediators/mediator/{mediator.pk}/delete/"
    assert superuser_client.post(address, {"post": "yes"}).status_code == 302
    assert not Engagement.history.filter(id=engagement.pk).exists()
    response = superuser_client.get(f"/admin/processes/engagement/{engagement.pk}/history/")
    assert response.status_code == 404
