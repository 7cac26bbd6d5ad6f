"""The filter forms' long multiple choices as pickers: a visitor types to narrow the languages
or countries, ticks them, sees and removes what she chose, and the form sends what the select
box sends without JavaScript. The pages are served with their Content-Security-Policy."""

import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

ROSTER = "/en/mediators/"
LANGUAGES = "Languages (all of)"


@pytest.fixture
def roster(page, live_server, demo_data):
    """The roster with its pickers in place; any script error or refused resource fails."""
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    response = page.goto(live_server.url + ROSTER)
    assert "style-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".picker--enhanced")).to_have_count(2)  # languages and countries
    yield page
    assert problems == []


def picker(page, label):
    return page.get_by_role("group", name=label, exact=True)


def narrow(page, label, text):
    picker(page, label).get_by_label("Type to narrow the list").fill(text)


def shown_options(page, label):
    return picker(page, label).locator(".picker__options .choice:visible label").all_inner_texts()


def folded(name):
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def card_names(page):
    return page.locator(".mediator-card__name").all_inner_texts()


def query(url):
    return urlsplit(url).query


def test_typing_narrows_the_options_whatever_the_case_and_accents(roster):
    every_language = len(shown_options(roster, LANGUAGES))
    assert every_language > 150

    narrow(roster, LANGUAGES, "ARAB")
    assert shown_options(roster, LANGUAGES) == ["Arabic"]

    narrow(roster, LANGUAGES, "ali")  # anywhere in the name
    names = roster.locator("#id_language option").all_inner_texts()
    assert shown_options(roster, LANGUAGES) == [name for name in names if "ali" in folded(name)]
    assert "Somali" in shown_options(roster, LANGUAGES)

    countries = "Countries of experience (any of)"
    narrow(roster, countries, "cote")
    assert shown_options(roster, countries) == ["Côte d'Ivoire"]
    narrow(roster, countries, "aland isl")
    assert shown_options(roster, countries) == ["Åland Islands"]

    narrow(roster, LANGUAGES, "xyzzy")
    # The line under the list; the announcement for screen readers says the same, a moment later.
    expect(picker(roster, LANGUAGES).locator(".picker__none")).to_have_text("No match")
    expect(picker(roster, LANGUAGES).locator(".picker__none")).to_be_visible()
    narrow(roster, LANGUAGES, "")
    expect(picker(roster, LANGUAGES).locator(".picker__none")).to_be_hidden()
    assert len(shown_options(roster, LANGUAGES)) == every_language


def test_two_languages_chosen_in_the_picker_send_what_the_select_box_sends(
    roster, browser, live_server
):
    languages = picker(roster, LANGUAGES)
    narrow(roster, LANGUAGES, "arab")
    languages.get_by_label("Arabic", exact=True).check()
    narrow(roster, LANGUAGES, "fren")
    languages.get_by_label("Type to narrow the list").press("Enter")  # the first match
    expect(languages.get_by_role("button", name="Remove Arabic")).to_be_visible()
    expect(languages.get_by_role("button", name="Remove French")).to_be_visible()
    expect(languages.get_by_role("status")).to_have_text("French chosen")
    roster.get_by_role("button", name="Show mediators").click()
    roster.wait_for_url(re.compile(r"language=fr"))
    enhanced = (query(roster.url), card_names(roster))

    plain = browser.new_context(locale="en-GB", java_script_enabled=False).new_page()
    plain.goto(live_server.url + ROSTER)
    plain.get_by_label(LANGUAGES).select_option(["ar", "fr"])
    plain.get_by_role("button", name="Show mediators").click()
    plain.wait_for_url(re.compile(r"language=fr"))

    assert "language=ar&language=fr" in enhanced[0]
    assert enhanced == (query(plain.url), card_names(plain))
    assert enhanced[1], "the demo data has mediators who speak Arabic and French"
    plain.context.close()

    # The page of results shows the choice again, ready to be changed.
    expect(languages.get_by_role("button", name="Remove Arabic")).to_be_visible()
    expect(languages.get_by_label("French", exact=True)).to_be_checked()


