"""Three questions a visitor brings to the demo site, in English and in German: who speaks
Arabic and has Track 1 experience in the Horn of Africa; what is there on Colombia, Somalia and
Arabic; which processes had women signatories. What each page should answer is read from the
database, as the public may see it, never written into the test."""

import csv
import io
import re
import unicodedata

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext
from django_countries.fields import Country
from playwright.sync_api import expect

from mediators.choices import LanguageLevel, language_name
from mediators.filters import RosterFilter
from mediators.models import Audience, Mediator
from processes.filters import CatalogueFilter
from processes.models import Process, ProcessCountry
from processes.record import ParticipationFigure
from wpm.choices import Track
from wpm.groupings import BY_SLUG
from wpm.search import GROUP_SIZE

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = pytest.mark.parametrize("language", ["en", "de"])
HORN = BY_SLUG["horn-of-africa"]
SIGNATORIES = ParticipationFigure.Role.SIGNATORIES
# What the visitor types, in her language.
TYPED = {
    "en": {"arabic": "Arab", "colombia": "Colombia", "somalia": "Somalia", "speaks": "Arabic"},
    "de": {
        "arabic": "Arabisch",
        "colombia": "Kolumbien",
        "somalia": "Somalia",
        "speaks": "Arabisch",
    },
}


@pytest.fixture
def visit(page, live_server, demo_data):
    """Opens a page of the site; any script error fails the test."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def goto(path):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        return page

    yield goto
    assert errors == []


def words(language, text):
    """The site's words in the visitor's language, from its catalogue."""
    with translation.override(language):
        return gettext(str(text))


def in_language(language, value):
    """A label the code builds (lazy, or a function of the active language) in that language."""
    with translation.override(language):
        return str(value() if callable(value) else value)


def roster_label(language, name):
    return in_language(language, RosterFilter.base_filters[name].label)


def catalogue_label(language, name):
    return in_language(language, CatalogueFilter.base_filters[name].label)


# What the public may see, from the database.


def public_profiles():
    """Listed profiles that show their details (languages, tracks) to the public."""
    return [
        mediator.as_seen_by(Audience.PUBLIC)
        for mediator in Mediator.objects.visible_to(AnonymousUser()).prefetch_related(
            "languages", "tracks", "regional_experience"
        )
        if not mediator.as_seen_by(Audience.PUBLIC).pseudonymous
    ]


def arabic_level(view):
    return next((row.level for row in view.mediator.languages.all() if row.code == "ar"), None)


def has_track_1(view):
    return any(row.track == Track.TRACK_1 for row in view.mediator.tracks.all())


def horn_countries(view):
    if not view.shows["regions"]:
        return []
    return sorted(
        {row.country.code for row in view.mediator.regional_experience.all()} & set(HORN.countries)
    )


def as_read(name):
    letters = unicodedata.normalize("NFKD", name.casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))


def why(language, view, countries=()):
    """What her card should say she matched: Arabic at her level, Track 1, the countries."""
    with translation.override(language):
        level = LanguageLevel(arabic_level(view)).label
        notes = [f"{language_name('ar')}: {level}", str(Track.TRACK_1.label)]
        # As a reader looks for them: "Äthiopien" among the A's.
        notes += sorted((Country(code).name for code in countries), key=as_read)
        return " \N{MIDDLE DOT} ".join(notes)


def processes_in(country):
    placed = ProcessCountry.objects.filter(country=country).values("process")
    return set(Process.objects.public().filter(pk__in=placed).values_list("name", flat=True))


def with_women_signatories():
    """Published processes with a figure of women signatories, their own or an agreement's."""
    figures = ParticipationFigure.objects.filter(role=SIGNATORIES, women__gt=0)
    owners = {*figures.values_list("process", flat=True)}
    owners |= {*figures.values_list("agreement__process", flat=True)}
    return set(Process.objects.public().filter(pk__in=owners).values_list("name", flat=True))


def latest_signatories(name):
    """The latest figure of signatories of a process, its own or an agreement's."""
    process = Process.objects.get(name=name)
    figures = ParticipationFigure.objects.filter(role=SIGNATORIES).filter(
        pk__in=[
            *process.figures.values_list("pk", flat=True),
            *ParticipationFigure.objects.filter(agreement__process=process).values_list(
                "pk", flat=True
            ),
        ]
    )
    return figures.latest("as_of")


# What the pages show.


def cards(page):
    """The roster's cards: each name with what the card says she matched."""
    found = {}
    for card in page.locator(".mediator-card").all():
        matched = card.locator(".mediator-card__matched")
        found[card.locator(".mediator-card__name").inner_text()] = (
            matched.inner_text() if matched.count() else ""
        )
    return found


def process_names(scope):
    return set(scope.locator(".process-card__name a").all_inner_texts())


# 1. A mediator with Arabic and Track 1 experience in the Horn of Africa.


