"""The site on a phone (390 by 844) and in one row on a desktop (1366 by 768, and 1280 wide), in
English and German: the lists' count and first results within the first screen, a header that
stays small, a skip link to the results, filters that fold on a phone and say how many are
active, and the search button beside its field. At 320 pixels (a small phone, or 400% zoom on a
1280-pixel screen) no page scrolls sideways."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import login_in_browser
from tests.pages import Page

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
LAPTOP = {"width": 1280, "height": 720}
NARROW = {"width": 320, "height": 640}
LANGUAGES = pytest.mark.parametrize("language", ["en", "de"])
SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
# Each list, and what one of its results is.
LISTS = [
    ("mediators/", ".mediator-card"),
    ("mediators/?language=ar&track=1", ".mediator-card"),
    ("processes/", ".roster__results .card"),
    ("processes/agreements/", ".roster__results .card"),
]


@pytest.fixture
def open_page(browser, live_server, demo_data):
    """A page of the demo site in a window of the given size; any script error fails the test."""
    contexts, errors = [], []

    def open_(language, path, viewport, javascript=True):
        context = browser.new_context(
            viewport=viewport,
            locale="de-DE" if language == "de" else "en-GB",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(f"{live_server.url}/{language}/{path}")
        assert response.status == 200, path
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == []


def box(locator):
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


def middle(found):
    return found["y"] + found["height"] / 2


@LANGUAGES
@SIZES
@pytest.mark.parametrize(("path", "result"), LISTS, ids=[path for path, _ in LISTS])
def test_the_count_and_the_first_result_are_on_the_first_screen(
    open_page, language, viewport, path, result
):
    page = open_page(language, path, viewport)
    count = box(page.locator("#results-title"))
    first = box(page.locator(result).first)
    assert count["y"] + count["height"] <= viewport["height"]
    assert first["y"] < viewport["height"] - 40  # its name shows, not just its border


def header_items(page):
    """What a visitor sees in the header: the brand, every link, the search field and button."""
    header = page.locator(".site-header")
    items = [header.locator(".brand")]
    for selector in ["nav li > *", ".site-search input", ".site-search button"]:
        items.extend(header.locator(selector).all())
    return items


@LANGUAGES
@pytest.mark.parametrize("viewport", [DESKTOP, LAPTOP], ids=["1366", "1280"])
def test_the_header_is_one_row_on_a_desktop(open_page, language, viewport):
    page = open_page(language, "mediators/", viewport)
    header = box(page.locator(".site-header"))
    assert header["height"] < 100
    items = header_items(page)
    assert (
        len(items) >= 14
    )  # the brand, seven sections, the search, two account links, two languages
    for item in items:
        found = box(item)
        assert abs(middle(found) - middle(header)) < 16, item
        assert found["x"] + found["width"] <= viewport["width"], item
    main = page.get_by_role("navigation", name=re.compile(r"^(Main|Hauptnavigation)$"))
    expect(main.locator(f'a[href="/{language}/events/"]')).to_be_visible()
    expect(main.locator(f'a[href="/{language}/pages/peace-mediation/"]')).to_be_visible()


@LANGUAGES
def test_the_header_is_small_on_a_phone_and_its_menu_opens(open_page, language):
    page = open_page(language, "mediators/", PHONE)
    assert box(page.locator(".site-header"))["height"] <= 120
    events = page.locator(f'.main-nav a[href="/{language}/events/"]')
    explainer = page.locator(f'.main-nav a[href="/{language}/pages/peace-mediation/"]')
    expect(events).to_be_hidden()
    toggle = page.locator(".site-menu > summary")
    toggle.click()
    for link in [events, explainer, page.locator("#site-search")]:
        expect(link).to_be_visible()
        assert box(link)["x"] + box(link)["width"] <= PHONE["width"]
    toggle.click()
    expect(events).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@LANGUAGES
@SIZES
@pytest.mark.parametrize("path", ["mediators/", "processes/", "processes/agreements/"])
def test_the_skip_link_is_an_early_tab_stop_and_moves_focus_to_the_results(
    open_page, language, viewport, path
):
    page = open_page(language, path, viewport)
    for _ in range(2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "#results-title":
            break
    else:
        pytest.fail("the skip link to the results is not among the first two Tab stops")
    skip = page.locator(":focus")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused()
    # In view once the smooth scroll ends: its top may sit a fraction of a pixel above the edge.
    expect(page.locator("#results-title")).to_be_in_viewport(ratio=0.9)


@LANGUAGES
@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_filters_fold_on_a_phone_and_say_how_many_are_active(open_page, language, javascript):
    page = open_page(language, "mediators/?language=ar&track=1&track=2", PHONE, javascript)
    chips = page.locator(".chips li")
    expect(chips).to_have_count(3)
    summary = page.locator(".roster__filters summary")
    expect(summary).to_be_visible()
    assert re.findall(r"\d+", summary.inner_text()) == ["3"]
    submit = page.locator(".roster__filters button[type=submit]")
    expect(submit).to_be_hidden()
    summary.click()
    expect(submit).to_be_visible()
    summary.click()
    expect(submit).to_be_hidden()

    unfiltered = open_page(language, "mediators/", PHONE, javascript)
    assert not re.search(r"\d", unfiltered.locator(".roster__filters summary").inner_text())


@LANGUAGES
def test_the_filters_stand_beside_the_results_on_a_desktop(open_page, language):
    page = open_page(language, "mediators/?language=ar", DESKTOP)
    expect(page.locator(".roster__filters summary")).to_be_hidden()
    expect(page.locator("#filters-title")).to_be_visible()
    submit = page.locator(".roster__filters button[type=submit]")
    expect(submit).to_be_visible()
    assert box(page.locator(".roster__filters"))["x"] < box(page.locator("#results-title"))["x"]


@LANGUAGES
@pytest.mark.parametrize("viewport", [PHONE, {"width": 320, "height": 640}, DESKTOP])
def test_the_search_button_is_beside_its_field(open_page, language, viewport):
    page = open_page(language, "search/?q=peace", viewport)
    field = box(page.locator("#search-query"))
    button = box(page.get_by_role("main").get_by_role("button"))
    assert abs(middle(button) - middle(field)) < 4
    assert button["x"] >= field["x"] + field["width"]
    assert button["x"] + button["width"] <= viewport["width"]


@LANGUAGES
@pytest.mark.parametrize(
    "path", ["mediators/?language=ar&track=1", "processes/", "search/?q=peace"]
)
def test_the_phone_layout_has_no_accessibility_violations(open_page, language, path):
    """axe on a phone, with the menu and the filters folded, then unfolded."""
    page = open_page(language, path, PHONE)
    axe = Axe()
    for _ in range(2):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        for summary in page.locator("summary").all():
            summary.click()


@LANGUAGES
@pytest.mark.parametrize("width", [320, 360, 375])
def test_the_header_and_its_language_switch_fit_a_small_phone(
    browser, live_server, language, width
):
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/about/")
    header = page.locator(".site-header")
    items = [header.locator(".brand"), header.locator(".site-menu__toggle")]
    items.extend(header.locator(".language-nav li > *").all())
    for item in items:
        found = box(item)
        assert found["x"] >= 0 and found["x"] + found["width"] <= width, item
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


# The pages most visitors and members see, each with content that fills it.
MAIN_PAGES = [
    Page("home", needs="showcase_content"),
    Page("about"),
    Page("mediators:roster", needs="showcase"),
    Page("mediators:profile", slug_of="showcase"),
    Page("processes:catalogue", needs="showcase_process"),
    Page("processes:detail", slug_of="showcase_process"),
    Page("processes:insights", needs="showcase_process"),
    Page("processes:agreements", needs="showcase_process"),
    Page("processes:agreement", pk_of="showcase_agreement"),
    Page("events", needs="showcase_content"),
    Page("search", query="q=mediation", needs="showcase_content"),
    Page("appointments:apply"),
    Page("account_login"),
    Page("mediators:me", "member"),
    Page("account_email", "member"),
    Page("usersessions_list", "member"),
]
# What sticks out on the right, innermost first, outside any box that scrolls on its own.
STICKING_OUT = """() => {
  const out = e => e.getBoundingClientRect().right > innerWidth + 0.5 && e.checkVisibility()
                   && !e.closest('.table-scroll, .visually-hidden');
  return [...document.querySelectorAll('body *')]
    .filter(e => out(e) && ![...e.children].some(out))
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40));
}"""


@LANGUAGES
def test_no_main_page_scrolls_sideways_at_320_pixels(request, browser, live_server, language):
    pages, wide = {}, []
    for site_page in MAIN_PAGES:
        if site_page.persona not in pages:
            context = browser.new_context(viewport=NARROW)
            if site_page.persona:
                login_in_browser(context, site_page.user(request), live_server)
            pages[site_page.persona] = context.new_page()
        page = pages[site_page.persona]
        response = page.goto(live_server.url + site_page.url(language, request))
        assert response.status == 200, site_page.id
        if page.evaluate("document.documentElement.scrollWidth") > NARROW["width"]:
            wide.append((site_page.id, page.evaluate(STICKING_OUT)))
    for page in pages.values():
        page.context.close()
    assert wide == []


@LANGUAGES
def test_a_long_name_without_spaces_fits_a_small_phone(browser, live_server, language):
    """Her name in one 47-letter word made her profile scroll sideways on a phone, cutting off
    its heading, headline and the button to write to her."""
    from tests.factories import MediatorFactory

    name = "Wanjirunyambura-Kamau-Odhiambo-Achieng-Wambuinj"
    mediator = MediatorFactory(display_name=name, headline="Mediationsprozessbegleiterin" * 3)
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    for path in [mediator.get_absolute_url(), f"/{language}/mediators/?q=Wanjirunyambura"]:
        url = live_server.url + path.replace("/en/", f"/{language}/", 1)
        assert page.goto(url).status == 200
        assert page.get_by_text(name).first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], (
            path,
            page.evaluate(STICKING_OUT),
        )
    context.close()
