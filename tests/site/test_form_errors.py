"""Every form of the site fails the way public-sector design systems taught people to expect:
required fields are marked before anyone submits, and a failed submit puts "Error:" in the
page's title and a summary of the errors at the top, each linking to its field, which the
browser focuses."""

import re

import pytest
from django.core.cache import cache

from tests.conftest import client_for
from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db


def summary(html):
    """The error summary's links (anchor, text), or None when the page has no summary."""
    found = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    if not found:
        return None
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', found[1]), found[0]


FORMS = [
    # (who, address, data, fields whose errors the summary links to)
    (None, "/en/mediators/{slug}/contact/", {"name": "", "email": "x"}, ["name", "email"]),
    (None, "/en/accounts/signup/", {"email": "not an address"}, ["email", "password1"]),
    (None, "/en/accounts/password/reset/", {"email": "not an address"}, ["email"]),
    ("member", "/en/me/delete/", {"confirm": "no"}, None),
    ("member", "/en/me/edit/profile/", {"display_name": ""}, ["display_name"]),
    ("newcomer", "/en/requests/apply/", {"organisation": "A\r\nB"}, ["organisation"]),
    ("requester", "/en/requests/new/", {"title": ""}, ["title"]),
    ("newcomer", "/en/me/", {"display_name": ""}, ["display_name"]),  # she starts her profile
    ("member", "/en/me/photo/", {}, ["photo"]),
    ("member", "/en/me/edit/regions/", {"countries": ["XX"]}, ["countries"]),
    ("requester", "/en/requests/{proposal}/proposal/{relay}/write/", {"message": ""}, ["message"]),
    ("member", "/en/accounts/email/", {"action_add": "", "email": "not an address"}, ["email"]),
]


@pytest.mark.parametrize(("who", "address", "data", "fields"), FORMS)
def test_a_failed_form_says_so_in_its_title_and_sums_its_errors_up_top(
    request, who, address, data, fields
):
    client = client_for(request.getfixturevalue(who) if who else None)
    names = {"slug": MediatorFactory(accepts_contact=True).slug}
    if "{relay}" in address:
        relay = request.getfixturevalue("showcase_relay")
        names.update(proposal=relay["pk"], relay=relay["invitation"])
    address = address.format(**names)

    before = client.get(address).content.decode()
    if "/regions/" not in address:  # the one form whose every field may stay empty
        assert "(required)" in before, "required fields are marked beforehand"
    assert summary(before) is None and "<title>Error:" not in before

    response = client.post(address, data)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "<title>Error:" in html
    found = summary(html)
    assert found is not None, "a summary of the errors"
    links, markup = found
    assert "autofocus" in markup and 'tabindex="-1"' in markup and 'role="alert"' in markup
    for field in fields or []:
        anchor = f"id_{field}"
        assert anchor in [target for target, _text in links], (field, links)
        assert f'id="{anchor}"' in html, "each link leads to its field"
    main = html[html.index("<main") :]
    assert main.index("error-summary") < main.index("<form"), "the summary comes first"


def test_a_line_break_in_any_one_line_field_of_the_contact_form_is_a_form_error(client):
    slug = MediatorFactory(accepts_contact=True).slug
    valid = {
        "name": "Dora Diplomat",
        "email": "dora@ministry.example",
        "organisation": "Ministry",
        "purpose": "mediation",
        "message": "Would you advise?\r\nOn a ceasefire.",  # a message has lines
        "website": "",
    }
    for field in ("name", "organisation", "email"):
        for breaking in ("\r\n", "\n", "\r"):
            data = {**valid, field: f"{valid[field]}{breaking}Bcc: all@example.org"}
            cache.clear()  # the rate limit counts messages sent, not what this test tries
            response = client.post(f"/en/mediators/{slug}/contact/", data)
            assert response.status_code == 400, (field, breaking)
            assert f'href="#id_{field}"' in response.content.decode()
