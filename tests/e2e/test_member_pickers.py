"""A member picks the countries of her experience as visitors pick them on the roster: she
types to narrow some 250 names and ticks one after another, and no click wipes the others."""

import pytest
from playwright.sync_api import expect

from mediators.models import Mediator
from tests.e2e.conftest import login_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_ticks_countries_one_after_another(member, page, live_server):
    login_in_browser(page.context, member, live_server)
    page.goto(f"{live_server.url}/en/me/edit/regions/")
    countries = page.get_by_role("group", name="Countries you have worked on")
    narrow = countries.get_by_label("Type to narrow the list")
    for typed, name in (("keny", "Kenya"), ("sudan", "South Sudan"), ("cote", "Côte d'Ivoire")):
        narrow.fill(typed)
        countries.get_by_label(name, exact=True).check()
    expect(countries.get_by_role("button", name="Remove Kenya")).to_be_visible()
    countries.get_by_role("button", name="Remove Côte d'Ivoire").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/en/me/")
    mediator = Mediator.objects.get(user=member)
    chosen = {row.country.code for row in mediator.regional_experience.all()}
    assert chosen == {"KE", "SS"}
