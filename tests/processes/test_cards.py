"""Process cards (processes.templatetags.catalogue): what each card shows, in both languages."""

import re

import pytest
from django.urls import reverse

from tests.factories import ProcessFactory, add_country

pytestmark = pytest.mark.django_db


def cards(html):
    return re.findall(r'<li class="card process-card">.*?</li>', html, re.S)


def test_a_card_shows_name_track_level_stage_years_summary_and_regions(client):
    process = ProcessFactory(name="Juba talks", start_year=2018, end_year=2020)
    add_country(process, "SS")
    add_country(process, "SD")

    [card] = cards(client.get(reverse("processes:catalogue")).content.decode())

    assert f'<a href="{process.get_absolute_url()}">Juba talks</a></h3>' in card
    assert '<span class="badge badge--track">Track 1</span> Intra-state' in card
    assert " · Ceasefire" in card and " · 2018&ndash;2020</p>" in card
    assert "<p>Talks between the government and an armed movement.</p>" in card
    assert '<span class="visually-hidden">Regions: </span>Eastern Africa, Northern Africa' in card
    assert 'badge">Draft' not in card


def test_a_card_names_each_region_once_in_the_page_language_and_none_it_has_not(client):
    horn = ProcessFactory(name="Horn talks")
    for country in ("ET", "KE", "SO"):  # all three in Eastern Africa
        add_country(horn, country)
    add_country(horn, "YE")
    ProcessFactory(name="Unplaced talks")
    english = dict(named_cards(client, "/en/processes/"))
    assert (
        '<span class="visually-hidden">Regions: </span>Eastern Africa, Western Asia</p>'
        in english["Horn talks"]
    )
    assert "Regions:" not in english["Unplaced talks"]
    german = dict(named_cards(client, "/de/processes/"))
    assert "</span>Ostafrika, Westasien</p>" in german["Horn talks"]


def named_cards(client, address):
    """(the process's name, its card) for each card of the page."""
    return [
        (re.search(r">([^<]+)</a></h3>", card).group(1), card)
        for card in cards(client.get(address).content.decode())
    ]


def test_on_a_german_page_the_english_names_are_marked_and_the_labels_are_german(client):
    process = ProcessFactory(name="Juba talks", conflict_level="", stage="", start_year=None)
    [card] = cards(client.get("/de/processes/").content.decode())
    assert f'<a href="{process.get_absolute_url()}" lang="en">Juba talks</a>' in card
    assert '<p lang="en">Talks between' in card
    assert '<span class="badge badge--track">Track 1</span> </p>' in card


def test_staff_see_a_draft_marked_as_one(staff_client, client):
    ProcessFactory(name="Quiet talks", status="draft")
    [card] = cards(staff_client.get(reverse("processes:catalogue")).content.decode())
    assert 'Quiet talks</a> <span class="badge">Draft</span></h3>' in card
    assert cards(client.get(reverse("processes:catalogue")).content.decode()) == []


def test_a_card_escapes_the_names_it_shows(client):
    ProcessFactory(name='<img src=x onerror="alert(1)">', summary="a < b & c")
    [card] = cards(client.get(reverse("processes:catalogue")).content.decode())
    assert "<img" not in card
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in card and "a &lt; b &amp; c" in card


def test_each_card_shows_its_own_track_level_and_stage_among_others_in_both_languages(client):
    ProcessFactory(name="Alpha talks", track="1", conflict_level="intra", stage="ceasefire")
    ProcessFactory(name="Beta talks", track="2", conflict_level="inter", stage="renewal")
    ProcessFactory(name="Gamma talks", track="1", conflict_level="inter", stage="ceasefire")
    for address, words in (
        ("/en/processes/", ("Intra-state", "Inter-state", "Ceasefire", "Renewal")),
        (
            "/de/processes/",
            ("Innerstaatlich", "Zwischenstaatlich", "Waffenstillstand", "Erneuerung"),
        ),
    ):
        intra, inter, ceasefire, renewal = words
        shown = dict(named_cards(client, address))
        assert f'badge--track">Track 1</span> {intra} · {ceasefire} · ' in shown["Alpha talks"]
        assert f'badge--track">Track 2</span> {inter} · {renewal} · ' in shown["Beta talks"]
        assert f'badge--track">Track 1</span> {inter} · {ceasefire} · ' in shown["Gamma talks"]