@LANGUAGES
def test_a_mediator_with_arabic_and_track_1_in_the_horn_of_africa(visit, language):
    profiles = public_profiles()
    fits = {
        view.name: why(language, view, horn_countries(view))
        for view in profiles
        if arabic_level(view) and has_track_1(view) and horn_countries(view)
    }

    page = visit(f"/{language}/mediators/")
    page.get_by_label(roster_label(language, "region")).select_option(
        label=in_language(language, lambda: HORN.name)
    )
    languages = page.get_by_role("group", name=roster_label(language, "language"), exact=True)
    languages.get_by_label(words(language, "Type to narrow the list")).fill(
        TYPED[language]["arabic"]
    )
    arabic = in_language(language, lambda: language_name("ar"))
    languages.get_by_label(arabic, exact=True).check()
    tracks = page.get_by_role("group", name=roster_label(language, "track"))
    tracks.get_by_label(re.compile(r"^Track 1 \(")).check()
    page.get_by_role("button", name=words(language, "Show mediators")).click()
    page.wait_for_url(re.compile(r"language=ar"))
    assert "region=horn-of-africa" in page.url and "track=1" in page.url

    assert fits, "the demo data has a public Arabic speaker with Track 1 experience in the Horn"
    assert cards(page) == fits

    # Without the region: who speaks Arabic and has Track 1 experience anywhere, and why.
    speakers = {
        view.name: why(language, view)
        for view in profiles
        if arabic_level(view) and has_track_1(view)
    }
    assert speakers, "the demo data has public Arabic speakers with Track 1 experience"
    region_chip = f"{roster_label(language, 'region')}: {in_language(language, lambda: HORN.name)}"
    page.get_by_role("link", name=re.compile(re.escape(region_chip))).click()
    page.wait_for_url(lambda url: "region=" not in url)
    assert cards(page) == speakers


# 2. Site search and the lists' search: Colombia, Somalia, Arabic.


@LANGUAGES
def test_site_search_finds_the_processes_of_a_country_and_the_speakers_of_a_language(
    visit, language
):
    typed = TYPED[language]
    for country, query in (("CO", typed["colombia"]), ("SO", typed["somalia"])):
        expected = processes_in(country)
        assert expected, f"the demo data has published processes in {country}"
        page = visit(f"/{language}/search/")
        page.locator("#search-query").fill(query)
        page.locator("#search-query").press("Enter")
        page.wait_for_url(re.compile(r"q="))
        found = page.locator('section[aria-labelledby="results-processes"]')
        assert process_names(found) == expected

        # "Show all" opens the catalogue filtered by that country, its picker showing it.
        found.get_by_role(
            "link", name=words(language, "Show all matching processes in the catalogue")
        ).click()
        page.wait_for_url(re.compile(f"country={country}"))
        assert process_names(page) == expected
        with translation.override(language):
            remove = words(language, "Remove %s") % Country(country).name
        expect(page.get_by_role("button", name=remove)).to_be_visible()

    speakers = {view.name: arabic_level(view) for view in public_profiles() if arabic_level(view)}
    assert speakers, "the demo data has public mediators who speak Arabic"
    page = visit(f"/{language}/search/?q={typed['speaks']}")
    found = page.locator('section[aria-labelledby="results-mediators"]')
    with translation.override(language):
        expected = {
            name: gettext("speaks %(language)s: %(level)s")
            % {"language": language_name("ar"), "level": LanguageLevel(level).label}
            for name, level in speakers.items()
        }
    shown = cards(found)
    assert shown.items() <= expected.items()
    assert len(shown) == min(len(expected), GROUP_SIZE)
    expect(found.get_by_role("heading", level=2)).to_contain_text(f"({len(expected)})")
    found.get_by_role(
        "link", name=words(language, "Show all matching mediators in the roster")
    ).click()
    page.wait_for_url(re.compile(r"language=ar"))
    assert set(cards(page)) == set(expected)


@LANGUAGES
def test_the_lists_own_search_finds_a_country_or_a_language_by_its_name(visit, language):
    typed = TYPED[language]
    page = visit(f"/{language}/processes/?q={typed['colombia']}")
    assert process_names(page) == processes_in("CO")
    page = visit(f"/{language}/processes/?q={typed['somalia']}")
    assert process_names(page) == processes_in("SO")
    speakers = {view.name for view in public_profiles() if arabic_level(view)}
    page = visit(f"/{language}/mediators/?q={typed['speaks']}")
    assert set(cards(page)) == speakers


# 3. Which processes had women signatories?


@LANGUAGES
def test_the_processes_with_women_signatories_their_download_and_their_figure(
    visit, language, page, live_server
):
    expected = with_women_signatories()
    assert expected, "the demo data has processes with women signatories"
    signatories = in_language(language, SIGNATORIES.label)

    visit(f"/{language}/processes/")
    page.get_by_label(catalogue_label(language, "women_in")).select_option(label=signatories)
    page.get_by_role("button", name=words(language, "Show processes")).click()
    page.wait_for_url(re.compile(r"women_in=signatories"))
    assert process_names(page) == expected

    # The download of this list: the same processes, with the signatories' latest figures.
    download = page.get_by_role("link", name=words(language, "Download this list as CSV"))
    assert "women_in=signatories" in download.get_attribute("href")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.ok
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert {row[words(language, "Name")] for row in rows} == expected
    with translation.override(language):
        women, as_of = (
            gettext(heading) % {"role": signatories}
            for heading in ("%(role)s: women", "%(role)s: as of")
        )
    for row in rows:
        latest = latest_signatories(row[words(language, "Name")])
        assert (row[women], row[as_of]) == (str(latest.women), latest.as_of.isoformat())

    # The insights' figure of women by role opens the same list.
    visit(f"/{language}/processes/insights/")
    chart = page.locator('section[aria-labelledby="share-by-role-title"]')
    chart.locator("summary").click()
    chart.get_by_role("row").filter(has_text=signatories).first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"women_in=signatories"))
    assert process_names(page) == expected
