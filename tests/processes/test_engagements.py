"""Mediators' engagements in processes: who may know of them, wherever they are counted."""

import csv
import io

import pytest
from django.urls import reverse

from processes.models import Engagement, ProcessLink
from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory
from tests.processes.conftest import slugs

pytestmark = pytest.mark.django_db


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
        body = viewer.get(reverse("processes:catalogue_csv")).content.decode()
        rows = list(csv.DictReader(io.StringIO(body)))
        assert {row["Network mediators engaged"] for row in rows} == {"no"}
    Engagement.objects.create(
        mediator=MediatorFactory(), process=coast, role="lead", confidentiality="named"
    )
    assert slugs(client, {"network": "on"}) == {"coast"}


def _track_counts(client):
    body = client.get(reverse("processes:insights_csv", args=["engagements-by-track"]))
    return dict(csv.reader(io.StringIO(body.content.decode())))


def test_engagements_by_track_count_what_the_public_profiles_show(client, engagements):
    """Named (1) and anonymised (1): staff-only ones are left out, and so are those of hidden,
    protected and members-only profiles, which the public cannot see on any profile: beside the
    public pages, a count of theirs would tell that someone unseen is engaged on a track."""
    MediatorFactory(display_name="Mona Members", visibility="members").engagements.create(
        process=ProcessFactory(track="3"), role="lead", confidentiality="named"
    )
    counts = _track_counts(client)
    assert counts["Track 1"] == "2"
    assert counts["Track 3"] == "0"


def test_the_engagements_summary_counts_one_engagement_in_the_singular(client, engagements):
    """It read "1 engagements" and "1 Einsätze"."""
    engagements["anonymised"].engagements.all().delete()
    for language, words in [("en", "1 engagement of network members"), ("de", "1 Einsatz ")]:
        text = " ".join(client.get(f"/{language}/processes/insights/").content.decode().split())
        assert words in text


def test_engagements_by_track_follow_a_profile_that_is_hidden(client, engagements):
    assert _track_counts(client)["Track 1"] == "2"
    named = engagements["named"]
    named.visibility = "hidden"
    named.save()
    assert _track_counts(client)["Track 1"] == "1"


def test_each_visitor_in_turn_sees_the_engagements_links_and_drafts_she_may(
    engagements, catalogue, staff, member
):
    """The page's queries are written once per audience (wpm.shapes): asked by one visitor
    after another, each page still shows its own visitor what she may know, and no more."""
    north = catalogue["north"]
    draft = ProcessFactory(name="Draft dialogue of elders", track="3", status="draft")
    ProcessLink.objects.create(source=north, target=draft, kind="accompanies")
    viewers = {"anonymous": None, "staff": staff, "member": member}
    for viewer in ("anonymous", "staff", "member", "anonymous", "staff"):
        client = client_for(viewers[viewer])
        html = client.get(north.get_absolute_url()).content.decode()
        shown = {m.display_name for m in engagements.values() if m.display_name in html}
        assert shown == VISIBLE_ON_PROCESS[viewer]
        assert ("Draft dialogue of elders" in html) == (viewer == "staff")
        expected = 200 if viewer == "staff" else 404
        assert client.get(draft.get_absolute_url()).status_code == expected
