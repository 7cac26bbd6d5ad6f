"""The roster: filters, search, ordering, pages, and what it costs in queries."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mediators.models import (
    Audience,
    ExpertiseArea,
    Mediator,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)
from tests.conftest import PAGE_VERSION, client_for, tables_read
from tests.factories import MediatorFactory
from tests.mediators.conftest import area
from wpm.models import PageVersion

pytestmark = pytest.mark.django_db


ROSTER = "/en/mediators/"


def roster_slugs(client, params):
    response = client.get(ROSTER, params)
    assert response.status_code == 200
    return {profile.mediator.slug for profile in response.context["cards"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"amal", "brigitte", "carmen"}),
        ({"q": "ceasefire"}, {"amal"}),
        ({"q": "Olsen"}, {"brigitte"}),
        ({"q": "constitution"}, {"carmen"}),
        ({"q": "Sahel dialogue"}, {"brigitte"}),
        ({"expertise": "process-design"}, {"amal", "brigitte"}),
        ({"expertise": ["process-design", "ceasefire-security"]}, {"amal"}),
        ({"language": "fr"}, {"amal", "brigitte"}),
        ({"language": "fr", "level": "5"}, {"brigitte"}),
        ({"language": ["fr", "ar"]}, {"amal"}),
        ({"region": "145"}, {"amal"}),
        ({"region": "002"}, {"brigitte"}),
        ({"region": "019"}, {"carmen"}),
        ({"country": "ML"}, {"brigitte"}),
        ({"track": "1"}, {"amal", "carmen"}),
        ({"track": ["1", "2"]}, {"carmen"}),
        ({"background": ["law", "diplomacy"]}, {"amal", "carmen"}),
        ({"available": "on"}, {"amal", "carmen"}),
        ({"language": "sw"}, set()),
    ],
)
def test_roster_filters(client, roster, params, expected):
    assert roster_slugs(client, params) == {roster[name] for name in expected}


def test_a_change_made_anywhere_shows_in_the_filters_at_once(client, roster):
    """No form needs to remember a refresh: her rows changed, her documents follow."""
    carmen = Mediator.objects.get(slug=roster["carmen"])
    carmen.languages.get(code="es").delete()
    carmen.tracks.create(track="3")
    carmen.expertise.add(area("process-design"))
    assert roster_slugs(client, {"language": "es"}) == set()
    assert roster_slugs(client, {"track": "3"}) == {roster["brigitte"], roster["carmen"]}
    assert roster["carmen"] in roster_slugs(client, {"expertise": "process-design"})
    area("process-design").mediators.remove(carmen)
    assert roster["carmen"] not in roster_slugs(client, {"expertise": "process-design"})


@pytest.mark.parametrize("how", ["instance", "queryset", "account"])
def test_a_deleted_profile_is_not_rewritten_on_its_way_out(roster, how):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    carmen = Mediator.objects.get(slug=roster["carmen"])
    with CaptureQueriesContext(connection) as queries:
        if how == "instance":
            carmen.delete()
        elif how == "queryset":
            Mediator.objects.filter(pk=carmen.pk).delete()
        else:
            carmen.user.delete()
    assert not Mediator.objects.filter(pk=carmen.pk).exists()
    assert not [q for q in queries if q["sql"].startswith('UPDATE "mediators_mediator"')]


def test_a_renamed_expertise_area_shows_and_is_found_by_its_new_name(client, roster):
    design = area("process-design")
    design.name_en = "Design of peace processes"
    design.save()
    tag = '<span class="tag">Design of peace processes</span>'
    assert tag in client.get(ROSTER).content.decode()
    assert roster_slugs(client, {"q": "peace processes design"}) == {
        roster["amal"],
        roster["brigitte"],
    }
    design.mediators.clear()
    assert tag not in client.get(ROSTER).content.decode()
    assert roster_slugs(client, {"expertise": "process-design"}) == set()


def test_search_and_filters_combine(client, roster):
    assert roster_slugs(client, {"q": "dialogue", "language": "fr"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "dialogue", "language": "es"}) == set()
    assert roster_slugs(client, {"q": "ceasefire", "track": "1", "available": "on"}) == {
        roster["amal"]
    }


@pytest.mark.parametrize(
    ("ordering", "first"), [("name", "amal"), ("-name", "carmen"), ("-experience", "amal")]
)
def test_roster_ordering_is_whitelisted(client, roster, ordering, first):
    response = client.get(ROSTER, {"ordering": ordering})
    assert response.context["cards"][0].mediator.slug == roster[first]


# As people read them: accents, a lower-case particle or a letter with a stroke sort among the
# letters they look like, not after "Z" as the letters' codes would have them.
NAMES_IN_ORDER = [
    "Ángela Ruiz",
    "de Silva Maria",
    "Łucja Nowak",
    "Olsen Kari",
    "Öztürk Ayşe",
    "Peters Jo",
    "Zhang Wei",
]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, NAMES_IN_ORDER),
        ({"ordering": "name"}, NAMES_IN_ORDER),
        ({"ordering": "-name"}, NAMES_IN_ORDER[::-1]),
        ({"q": "adviser"}, NAMES_IN_ORDER),  # equally good matches
    ],
)
def test_the_roster_sorts_names_as_people_read_them(client, params, expected):
    for name in reversed(NAMES_IN_ORDER):
        MediatorFactory(display_name=name)
    response = client.get(ROSTER, params)
    assert [card.name for card in response.context["cards"]] == expected


def test_the_back_office_lists_names_as_people_read_them(superuser_client):
    for name in reversed(NAMES_IN_ORDER):
        MediatorFactory(display_name=name)
    response = superuser_client.get("/admin/mediators/mediator/")
    assert [m.display_name for m in response.context["cl"].result_list] == NAMES_IN_ORDER


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_sorts_the_profiles_there_are_by_their_names_as_people_read_them():
    executor = MigrationExecutor(connection)
    before = ("mediators", "0008_contact_message_sender")
    executor.migrate([before])
    then = executor.loader.project_state(before).apps
    for number, name in enumerate(reversed(NAMES_IN_ORDER)):
        user = then.get_model("wpm", "User").objects.create(email=f"m{number}@example.org")
        then.get_model("mediators", "Mediator").objects.create(
            user=user,
            display_name=name,
            public_name=name,
            slug=f"m{number}",
            pseudonym=f"Mediator {number}",
            headline="Adviser",
            status="approved",
            visibility="public",
            search_text_public=f"{name} Adviser",  # as documents were built then
        )

    call_command("migrate", verbosity=0)

    names = Mediator.objects.values_list("display_name", "sort_name")
    assert [name for name, _sort_name in names] == NAMES_IN_ORDER
    assert dict(names)["Łucja Nowak"] == "lucja nowak"
    # Her search documents, built before names were folded, are built again by the upgrade: a
    # name with an accent was found by no search until someone ran rebuild_search.
    (found,) = Mediator.objects.search("Lucja", Audience.PUBLIC)
    assert found.display_name == "Łucja Nowak"


@pytest.mark.parametrize(("ordering", "first"), [(",", "amal"), ("-name,", "carmen")])
def test_an_order_with_a_part_left_empty_is_the_order_it_names(client, roster, ordering, first):
    """ "-name," orders by name, descending; "," chooses nothing, and the roster keeps its own
    order, by name."""
    response = client.get(ROSTER, {"ordering": ordering})
    assert response.status_code == 200
    assert response.context["cards"][0].mediator.slug == roster[first]


def test_the_orders_are_named_in_german_too(client, roster):
    html = client.get("/de/mediators/").content.decode()
    assert "Name (absteigend)" in html and "Jahre Erfahrung (absteigend)" in html
    assert "descending" not in html


@pytest.mark.parametrize(
    ("ordering", "expected"), [("name", ["amal", "zora"]), ("-name", ["zora", "amal"])]
)
def test_a_chosen_order_applies_to_search_results_too(client, ordering, expected):
    """The word is in Amal's name and only in Zora's headline: without a chosen order, Amal
    is the better match on PostgreSQL and first by name on SQLite."""
    amal = MediatorFactory(display_name="Amal Quellwort")
    zora = MediatorFactory(display_name="Zora Nadim", headline="Quellwort adviser")
    slugs = {"amal": amal.slug, "zora": zora.slug}
    response = client.get(ROSTER, {"q": "quellwort", "ordering": ordering})
    assert [card.mediator.slug for card in response.context["cards"]] == [
        slugs[name] for name in expected
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"language": "xx"},
        {"expertise": "no-such-area"},
        {"region": "999"},
        {"ordering": "user__email"},
        {"track": "4"},
        {"level": "9"},
        {"q": "x" * 201},
    ],
)
def test_unknown_filter_values_are_refused_with_a_message(client, roster, params):
    response = client.get(ROSTER, params)
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    assert response.context["cards"] == []


def test_search_tolerates_a_typo_on_postgresql(client, roster, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("typo tolerance is a PostgreSQL feature; SQLite matches exact words")
    assert roster_slugs(client, {"q": "Brigite"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "Brigite", "language": "fr"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "Brigite", "language": "es"}) == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typos: PostgreSQL's trigrams")
def test_a_searched_roster_looks_for_a_typo_only_when_its_words_find_nothing(
    client, roster, django_assert_num_queries
):
    client.get(ROSTER, {"q": "Brigitte"})  # the filter's areas, read once for this version
    # Words that find her: the options' counts (which count her too) and the page.
    with django_assert_num_queries(2 + PAGE_VERSION):
        page = client.get(ROSTER, {"q": "Brigitte", "language": "fr"})
    assert [card.mediator.slug for card in page.context["cards"]] == [roster["brigitte"]]
    assert "1 mediator" in page.content.decode()
    # Words that find nothing: the counts say so, and only then are words close to them looked
    # for (whether any is, and their counts), then the page.
    with django_assert_num_queries(4 + PAGE_VERSION):
        page = client.get(ROSTER, {"q": "Brigite", "language": "fr"})
    assert [card.mediator.slug for card in page.context["cards"]] == [roster["brigitte"]]
    html = page.content.decode()
    assert "1 mediator" in html
    # The options count what the page lists: her, found by the words close to those typed.
    assert _counted(html, "expertise", "process-design") == 1
    assert _counted(html, "track", "3") == 1
    assert _counted(html, "track", "1") == 0


def test_roster_paginates_24_to_a_page_and_keeps_the_filters(client):
    for number in range(30):
        MediatorFactory(display_name=f"Mediator Person {number:02d}")
    response = client.get(ROSTER, {"q": "Person"})
    assert len(response.context["cards"]) == 24
    assert "q=Person&amp;page=2" in response.content.decode()
    assert len(client.get(ROSTER, {"q": "Person", "page": 2}).context["cards"]) == 6


def test_a_filtered_roster_counts_its_matches_on_every_page_and_refuses_a_page_past_the_end(
    client, django_assert_num_queries
):
    for number in range(30):
        MediatorFactory(display_name=f"Mediator Person {number:02d}").expertise.set(
            [area("process-design")]
        )
    MediatorFactory(display_name="Someone Else")
    filters = {"expertise": "process-design"}
    for page, cards in [(1, 24), (2, 6)]:
        response = client.get(ROSTER, {**filters, "page": page})
        assert len(response.context["cards"]) == cards
        assert "30 mediators" in response.content.decode()
        assert f"Page {page} of 2" in response.content.decode()
    # Past the end: the count, read with the options' counts, tells that there is no such page,
    # and no profile is read. The areas of expertise were read by the first page, for this
    # version of the content.
    with django_assert_num_queries(1 + PAGE_VERSION):
        assert client.get(ROSTER, {**filters, "page": 3}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": "x"}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": 0}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": "last"}).context["page_obj"].number == 2
    # Nothing matches: the count says so, and no profile is read.
    with django_assert_num_queries(1 + PAGE_VERSION):
        response = client.get(ROSTER, {**filters, "language": "sw"})
    assert "0 mediators" in response.content.decode()
    assert "No mediator matches" in response.content.decode()


def test_empty_result_suggests_loosening_filters(client, roster):
    html = client.get(ROSTER, {"language": "sw"}).content.decode()
    assert "No mediator matches" in html
    assert "Clear all filters" in html


def test_draft_and_submitted_profiles_are_never_listed(client, staff_client):
    draft = MediatorFactory(status="draft")
    submitted = MediatorFactory(status="submitted")
    for viewer in (client, staff_client):
        html = viewer.get(ROSTER).content.decode()
        assert draft.display_name not in html and submitted.display_name not in html
        assert viewer.get(draft.get_absolute_url()).status_code == 404


# Query counts.


@pytest.mark.parametrize("count", [5, 200])
def test_roster_runs_in_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    for _ in range(count):
        mediator = MediatorFactory()
        mediator.expertise.set([area("process-design"), area("gender-inclusion")])
        MediatorLanguage.objects.create(mediator=mediator, code="fr", level=5)
        RegionalExperience(mediator=mediator, country="ML").save()
    # The filter's areas (the first request of a version of the content), the page of cards (no
    # related rows: their summary) with the count, and the options' counts.
    with django_assert_max_num_queries(3 + PAGE_VERSION):
        response = client.get(ROSTER, {"expertise": "process-design", "language": "fr"})
    assert len(response.context["cards"]) == min(count, 24)
    if count:
        assert '<span class="visually-hidden">Languages: </span>French' in response.content.decode()


def test_the_roster_offers_the_areas_of_expertise_as_staff_last_left_them(client):
    assert "Xylophone diplomacy" not in client.get(ROSTER).content.decode()
    # Read once for this version of the content, in each language: the next page reads none.
    assert "mediators_expertisearea" not in tables_read(client, ROSTER, {"ordering": "name"})
    added = ExpertiseArea.objects.create(
        slug="xylophone", name_en="Xylophone diplomacy", name_de="Xylophon-Diplomatie"
    )
    assert f'value="{added.slug}"' in client.get(ROSTER).content.decode()
    assert "Xylophon-Diplomatie" in client.get("/de/mediators/").content.decode()
    added.name_en = "Marimba diplomacy"
    added.save()
    page = client.get(ROSTER, {"expertise": "xylophone"})
    assert page.status_code == 200
    assert "Marimba diplomacy" in page.content.decode()
    added.delete()
    page = client.get(ROSTER, {"expertise": "xylophone"})
    assert page.status_code == 400  # no such choice any more
    assert "Marimba diplomacy" not in page.content.decode()


@pytest.mark.parametrize("languages", [1, 15])
def test_profile_runs_in_a_fixed_number_of_queries(
    client, languages, django_assert_max_num_queries
):
    mediator = MediatorFactory(trainings_audience=0, regions_audience=0)
    mediator.expertise.set(ExpertiseArea.objects.all())
    for code in [
        "ar",
        "fr",
        "es",
        "ru",
        "zh",
        "de",
        "sw",
        "pt",
        "tr",
        "fa",
        "uk",
        "am",
        "so",
        "ha",
        "it",
    ][:languages]:
        MediatorLanguage.objects.create(mediator=mediator, code=code, level=5)
        Training.objects.create(mediator=mediator, title=f"Course {code}", provider="P", year=2020)
    for country in ["ML", "NE", "TD", "SD", "SS"][: languages // 3 + 1]:
        RegionalExperience(mediator=mediator, country=country).save()
    MediatorTrack.objects.create(mediator=mediator, track="2")
    # The profile with its summary, her trainings, her engagements.
    with django_assert_max_num_queries(3 + PAGE_VERSION):
        response = client.get(mediator.get_absolute_url())
    page = response.content.decode()
    assert page.count("Course ") == languages
    assert page.count(": C1 (advanced)") == languages
    assert "Track 2" in page
    assert "Mali" in page


@pytest.mark.parametrize("ordering", ["experience", "-experience", "name", "-name"])
def test_no_ordering_tells_what_a_profile_hides(ordering, member):
    """A protected profile shows the public no years of experience: where she stands in an
    ordered list must be the same whatever her years are. Members see them, and they order."""
    for name, years in (("Ayla Open", 5), ("Bea Open", 12), ("Cleo Open", 20)):
        MediatorFactory(display_name=name, years_experience=years)
    protected = MediatorFactory(
        display_name="Dana Protected", visibility="protected", years_experience=1
    )
    MediatorFactory(display_name="Hana Hidden", visibility="hidden", years_experience=40)

    def order(user):
        response = client_for(user).get(ROSTER, {"ordering": ordering})
        return [card.mediator.pk for card in response.context["cards"]]

    seen = {}
    for years in (1, 30):
        Mediator.objects.filter(pk=protected.pk).update(years_experience=years)
        PageVersion.bump()  # the page cache must not answer for the list before
        seen[years] = (order(None), order(member))
    assert seen[1][0] == seen[30][0]  # the public: her place is the same
    assert protected.pk in seen[1][0]
    if "experience" in ordering:
        assert seen[1][1] != seen[30][1]  # members see her years, and they order the list


# Counts on the options.


def _counted(html, field, value):
    """The count the page prints beside an option's box."""
    match = re.search(
        rf'name="{field}" value="{re.escape(value)}"[^>]*>.*?<span class="count">\((\d+)\)</span>',
        html,
    )
    assert match, f"{field}={value} has a count"
    return int(match[1])


