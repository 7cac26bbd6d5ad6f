"""The site-wide search: every kind of content, and only what the visitor may see and read."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from mediators.models import Audience, ExpertiseArea
from processes.models import Process
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    VoiceFactory,
    add_country,
)
from wpm import views
from wpm.models import Article, Event, Page, PageVersion, Voice
from wpm.search import excerpt

pytestmark = pytest.mark.django_db

WORD = "zephyrant"  # a made-up word no seeded content holds


def search_url(language="en"):
    with translation.override(language):
        return reverse("search")


def search(client, query, language="en"):
    return client.get(search_url(language), {"q": query})


def make_page(slug, **fields):
    defaults = {
        "title_en": f"Page {slug}",
        "title_de": f"Seite {slug}",
        "body_en": "English text.",
        "body_de": "Deutscher Text.",
        "status": "published",
    }
    return Page.objects.create(slug=slug, **(defaults | fields))


def one_of_each(word=WORD, **overrides):
    """A mediator, a process, an article, a page and an event, each holding the word once."""
    return {
        "mediators": MediatorFactory(
            display_name="Wilhelmina Fairweather", headline=f"Adviser on {word} talks"
        ),
        "processes": ProcessFactory(name="Lakeside talks", summary=f"A {word} process."),
        "articles": ArticleFactory(title="Why women", body=f"On {word} and peace."),
        "pages": make_page("about-us", body_en=f"We do {word} work."),
        "events": EventFactory(title="A training day", description=f"Learn {word} skills."),
    }


def results_of(response):
    results = response.context["results"]
    return {
        "mediators": [profile.mediator for profile in results.mediators.items],
        "processes": results.processes.items,
        "articles": results.articles.items,
        "pages": results.pages.items,
        "events": results.events.items,
    }


def test_finds_each_kind_of_content(client):
    items = one_of_each()
    response = search(client, WORD)
    assert response.status_code == 200
    found = results_of(response)
    assert found == {kind: [item] for kind, item in items.items()}
    assert response.context["results"].total == 5
    html = response.content.decode()
    for item in items.values():
        assert item.get_absolute_url() in html
    assert "5 results for “zephyrant”" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert html.count("<h2") == 5
    roster = reverse("mediators:roster") + f"?q={WORD}"
    catalogue = reverse("processes:catalogue") + f"?q={WORD}"
    assert f'href="{roster}"' in html and f'href="{catalogue}"' in html


def test_finds_a_title_and_several_words_in_different_fields(client):
    items = one_of_each()
    found = results_of(search(client, f"lakeside {WORD}"))
    assert found["processes"] == [items["processes"]]
    assert found["articles"] == found["mediators"] == found["pages"] == found["events"] == []


def test_pages_and_articles_are_searched_in_the_active_language(client):
    page = make_page("zweisprachig", title_de="Über die Quellwolke", body_en="Nothing here.")
    english = ArticleFactory(title=f"The {WORD} paper", language="en")
    german = ArticleFactory(title=f"Das {WORD} Papier", language="de")
    assert results_of(search(client, WORD))["articles"] == [english]
    assert results_of(search(client, WORD, "de"))["articles"] == [german]
    assert results_of(search(client, "Quellwolke", "de"))["pages"] == [page]
    assert results_of(search(client, "Quellwolke"))["pages"] == []


def test_a_page_shows_its_first_words_as_plain_text(client):
    make_page(
        "plain",
        body_en=f"## Heading\n\nSome **bold** & <script>alert(1)</script> {WORD} text.",
    )
    html = search(client, WORD).content.decode()
    assert "Heading Some bold &amp;" in html
    assert "<script>alert" not in html and "<strong>" not in html


def test_pages_rank_by_title_then_text_in_each_language_and_follow_every_write(client):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's; SQLite lists the matches in menu order")
    in_text = make_page("a-text", position=1, body_en=f"Some {WORD}.", body_de="Nichts.")
    in_title = make_page("b-title", position=2, title_en=f"The {WORD}", title_de=f"Der {WORD}")
    # The menu lists a-text first: the title ranks b-title above it. A stale search would
    # still find b-title by its old title, and a-text by its old German title not at all.

    def found(language="en"):
        return [page.slug for page in results_of(search(client, WORD, language))["pages"]]

    assert found() == ["b-title", "a-text"]
    assert found("de") == ["b-title"]
    # A queryset update sends no signal; the search follows the row all the same.
    Page.objects.filter(pk=in_title.pk).update(title_en="Renamed", body_en=f"Now {WORD}.")
    Page.objects.filter(pk=in_text.pk).update(title_en=f"{WORD} first", title_de=f"{WORD} vorn")
    PageVersion.bump()  # as bulk writes do, for the page cache
    assert found() == ["a-text", "b-title"]
    assert found("de") == ["a-text", "b-title"]


@pytest.mark.parametrize(
    "body",
    [
        "\n\n".join(f"Paragraph {n} of the page, with {WORD} and more words." for n in range(40)),
        f"{WORD}\n\n" + "\n".join(f"- item{n}" for n in range(40)) + "\n\nThe end.",
        f"## {WORD}\n\n" + "\n\n".join(f"### Head{n}\n\nword{n}" for n in range(40)),
    ],
    ids=["paragraphs", "list", "headings"],
)
def test_a_long_page_shows_its_first_thirty_words(client, body):
    make_page("long", body_en=body)
    [page] = search(client, WORD).context["results"].pages.items
    assert page.excerpt == excerpt(page.body_html)  # as if the whole page were rendered
    assert len(page.excerpt.split()) == 30 and page.excerpt.endswith("\N{HORIZONTAL ELLIPSIS}")
    assert page.excerpt in search(client, WORD).content.decode()


def test_drafts_hidden_profiles_and_other_languages_never_appear_for_the_public(client):
    hidden = [
        MediatorFactory(headline=f"{WORD} adviser", visibility="hidden"),
        MediatorFactory(headline=f"{WORD} adviser", visibility="members"),
        MediatorFactory(headline=f"{WORD} adviser", status="submitted"),
        MediatorFactory(headline=f"{WORD} adviser", status="draft"),
        ProcessFactory(summary=f"A {WORD} process.", status="draft"),
        ArticleFactory(title=f"{WORD} draft", status="draft"),
        ArticleFactory(
            title=f"{WORD} scheduled", published_on=timezone.localdate() + datetime.timedelta(1)
        ),
        ArticleFactory(title=f"{WORD} auf Deutsch", language="de"),
        make_page("draft-page", body_en=f"{WORD} draft", status="draft"),
        EventFactory(title=f"{WORD} draft", status="draft"),
    ]
    response = search(client, WORD)
    assert response.context["results"].total == 0
    html = response.content.decode()
    for item in hidden:
        assert item.get_absolute_url() not in html
    assert "Nothing matches “zephyrant”." in html


def test_members_find_members_only_profiles_and_staff_find_drafts(member, staff):
    members_only = MediatorFactory(headline=f"{WORD} adviser", visibility="members")
    hidden = MediatorFactory(headline=f"{WORD} adviser", visibility="hidden")
    draft = ProcessFactory(summary=f"A {WORD} process.", status="draft")
    as_member = results_of(search(client_for(member), WORD))
    assert as_member["mediators"] == [members_only]
    assert as_member["processes"] == []
    as_staff = results_of(search(client_for(staff), WORD))
    assert set(as_staff["mediators"]) == {members_only, hidden}
    assert as_staff["processes"] == [draft]


@pytest.fixture
def protected():
    """A protected profile: the public knows her by a pseudonym, her expertise and regions."""
    area = ExpertiseArea.objects.create(
        slug="glimmerwork", name_en="Glimmerwork", name_de="Glimmerwerk", position=99
    )
    mediator = MediatorFactory(
        display_name="Zahra Quendolyn",
        headline="Headline-marker-egret",
        bio="Bio-marker-krill",
        visibility="protected",
        bio_audience=Audience.PUBLIC,
    )
    mediator.expertise.add(area)
    mediator.refresh_search()
    return mediator


@pytest.mark.parametrize("query", ["pseudonym", "Glimmerwork", "Glimmerwerk"])
def test_the_public_finds_a_protected_profile_by_pseudonym_or_expertise(client, protected, query):
    query = protected.pseudonym if query == "pseudonym" else query
    response = search(client, query)
    assert results_of(response)["mediators"] == [protected]
    html = response.content.decode()
    assert protected.pseudonym in html
    assert protected.get_absolute_url() in html
    for private in ("Zahra", "Quendolyn", "Headline-marker-egret", "Bio-marker-krill"):
        assert private not in html


@pytest.mark.parametrize("query", ["Quendolyn", "Zahra Quendolyn", "Headline-marker-egret"])
def test_the_public_never_finds_a_protected_profile_by_what_it_cannot_read(
    client, protected, query
):
    response = search(client, query)
    assert results_of(response)["mediators"] == []
    assert protected.get_absolute_url() not in response.content.decode()


def test_the_public_never_finds_a_protected_profile_by_a_public_biography(client, protected):
    """Her biography is shown to everyone, but not on the pseudonymous profile."""
    assert results_of(search(client, "Bio-marker-krill"))["mediators"] == []


def test_members_find_a_protected_profile_by_her_name(member, protected):
    response = search(client_for(member), "Quendolyn")
    assert results_of(response)["mediators"] == [protected]
    html = response.content.decode()
    assert "Zahra Quendolyn" in html
    assert protected.pseudonym not in html


@pytest.mark.parametrize(("viewer", "found"), [(None, False), ("member", True), ("staff", True)])
def test_a_members_only_biography_is_searched_only_for_members(request, viewer, found):
    mediator = MediatorFactory(bio="Fluent in vexmoorish dialects.", bio_audience=Audience.MEMBERS)
    client = client_for(request.getfixturevalue(viewer) if viewer else None)
    assert (results_of(search(client, "vexmoorish"))["mediators"] == [mediator]) == found


def test_an_empty_query_shows_the_form_only(client):
    one_of_each()
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(search_url(), params)
        assert response.status_code == 200
        assert response.context["results"] is None
        html = response.content.decode()
        assert 'id="search-query"' in html
        assert "result" not in html.split('id="search-query"')[1]
        assert "Nothing matches" not in html


def test_an_oversized_query_is_refused_with_a_message_and_shown_again(client):
    one_of_each()
    query = f"{WORD} " + "x" * 200
    response = search(client, query)
    assert response.status_code == 400
    assert response.context["results"] is None
    html = response.content.decode()
    assert "Your search is too long. Please use at most 200 characters." in html
    assert 'aria-invalid="true"' in html
    assert f'value="{query}"' in html
    assert "/mediators/wilhelmina" not in html


def test_a_query_of_200_characters_after_trimming_is_searched(client):
    one_of_each()
    query = "   " + WORD + " " + "x" * (199 - len(WORD)) + "   "
    assert len(query.strip()) == 200
    response = search(client, query)
    assert response.status_code == 200
    assert response.context["results"] is not None


@pytest.mark.parametrize(
    "query",
    ['"', "-", "or", "!!", "&&", "(", ")", "'", "%", "_", "\\", ":*", "<b>"],
)
def test_odd_queries_answer_without_error(client, query):
    one_of_each()
    response = search(client, query)
    assert response.status_code == 200


def test_each_group_shows_ten_with_its_total_and_a_link_to_the_full_list(client):
    for number in range(12):
        MediatorFactory(headline=f"{WORD} adviser {number}")
        ProcessFactory(summary=f"A {WORD} process.")
        ArticleFactory(title=f"{WORD} paper {number}")
    response = search(client, WORD)
    results = response.context["results"]
    for group in (results.mediators, results.processes, results.articles):
        assert len(group.items) == 10
        assert group.total == 12
    assert results.mediators.more_url == reverse("mediators:roster") + f"?q={WORD}"
    assert results.processes.more_url == reverse("processes:catalogue") + f"?q={WORD}"
    html = response.content.decode()
    assert html.count("Showing the first 10 of 12.") == 3
    assert "36 results for “zephyrant”" in html


@pytest.fixture
def many(request):
    """Count items of each kind, all matching the word; mediators with full cards."""
    count = request.param
    for number in range(count):
        mediator = MediatorFactory(headline=f"{WORD} adviser {number}")
        mediator.expertise.set(ExpertiseArea.objects.all()[:3])
        mediator.languages.create(code="ar", level=7)
        mediator.regional_experience.create(country="KE")
        mediator.refresh_search()
        process = ProcessFactory(summary=f"A {WORD} process.")
        add_country(process, "SD")
        ArticleFactory(title=f"{WORD} paper {number}")
        make_page(f"page-{number}", body_en=f"{WORD} text {number}")
        EventFactory(title=f"{WORD} event {number}")
    return count


def test_every_kind_follows_its_rows_writes_even_a_bulk_update(client):
    """The search vectors are kept by the database, so no way of writing leaves them behind."""
    items = one_of_each()
    voice = VoiceFactory()
    assert results_of(search(client, "Quillwort")) == {kind: [] for kind in items}
    Process.objects.filter(pk=items["processes"].pk).update(description="On quillwort.")
    Article.objects.filter(pk=items["articles"].pk).update(summary="Quillwort and peace.")
    Event.objects.filter(pk=items["events"].pk).update(place="Quillwort hall")
    Voice.objects.filter(pk=voice.pk).update(organisation="Quillwort circle")
    response = search(client, "quillwort")
    found = results_of(response)
    assert found["processes"] == [items["processes"]]
    assert found["articles"] == [items["articles"]]
    assert found["events"] == [items["events"]]
    assert list(response.context["results"].voices.items) == [voice]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
def test_search_reads_the_vectors_rows_keep_and_builds_none_per_request(client):
    one_of_each()
    with CaptureQueriesContext(connection) as queries:
        assert search(client, WORD).context["results"].total == 5
    built = [query["sql"] for query in queries if "to_tsvector" in query["sql"]]
    assert built == []


# Six groups (mediators, processes, voices, articles, pages, events), each one query for its
# first results and their count, and the countries of the processes shown; on PostgreSQL,
# mediators and processes rank their matches by key before reading the rows shown (and look
# for a typo only when the words found nothing).
SEARCH_QUERIES = 9


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typos: PostgreSQL's trigrams")
def test_a_name_with_a_typo_still_finds_its_profile_and_process(
    client, django_assert_max_num_queries
):
    items = one_of_each()
    with django_assert_max_num_queries(SEARCH_QUERIES + 2 + PAGE_VERSION):  # the typos' ranks
        found = results_of(search(client, "Fairwether"))
    assert found["mediators"] == [items["mediators"]]
    assert results_of(search(client, "Lakesde"))["processes"] == [items["processes"]]


@pytest.mark.parametrize("many", [5, 50], indirect=True)
def test_the_page_runs_in_a_fixed_number_of_queries_for_the_public(
    client, many, django_assert_max_num_queries
):
    with django_assert_max_num_queries(SEARCH_QUERIES + PAGE_VERSION):
        response = search(client, WORD)
    assert response.status_code == 200
    assert response.context["results"].total == 5 * many


@pytest.mark.parametrize("many", [5, 50], indirect=True)
def test_the_page_runs_in_a_fixed_number_of_queries_for_a_member(
    rf, member, many, django_assert_max_num_queries
):
    """The view alone: the session machinery before it is no part of the search."""
    request = rf.get(search_url(), {"q": WORD})
    request.user = member
    with django_assert_max_num_queries(SEARCH_QUERIES + 1):  # + her audience
        response = views.search(request)
    assert response.status_code == 200
    assert f"{5 * many} results for" in response.content.decode()