def test_a_chosen_value_is_removed_by_its_button(roster, live_server):
    roster.goto(live_server.url + ROSTER + "?language=ar&language=fr")
    languages = picker(roster, LANGUAGES)
    languages.get_by_role("button", name="Remove Arabic").click()

    expect(languages.get_by_role("button", name="Remove Arabic")).to_have_count(0)
    expect(languages.get_by_label("Arabic", exact=True)).not_to_be_checked()
    expect(languages.get_by_role("status")).to_have_text("Arabic removed")
    # Focus stays among the chosen values, then goes back to the box to type in.
    expect(languages.get_by_role("button", name="Remove French")).to_be_focused()
    roster.keyboard.press("Enter")
    expect(languages.get_by_label("Type to narrow the list")).to_be_focused()
    expect(languages.get_by_role("list")).to_be_hidden()

    languages.get_by_label("Type to narrow the list").press_sequentially("somal")
    roster.keyboard.press("ArrowDown")
    expect(languages.get_by_label("Somali", exact=True)).to_be_focused()
    roster.keyboard.press("Space")
    roster.get_by_role("button", name="Show mediators").click()
    roster.wait_for_url(re.compile(r"language=so"))
    assert "language=so" in query(roster.url)
    assert "language=ar" not in query(roster.url) and "language=fr" not in query(roster.url)


@pytest.mark.parametrize(
    ("path", "submit"),
    [
        ("/en/processes/", "Show processes"),
        ("/en/processes/agreements/", "Show agreements"),
    ],
)
def test_the_catalogue_and_the_agreements_pick_countries(
    page, live_server, demo_data, path, submit
):
    page.goto(live_server.url + path)
    countries = picker(page, "Countries (any of)")
    narrow(page, "Countries (any of)", "colom")
    countries.get_by_label("Colombia", exact=True).check()
    page.get_by_role("button", name=submit).click()
    page.wait_for_url(re.compile(r"country=CO"))
    expect(countries.get_by_role("button", name="Remove Colombia")).to_be_visible()


def test_without_javascript_the_select_box_works(browser, live_server, demo_data):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ROSTER)
    expect(page.get_by_label("Type to narrow the list")).to_have_count(0)
    languages = page.get_by_label(LANGUAGES)
    expect(languages).to_be_visible()
    languages.select_option(["ar"])
    page.get_by_role("button", name="Show mediators").click()
    page.wait_for_url(re.compile(r"language=ar"))
    expect(page.get_by_label(LANGUAGES)).to_have_values(["ar"])
    assert card_names(page)
    context.close()


def test_the_error_summary_leads_to_the_picker_s_box_to_type_in(page, live_server):
    """A wrong choice in a filter link: the summary's link to the field, or an address ending
    with it, puts the focus in the box to type in, which the error describes; the select box
    it names is hidden."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{ROSTER}?language=xx")
    expect(page.locator(".picker--enhanced")).to_have_count(2)
    languages = picker(page, LANGUAGES).get_by_label("Type to narrow the list")
    summary = page.locator(".error-summary")
    summary.get_by_role("link", name=re.compile(re.escape(LANGUAGES))).click()
    expect(languages).to_be_focused()
    expect(languages).to_be_in_viewport()
    expect(languages).to_have_accessible_description(re.compile("xx is not one of the available"))
    expect(languages).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("location.hash") == "#id_language"

    countries = "Countries of experience (any of)"
    page.goto(f"{live_server.url}{ROSTER}?country=XX#id_country")
    box = picker(page, countries).get_by_label("Type to narrow the list")
    expect(box).to_be_focused()
    expect(box).to_be_in_viewport()
    expect(box).to_have_accessible_description(re.compile("XX is not one of the available"))


def test_the_pickers_have_no_accessibility_violations(roster):
    languages = picker(roster, LANGUAGES)
    narrow(roster, LANGUAGES, "arab")
    languages.get_by_label("Arabic", exact=True).check()
    narrow(roster, LANGUAGES, "xyzzy")  # "No match" shown too
    results = Axe().run(roster)
    assert results.violations_count == 0, results.generate_report()