@pytest.mark.parametrize("viewer", ["anonymous", "member", "staff"])
@pytest.mark.parametrize("filters", [{}, {"expertise": "process-design"}, {"q": "negotiator"}])
def test_each_option_counts_what_ticking_it_would_list(request, roster, viewer, filters):
    """The count beside a box is the number of results the list shows once it is ticked, for
    every viewer: a protected profile counts for the public under her expertise only, a
    profile hidden from the public not at all."""
    protected = MediatorFactory(
        display_name="Dana Protected", visibility="protected", headline="Senior negotiator"
    )
    protected.expertise.set([area("process-design")])
    MediatorTrack.objects.create(mediator=protected, track="1")
    protected.backgrounds.create(background="law")
    hidden = MediatorFactory(display_name="Hana Hidden", visibility="hidden")
    hidden.expertise.set([area("process-design")])
    MediatorTrack.objects.create(mediator=hidden, track="3")
    for mediator in (protected, hidden):
        mediator.refresh_search()
    client = client_for(request.getfixturevalue(viewer) if viewer != "anonymous" else None)

    html = client.get(ROSTER, filters).content.decode()
    options = {
        "expertise": ExpertiseArea.objects.values_list("slug", flat=True),
        "track": ["1", "2", "3", "1.5"],
        "background": ["law", "diplomacy", "civil-society"],
    }
    for field, values in options.items():
        for value in values:
            chosen = [filters[field], value] if field in filters else value
            ticked = client.get(ROSTER, {**filters, field: chosen})
            assert _counted(html, field, value) == ticked.context["paginator"].count, (
                field,
                value,
            )
    if viewer == "anonymous":
        assert _counted(client.get(ROSTER).content.decode(), "track", "1") == 2  # amal, carmen


