"""Staff curate a Track 1 process in the back office; the public finds and explores it."""

import re

import pytest
from playwright.sync_api import expect

from processes.models import Process
from processes.record import Party
from tests.e2e.conftest import autocomplete, sign_in_staff
from tests.factories import MediatorFactory, ProcessFactory, UserFactory, add_country
from tests.totp import activate_totp

pytestmark = pytest.mark.django_db(transaction=True)


def add_inline_row(page, group, label):
    page.locator(f"#{group}-group").get_by_role("button", name=label).click()


def test_staff_curate_a_process_that_the_public_then_explores(page, live_server, browser):
    curator = UserFactory(email="curator@example.org", is_staff=True, is_superuser=True)
    secret = activate_totp(curator)
    dialogue = ProcessFactory(name="Nordland women's dialogue", slug="nordland-dialogue", track="2")
    add_country(dialogue, "SD")
    for name, kind in [
        ("Government of Nordland", "government"),
        ("Nordland Liberation Front", "armed-group"),
        ("Regional Union", "regional"),
    ]:
        Party.objects.create(name=name, kind=kind)
    named = MediatorFactory(display_name="Leila Named")
    anonymised = MediatorFactory(display_name="Sara Secret")

    page.goto(live_server.url + "/admin/processes/process/add/")
    sign_in_staff(page, "curator@example.org", secret)

    page.locator("#id_name").fill("Nordland peace talks")
    page.locator("#id_summary").fill("Negotiations between the government and the front.")
    page.locator("#id_track").select_option("1")
    page.locator("#id_conflict_level").select_option("intra")
    page.locator("#id_stage").select_option("ceasefire")
    page.locator("#id_start_year").fill("2021")
    page.locator("#id_status").select_option("published")

    add_inline_row(page, "countries", "Add another Country")
    page.locator("#id_countries-0-country").select_option("SD")

    for number, (party, role) in enumerate(
        [
            ("Government of Nordland", "conflict-party"),
            ("Nordland Liberation Front", "conflict-party"),
            ("Regional Union", "mediator"),
        ]
    ):
        add_inline_row(page, "party_roles", "Add another Party in the process")
        autocomplete(page, f"id_party_roles-{number}-party", party)
        page.locator(f"#id_party_roles-{number}-role").select_option(role)

    for number, instrument in enumerate(["Good offices", "Shuttle diplomacy"]):
        add_inline_row(page, "instrument_uses", "Add another Instrument used")
        page.locator(f"#id_instrument_uses-{number}-instrument").select_option(label=instrument)

    add_inline_row(page, "links_out", "Add another Link to another process")
    autocomplete(page, "id_links_out-0-target", "Nordland women's dialogue")
    page.locator("#id_links_out-0-kind").select_option("parallel")

    for number, (mediator, confidentiality) in enumerate(
        [("Leila Named", "named"), ("Sara Secret", "anonymised")]
    ):
        add_inline_row(page, "engagements", "Add another Engagement")
        autocomplete(page, f"id_engagements-{number}-mediator", mediator)
        page.locator(f"#id_engagements-{number}-role").select_option("adviser")
        page.locator(f"#id_engagements-{number}-confidentiality").select_option(confidentiality)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    process = Process.objects.get(name="Nordland peace talks")
    assert process.party_roles.count() == 3 and process.instrument_uses.count() == 2

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + "/en/processes/?track=1&region=015")
    visitor.get_by_role("link", name="Nordland peace talks").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nordland peace talks")
    expect(visitor.get_by_text("Good offices")).to_be_visible()
    expect(visitor.get_by_text("Regional Union")).to_be_visible()
    expect(visitor.get_by_role("link", name="Leila Named")).to_be_visible()
    expect(visitor.get_by_text("Sara Secret")).to_have_count(0)

    visitor.get_by_role("link", name="Nordland women's dialogue").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nordland women's dialogue")
    visitor.get_by_role("link", name="Nordland peace talks").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nordland peace talks")

    visitor.goto(live_server.url + anonymised.get_absolute_url())
    expect(visitor.get_by_text("Nordland peace talks")).to_have_count(0)
    expect(visitor.get_by_text(re.compile(r"Track 1 process, Northern Africa"))).to_be_visible()
    assert named.display_name != anonymised.display_name
