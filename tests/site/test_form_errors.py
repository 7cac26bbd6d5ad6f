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


FILTER_LINKS = [
    # (list, a filter link with a choice the list does not offer, the field it names)
    ("/{language}/mediators/", {"track": "9"}, "track"),
    ("/{language}/mediators/", {"region": "999"}, "region"),
    ("/{language}/processes/", {"level": "9"}, "level"),
    ("/{language}/processes/agreements/", {"stage": "nothing"}, "stage"),
]


@pytest.mark.parametrize(("language", "error"), [("en", "Error: "), ("de", "Fehler: ")])
@pytest.mark.parametrize(("address", "query", "field"), FILTER_LINKS)
def test_a_filter_link_with_a_wrong_choice_fails_as_a_form_does(
    client, language, error, address, query, field
):
    """The list says so in its title, and the summary at the top leads to the filter, which
    takes the focus, is named, and is described by its error: a group of boxes by its legend
    and its error, each box marked wrong."""
    address = address.format(language=language)
    before = client.get(address).content.decode()
    assert summary(before) is None and "aria-invalid" not in before

    response = client.get(address, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r"<title>([^<]*)", html)[1].startswith(error)
    links, markup = summary(html)
    anchor = f"id_{field}"
    assert [target for target, _text in links] == [anchor]
    assert "autofocus" in markup
    main = html[html.index("<main") :]
    assert main.index("error-summary") < main.index("<form")

    tag, attributes = re.search(rf'<(\w+)\b([^>]*\bid="{anchor}"[^>]*)>', html).groups()
    described = re.search(r'aria-describedby="([^"]*)"', attributes)[1].split()
    assert f"{anchor}_error" in described
    assert f'<ul class="errorlist" id="{anchor}_error">' in html
    if tag == "fieldset":
        group = re.search(rf'<fieldset[^>]*\bid="{anchor}".*?</fieldset>', html, re.S)[0]
        assert 'tabindex="-1"' in attributes
        assert re.search(r"^<fieldset[^>]*><legend>[^<]+</legend>", group)
        assert f'id="{anchor}_error"' in group
        assert group.count('aria-invalid="true"') == group.count('type="checkbox"') > 1
    else:
        assert tag == "select" and 'aria-invalid="true"' in attributes
        assert f'<label for="{anchor}">' in html


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


def rows(prefix, total, **fields):
    """A formset's rows, as her browser posts them."""
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}
    data.update({f"{prefix}-{key}": value for key, value in fields.items()})
    return data


@pytest.mark.parametrize(
    ("address", "data", "expected"),
    [
        # a language with no level: the link leads to that row's level
        (
            "/en/me/edit/languages/",
            rows("languages", 2, **{"0-code": "ar", "0-level": ""}),
            [("id_languages-0-level", "Level (row 1): This field is required.")],
        ),
        (
            "/en/me/edit/trainings/",
            rows("trainings", 1, **{"0-title": "", "0-provider": "Academy", "0-year": "2019"}),
            [
                ("id_trainings-0-title", "Title (row 1): This field is required."),
                ("id_trainings-0-kind", "Kind (row 1): This field is required."),
            ],
        ),
    ],
)
def test_her_rows_errors_are_summed_up_each_with_its_row(member, address, data, expected):
    response = client_for(member).post(address, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    links, markup = summary(html)
    assert links == expected
    for anchor, _text in links:
        assert f'id="{anchor}"' in html
    assert "__all__" not in markup and "%s" not in markup


def test_a_language_given_twice_is_summed_up_with_the_row_that_repeats_it(member):
    data = rows("languages", 2, **{"0-code": "ar", "0-level": "5", "1-code": "ar", "1-level": "6"})
    response = client_for(member).post("/en/me/edit/languages/", data)
    assert response.status_code == 400
    links, markup = summary(response.content.decode())
    assert "<li>Language: each may be given only once.</li>" in markup
    assert links == [("id_languages-1-code", "Row 2: Please correct the duplicate values below.")]
    assert "__all__" not in markup


def test_a_request_s_wrong_criterion_is_summed_up_with_its_kind_and_row(requester):
    """The request itself is fine; its one language criterion has no level."""
    from tests.appointments.conftest import form_data

    response = client_for(requester).post(
        "/en/requests/new/", form_data(**{"languages-0-level": ""})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    links, _markup = summary(html)
    assert links == [
        ("id_languages-0-level", "Minimum level (Languages, row 1): This field is required.")
    ]