@pytest.mark.parametrize(
    ("language", "words", "expected", "why"),
    [
        ("en", "Arabic", {"amal"}, "Arabic: Native"),
        ("de", "arabisch", {"amal"}, "Arabisch: Muttersprache"),
        ("en", "French", {"amal", "brigitte"}, "French: "),
        ("de", "Kolumbien", {"carmen"}, "Kolumbien"),
        ("en", "Sahel", {"brigitte"}, "Mali"),
    ],
)
def test_the_roster_search_finds_who_speaks_a_named_language_or_worked_in_a_named_place(
    client, roster, language, words, expected, why
):
    response = client.get(f"/{language}/mediators/", {"q": words})
    cards = response.context["cards"]
    assert {card.mediator.slug for card in cards} == {roster[name] for name in expected}
    assert all(why in card.matched for card in cards), [card.matched for card in cards]


def test_a_named_language_finds_no_protected_profile_for_the_public(client, member, roster):
    protected = MediatorFactory(display_name="Dana Protected", visibility="protected")
    MediatorLanguage.objects.create(mediator=protected, code="ar", level=7)
    protected.refresh_search()
    public = roster_slugs(client, {"q": "Arabic"})
    assert protected.slug not in public and roster["amal"] in public
    assert protected.slug in roster_slugs(client_for(member), {"q": "Arabic"})


def test_the_whole_rosters_counts_change_with_the_first_request_after_a_change(
    client, member, settings
):
    """The counts of the unfiltered roster are counted once per version of the content and per
    audience: a change shows at once, and what members may count never reaches the public."""
    settings.PAGE_CACHE_SECONDS = 0
    for name in ("Ana One", "Bea Two"):
        MediatorFactory(display_name=name).tracks.create(track="2")
    MediatorFactory(display_name="Cleo Members", visibility="members").tracks.create(track="2")

    def seen(viewer):
        response = viewer.get(ROSTER)
        html = response.content.decode()
        return response.context["paginator"].count, _counted(html, "track", "2")

    public = seen(client)
    assert seen(client_for(member)) == (public[0] + 1, public[1] + 1)
    assert seen(client) == public
    MediatorFactory(display_name="Dora Three").tracks.create(track="2")
    assert seen(client) == (public[0] + 1, public[1] + 1)
