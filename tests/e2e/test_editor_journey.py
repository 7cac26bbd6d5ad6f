"""An editor publishes a position paper; readers find it everywhere, in both languages."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.e2e.conftest import autocomplete, sign_in_staff
from tests.factories import MediatorFactory, ProcessFactory, UserFactory
from tests.totp import activate_totp
from wpm.roles import EDITORS, ensure_roles

pytestmark = pytest.mark.django_db(transaction=True)

BODY = """## Why the table needs women

Agreements last longer when women negotiate them. See [our roster](/en/mediators/).

![The network's logo](/static/img/logo.svg)
"""


def write_article(
    page, live_server, title, slug, language, body, translation=None, author=None, process=None
):
    page.goto(live_server.url + "/admin/wpm/article/add/")
    page.locator("#id_kind").select_option("position-paper")
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(slug)  # filled in from the title
    page.locator("#id_summary").fill(f"Summary of {title}")
    page.locator("#id_body").fill(body)
    page.locator("#id_language").select_option(language)
    if translation:
        page.locator("#id_translation").select_option(label=translation)
    page.locator("#id_status").select_option("published")
    if author:  # linked to her roster profile, found by typing her name
        page.locator("#id_authors-0-name").fill(author)
        autocomplete(page, "id_authors-0-mediator", author)
    if process:
        autocomplete(page, "id_related_processes", process)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def test_editor_publishes_a_position_paper(page, live_server, browser):
    from django.contrib.auth.models import Permission

    ensure_roles(Group, Permission)
    editor = UserFactory(email="edda@example.org", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    secret = activate_totp(editor)
    MediatorFactory(display_name="Amina Haddad")
    MediatorFactory(display_name="Amina Pending", status="submitted")
    ProcessFactory(name="Lakeside talks")

    page.goto(live_server.url + "/admin/")
    sign_in_staff(page, "edda@example.org", secret)
    expect(page.get_by_role("link", name="Mediators")).to_have_count(0)

    page.goto(live_server.url + "/admin/wpm/article/add/")
    page.locator("#id_authors-0-mediator + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Amina")
    expect(page.locator(".select2-results__option")).to_have_text(["Amina Haddad"])  # listed only
    write_article(
        page,
        live_server,
        "Women at the table",
        "women-at-the-table",
        "en",
        BODY,
        author="Amina Haddad",
        process="Lakeside talks",
    )
    write_article(
        page,
        live_server,
        "Frauen am Tisch",
        "frauen-am-tisch",
        "de",
        "## Warum\n\nAbkommen halten länger, wenn Frauen sie verhandeln.",
        translation="Women at the table",
    )

    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(live_server.url + "/en/")
    reader.get_by_role("link", name="Women at the table").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Women at the table")
    expect(reader.get_by_role("heading", name="Why the table needs women")).to_be_visible()
    expect(reader.get_by_role("link", name="our roster")).to_be_visible()
    expect(reader.get_by_role("img", name="The network's logo")).to_be_visible()
    expect(reader.get_by_role("link", name="Lakeside talks")).to_be_visible()
    reader.get_by_role("link", name="Amina Haddad").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Amina Haddad")

    reader.goto(live_server.url + "/en/advocacy/")
    expect(reader.get_by_role("link", name="Women at the table")).to_be_visible()

    feed = reader.request.get(live_server.url + "/en/advocacy/feed/atom/")
    titles = [
        entry.findtext("{http://www.w3.org/2005/Atom}title")
        for entry in ET.fromstring(feed.body()).findall("{http://www.w3.org/2005/Atom}entry")
    ]
    assert "Women at the table" in titles

    reader.goto(live_server.url + "/en/search/?q=table")
    expect(reader.get_by_role("link", name="Women at the table")).to_be_visible()

    german = browser.new_context(locale="de-DE").new_page()
    german.goto(live_server.url + "/en/advocacy/women-at-the-table/")
    german.get_by_role("navigation", name="Language").get_by_role("link", name="DE").click()
    expect(german.get_by_role("heading", level=1)).to_have_text("Frauen am Tisch")
    assert german.url.endswith("/de/advocacy/frauen-am-tisch/")
