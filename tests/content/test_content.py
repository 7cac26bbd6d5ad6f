"""The network's voice: voices, advocacy, pages, events, the home page and editors' rights."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from processes.models import Process
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    VoiceFactory,
)
from wpm.models import Article, ArticleAuthor, Page, Topic

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
]


class ActiveContent(HTMLParser):
    """Collects every element or attribute of a page that a browser could execute."""

    DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS_TAGS:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:text")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def assert_inert(html):
    parser = ActiveContent()
    parser.feed(html)
    assert parser.found == []


@pytest.mark.parametrize("payload", HOSTILE)
def test_markdown_fields_render_hostile_input_inert(client, payload):
    article = ArticleFactory(body=f"## Heading\n\n{payload}\n\nText")
    page = Page.objects.create(
        slug="hostile",
        title_en="Hostile",
        title_de="Feindlich",
        body_en=payload,
        body_de=payload,
        status="published",
    )
    event = EventFactory(description=payload)
    voice = VoiceFactory(quote=payload, is_featured=True)
    mediator = MediatorFactory(bio=payload, bio_audience=0)
    for url in [
        article.get_absolute_url(),
        page.get_absolute_url(),
        event.get_absolute_url(),
        reverse("voices"),
        reverse("home"),
        mediator.get_absolute_url(),
    ]:
        html = client.get(url).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert_inert(main)
    assert voice.quote == payload


def test_markdown_keeps_headings_links_and_images(client):
    article = ArticleFactory(
        body="## A heading\n\nSee [the roster](/en/mediators/).\n\n![Logo](/static/img/logo.svg)"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>A heading</h2>" in html
    assert '<a href="/en/mediators/" rel="nofollow noopener noreferrer">the roster</a>' in html
    assert '<img alt="Logo" src="/static/img/logo.svg">' in html


def test_advocacy_lists_published_articles_in_the_readers_language(client, staff_client):
    english = ArticleFactory(title="English paper")
    german = ArticleFactory(title="Deutsches Papier", language="de")
    draft = ArticleFactory(title="Draft paper", status="draft")
    html = client.get("/en/advocacy/").content.decode()
    assert english.title in html and german.title not in html and draft.title not in html
    assert german.title in client.get("/de/advocacy/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert (
        response.status_code == 200 and "only staff see this article" in response.content.decode()
    )


def test_advocacy_filters_by_kind_and_topic(client):
    topic = Topic.objects.create(slug="track-1", name_en="Track 1", name_de="Track 1")
    paper = ArticleFactory(title="A position paper", kind="position-paper")
    paper.topics.add(topic)
    ArticleFactory(title="Some news", kind="news")
    assert "Some news" not in client.get("/en/advocacy/?kind=position-paper").content.decode()
    assert "A position paper" in client.get("/en/advocacy/?topic=track-1").content.decode()
    assert client.get("/en/advocacy/?kind=gossip").status_code == 404
    assert client.get("/en/advocacy/?topic=nothing").status_code == 404


def test_the_advocacy_list_s_next_page_keeps_the_kind_and_topic(client):
    """Its next page was "?page=2": the second page of statements listed every kind."""
    topic = Topic.objects.create(slug="track-1", name_en="Track 1", name_de="Track 1")
    for number in range(13):
        ArticleFactory(
            kind="statement",
            title=f"Statement {number}",
            published_on=datetime.date(2025, 1, 1 + number),
        ).topics.add(topic)
    for number in range(5):
        ArticleFactory(kind="news", title=f"News {number}")
    first = client.get("/en/advocacy/", {"kind": "statement", "topic": "track-1"})
    following = re.search(r'rel="next" href="([^"]+)"', first.content.decode()).group(1)
    assert following == "?kind=statement&amp;topic=track-1&amp;page=2"
    second = client.get("/en/advocacy/", {"kind": "statement", "topic": "track-1", "page": 2})
    assert [article.title for article in second.context["articles"]] == ["Statement 0"]


def test_an_article_without_a_translation_names_no_other_language_to_search_engines(client):
    """The language switch leads a reader to the other language's list; the page's head told
    search engines that list was the article in German."""
    article = ArticleFactory(slug="only-english", language="en")
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert 'hreflang="en" href="http://testserver/en/advocacy/only-english/"' in head
    assert 'hreflang="de"' not in head
    assert 'href="/de/advocacy/"' in html  # the switch still leads on


def test_article_language_switch_leads_to_its_translation(client):
    german = ArticleFactory(title="Mehr Frauen", slug="mehr-frauen", language="de")
    english = ArticleFactory(title="More women", slug="more-women", translation=german)
    html = client.get(english.get_absolute_url()).content.decode()
    assert 'href="/de/advocacy/mehr-frauen/" hreflang="de"' in html
    assert "Diesen Artikel auf Deutsch lesen" in html
    back = client.get(german.get_absolute_url()).content.decode()
    assert 'href="/en/advocacy/more-women/" hreflang="en"' in back


def test_a_translation_not_out_yet_is_not_named_on_the_article(client):
    """A translation published for a later day showed as a link, in the language switch and as
    an alternate for search engines: its address was out before it was."""
    later = timezone.localdate() + datetime.timedelta(days=3)
    german = ArticleFactory(language="de", slug="geheim-kuenftig", published_on=later)
    english = ArticleFactory(language="en", slug="now-out", translation=german)
    assert client.get(german.get_absolute_url()).status_code == 404
    assert "geheim-kuenftig" not in client.get(english.get_absolute_url()).content.decode()


def test_the_topics_offered_are_those_of_the_articles_listed(client):
    """A topic only drafts, articles not out yet or articles in the other language had was
    offered to the public, and led to an empty list."""
    later = timezone.localdate() + datetime.timedelta(days=3)
    for slug, article in (
        ("draft-only", ArticleFactory(status="draft")),
        ("later-only", ArticleFactory(published_on=later)),
        ("german-only", ArticleFactory(language="de")),
        ("shown", ArticleFactory()),
    ):
        topic = Topic.objects.create(slug=slug, name_en=f"Topic {slug}", name_de=f"Thema {slug}")
        article.topics.add(topic)
    page = client.get("/en/advocacy/").content.decode()
    assert "Topic shown" in page
    for hidden in ("draft-only", "later-only", "german-only"):
        assert f"Topic {hidden}" not in page


def test_authors_link_only_to_profiles_the_reader_may_see(client, member_client):
    article = ArticleFactory()
    public = MediatorFactory(display_name="Pia Public")
    members = MediatorFactory(display_name="Mia Members", visibility="members")
    ArticleAuthor.objects.create(article=article, name="Pia Public", mediator=public)
    ArticleAuthor.objects.create(article=article, name="Mia Members", mediator=members)
    html = client.get(article.get_absolute_url()).content.decode()
    assert public.get_absolute_url() in html and members.get_absolute_url() not in html
    html = member_client.get(article.get_absolute_url()).content.decode()
    assert members.get_absolute_url() in html


def test_a_protected_or_unlisted_author_is_named_but_not_linked(
    client, member_client, staff_client
):
    article = ArticleFactory()
    protected = MediatorFactory(display_name="Pam Protected", visibility="protected")
    draft = MediatorFactory(display_name="Dora Draft", status="draft")
    for position, mediator in enumerate((protected, draft)):
        ArticleAuthor.objects.create(
            article=article, name=mediator.display_name, mediator=mediator, position=position
        )
    ArticleAuthor.objects.create(article=article, name="Guest Writer", position=2)
    bylines = {
        reader: re.findall(r"<p>By (.*?)</p>", viewer.get(article.get_absolute_url()).text)[0]
        for reader, viewer in (
            ("public", client),
            ("member", member_client),
            ("staff", staff_client),
        )
    }
    assert "Pam Protected" in bylines["public"]
    assert protected.get_absolute_url() not in bylines["public"]
    assert protected.get_absolute_url() in bylines["member"]
    assert protected.get_absolute_url() in bylines["staff"]
    for byline in bylines.values():
        assert "Dora Draft" in byline and draft.get_absolute_url() not in byline
        assert byline.endswith("Guest Writer")


def test_an_article_lists_the_processes_the_reader_may_see_and_its_topics_in_her_language(
    client, staff_client
):
    article = ArticleFactory()
    german = ArticleFactory(title="Mehr Frauen", slug="mehr-frauen", language="de")
    shown = ProcessFactory(name="Open talks")
    hidden = ProcessFactory(name="Quiet talks", status="draft")
    topic = Topic.objects.create(slug="ceasefires", name_en="Ceasefires", name_de="Waffenruhen")
    for item in (article, german):
        item.related_processes.add(shown, hidden)
        item.topics.add(topic)
    public = client.get(article.get_absolute_url()).text
    assert f'<a href="{shown.get_absolute_url()}">Open talks</a>' in public
    assert "Quiet talks" not in public and hidden.get_absolute_url() not in public
    assert '<a class="tag" href="/en/advocacy/?topic=ceasefires">Ceasefires</a>' in public
    staff = staff_client.get(article.get_absolute_url()).text
    assert f'<a href="{hidden.get_absolute_url()}">Quiet talks</a>' in staff
    deutsch = client.get(german.get_absolute_url()).text
    assert '<a class="tag" href="/de/advocacy/?topic=ceasefires">Waffenruhen</a>' in deutsch
    assert f'href="{shown.get_absolute_url().replace("/en/", "/de/")}"' in deutsch
    assert "Quiet talks" not in deutsch


# The article with its translation, then its topics, its authors (each with whether her profile
# may be linked, in the same query) and its processes.
ARTICLE_QUERIES = 4


@pytest.mark.parametrize("size", [1, 8])
def test_an_article_runs_in_a_fixed_number_of_queries(client, size, django_assert_num_queries):
    article = ArticleFactory()
    for number in range(size):
        shown = MediatorFactory(display_name=f"Author {number}")
        hidden = MediatorFactory(display_name=f"Protected {number}", visibility="protected")
        ArticleAuthor.objects.create(article=article, name=f"Author {number}", mediator=shown)
        ArticleAuthor.objects.create(article=article, name=f"Hidden {number}", mediator=hidden)
        article.related_processes.add(ProcessFactory())
        topic = Topic.objects.create(
            slug=f"topic-{number}", name_en=f"Topic {number}", name_de=f"Thema {number}"
        )
        article.topics.add(topic)
    with django_assert_num_queries(ARTICLE_QUERIES + PAGE_VERSION):
        html = client.get(article.get_absolute_url()).content.decode()
    [byline] = re.findall(r"<p>By (.*?)</p>", html)
    assert byline.count("<a href=") == size, "the protected authors are not linked"
    assert f"Hidden {size - 1}" in byline


def test_voices_filter_by_region(client):
    VoiceFactory(name="Kenyan Voice", country="KE")
    VoiceFactory(name="Colombian Voice", country="CO")
    html = client.get("/en/voices/?region=002").content.decode()
    assert "Kenyan Voice" in html and "Colombian Voice" not in html
    assert client.get("/en/voices/?region=999").status_code == 404


def test_events_split_into_upcoming_and_past(client):
    EventFactory(title="Future training")
    past = datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC)
    EventFactory(title="Old conference", kind="conference", starts_at=past, ends_at=past)
    EventFactory(title="Draft webinar", status="draft")
    response = client.get("/en/events/")
    assert [e.title for e in response.context["upcoming"]] == ["Future training"]
    assert [e.title for e in response.context["past"]] == ["Old conference"]
    assert "Draft webinar" not in response.content.decode()


def test_home_shows_voices_advocacy_events_and_figures(client):
    VoiceFactory(name="Featured Voice", is_featured=True)
    VoiceFactory(name="Quiet Voice")
    ArticleFactory(title="Newest paper")
    EventFactory(title="Next training")
    MediatorFactory()
    html = client.get("/en/").content.decode()
    assert "Featured Voice" in html and "Quiet Voice" not in html
    assert "Newest paper" in html and "Next training" in html
    assert "mediators in the roster" in html


def _add_publication(client, pdf):
    return client.post(
        "/admin/wpm/article/add/",
        {
            "kind": "publication",
            "title": "T",
            "slug": "t",
            "summary": "s",
            "body": "b",
            "language": "en",
            "status": "draft",
            "published_on": "2026-01-01",
            "pdf": pdf,
            "authors-TOTAL_FORMS": "0",
            "authors-INITIAL_FORMS": "0",
        },
    )


def test_pdf_uploads_must_be_real_pdfs(superuser_client):
    fake = SimpleUploadedFile("paper.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _add_publication(superuser_client, fake)
    assert response.status_code == 200
    assert "This file is not a PDF." in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("name", ["paper.html", "paper.svg", "paper.PDF"])
def test_a_publication_is_stored_as_a_pdf_whatever_it_was_called(superuser_client, name):
    """Served by its name from media or object storage: a PDF called paper.html would be served
    as a page of the site's own origin, script and all."""
    upload = SimpleUploadedFile(
        name, b"%PDF-1.4\n<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    _add_publication(superuser_client, upload)
    stored = Article.objects.get().pdf.name
    assert stored.startswith("publications/") and stored.endswith(".pdf")
    assert "paper" not in stored


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("editor", "/admin/wpm/article/", 200),
        ("editor", "/admin/wpm/voice/", 200),
        ("editor", "/admin/wpm/event/add/", 200),
        ("editor", "/admin/mediators/mediator/", 403),
        ("editor", "/admin/processes/process/", 403),
        ("editor", "/admin/wpm/user/", 403),
        ("curator", "/admin/processes/process/", 200),
        ("curator", "/admin/processes/engagement/", 200),
        ("curator", "/admin/wpm/article/", 403),
        ("curator", "/admin/mediators/mediator/", 403),
    ],
)
def test_roles_reach_only_their_own_administration(persona, url, status, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url).status_code == status


def test_an_event_s_times_are_typed_and_shown_on_the_clock_of_its_place(editor):
    """The back office read the times on the server's clock (Berlin), and the site showed them
    on the event's: 10:00 typed for a Nairobi event was shown there as 12:00."""
    import zoneinfo

    from wpm.models import Event

    client = client_for(editor)
    data = {
        "title": "Nairobi workshop",
        "slug": "nairobi-workshop",
        "kind": "training",
        "starts_at_0": "2030-01-15",
        "starts_at_1": "10:00:00",
        "ends_at_0": "2030-01-15",
        "ends_at_1": "12:00:00",
        "time_zone": "Africa/Nairobi",
        "place": "Nairobi",
        "description": "A workshop.",
        "language": "en",
        "status": "published",
    }
    response = client.post("/admin/wpm/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    nairobi = zoneinfo.ZoneInfo("Africa/Nairobi")
    assert (event.starts_at.astimezone(nairobi).hour, event.ends_at.astimezone(nairobi).hour) == (
        10,
        12,
    )
    page = client_for(None).get(event.get_absolute_url()).content.decode()
    assert "10:00" in page and "12:00" in page
    form = client.get(f"/admin/wpm/event/{event.pk}/change/").content.decode()
    assert 'name="starts_at_1" value="10:00:00"' in form


def _event_form(**changes):
    """What staff send from the back office's form of a new event."""
    return {
        "title": "Evening webinar",
        "slug": "evening-webinar",
        "kind": "webinar",
        "starts_at_0": "2030-01-15",
        "starts_at_1": "20:00:00",
        "ends_at_0": "2030-01-15",
        "ends_at_1": "21:30:00",
        "time_zone": "America/New_York",
        "online": "on",
        "description": "A webinar.",
        "language": "en",
        "status": "published",
    } | changes


def test_an_event_at_a_time_berlin_s_clocks_skip_is_taken_where_it_exists(editor):
    """02:30 on 31 March 2030 exists in Nairobi, which keeps no summer time; Berlin's clocks
    skip it that night, and the back office refused it with Berlin's error."""
    import zoneinfo

    from wpm.models import Event

    data = _event_form(
        starts_at_0="2030-03-31",
        starts_at_1="02:30:00",
        ends_at_0="2030-03-31",
        ends_at_1="05:00:00",
        time_zone="Africa/Nairobi",
    )
    response = client_for(editor).post("/admin/wpm/event/add/", data)
    assert response.status_code == 302
    starts = Event.objects.get().starts_at.astimezone(zoneinfo.ZoneInfo("Africa/Nairobi"))
    assert starts.strftime("%Y-%m-%d %H:%M") == "2030-03-31 02:30"


@pytest.mark.parametrize(
    ("day", "time", "zone", "error"),
    [
        (
            "2030-03-10",
            "02:30:00",
            "America/New_York",
            "March 10, 2030, 2:30 a.m. does not exist in United States (New York) Time: the "
            "clocks there skip it. Give another time.",
        ),
        (
            "2030-11-03",
            "01:30:00",
            "America/New_York",
            "Nov. 3, 2030, 1:30 a.m. comes twice in United States (New York) Time: the clocks "
            "there go back over it. Give another time.",
        ),
        (
            "2030-03-31",
            "02:30:00",
            "Europe/Berlin",
            "March 31, 2030, 2:30 a.m. does not exist in Germany (Berlin) Time",
        ),
    ],
)
def test_a_time_the_clocks_of_the_event_s_place_skip_or_repeat_is_refused(
    editor, day, time, zone, error
):
    """02:30 on 10 March 2030 does not exist in New York, whose clocks jump to 03:00: it was
    saved as 03:30. 01:30 on 3 November comes twice there, an hour apart."""
    from wpm.models import Event

    data = _event_form(starts_at_0=day, starts_at_1=time, ends_at_0=day, ends_at_1="05:00:00")
    response = client_for(editor).post("/admin/wpm/event/add/", data | {"time_zone": zone})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Event.objects.exists()


def test_the_back_office_lists_an_event_at_its_start_on_the_clock_of_its_place(editor):
    """The list of events showed starts on Berlin's clock, with no zone: a New York webinar
    typed in its form for 15 January, 20:00, was listed for 16 January, 2 a.m."""
    import zoneinfo

    new_york = zoneinfo.ZoneInfo("America/New_York")
    starts = datetime.datetime(2030, 1, 15, 20, 0, tzinfo=new_york)
    EventFactory(
        title="Evening webinar",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        time_zone="America/New_York",
    )
    client = client_for(editor)
    listing = client.get("/admin/wpm/event/").content.decode()
    assert "Jan. 15, 2030, 8 p.m. (United States (New York) Time)" in listing
    assert "Jan. 16, 2030" not in listing
    assert (
        "Evening webinar" in client.get("/admin/wpm/event/", {"when": "upcoming"}).content.decode()
    )
    assert (
        "Evening webinar" not in client.get("/admin/wpm/event/", {"when": "past"}).content.decode()
    )


def test_editor_sees_only_content_in_the_back_office(editor):
    html = client_for(editor).get("/admin/").content.decode()
    assert "Articles" in html and "Mediators" not in html and "Peace processes" not in html


def test_an_editor_s_page_offers_no_setting_the_site_does_not_follow(editor):
    """The navigation and the footer are the site's own: a page's form and the list of pages
    offer no menu to put a page in, where one was offered and changed nothing."""
    page = Page.objects.get(slug="join")
    client = client_for(editor)
    form = client.get(f"/admin/wpm/page/{page.pk}/change/").content.decode()
    assert 'name="position"' in form
    assert 'name="place"' not in form and "Main navigation" not in form
    listed = client.get("/admin/wpm/page/").content.decode()
    assert page.title_en in listed
    assert "Not in a menu" not in listed and "Main navigation" not in listed


@pytest.mark.parametrize("count", [2, 30])
def test_content_pages_run_in_a_fixed_number_of_queries(
    client, count, django_assert_max_num_queries
):
    topic = Topic.objects.create(slug="t", name_en="T", name_de="T")
    for _ in range(count):
        article = ArticleFactory()
        article.topics.add(topic)
        ArticleAuthor.objects.create(article=article, name="A", mediator=MediatorFactory())
        EventFactory()
        VoiceFactory(is_featured=True)
    for url in ["/en/", "/en/advocacy/", "/en/voices/", "/en/events/", article.get_absolute_url()]:
        with django_assert_max_num_queries(10 + PAGE_VERSION):
            assert client.get(url).status_code == 200


def test_editors_find_authors_among_listed_profiles_only(editor, member, applicant):
    response = client_for(editor).get(
        "/admin/autocomplete/?app_label=wpm&model_name=articleauthor&field_name=mediator"
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(member.mediator.pk), "text": "Amina Member"}]


@pytest.mark.parametrize("role", ["editor", "curator"])
def test_staff_who_only_look_mediators_up_find_her_by_name_not_by_address_or_pseudonym(
    request, role, protected_showcase, superuser
):
    record = {
        "editor": "wpm&model_name=articleauthor",
        "curator": "processes&model_name=engagement",
    }
    url = f"/admin/autocomplete/?app_label={record[role]}&field_name=mediator&term="
    mediator = protected_showcase
    looking = client_for(request.getfixturevalue(role))
    for term in (mediator.pseudonym, mediator.user.email):
        assert looking.get(url + term).json()["results"] == [], term
        assert client_for(superuser).get(url + term).json()["results"] != [], term
    found = looking.get(url + mediator.display_name.split()[0]).json()["results"]
    assert found == [{"id": str(mediator.pk), "text": mediator.display_name}]


def test_editors_relate_articles_to_published_processes_only(editor):
    published = ProcessFactory(name="Open talks")
    ProcessFactory(name="Draft talks", status="draft")
    client = client_for(editor)
    response = client.get(
        "/admin/autocomplete/?app_label=wpm&model_name=article&field_name=related_processes"
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(published.pk), "text": "Open talks"}]
    assert client.get(f"/admin/processes/process/{published.pk}/change/").status_code == 403
    assert client.get("/admin/processes/process/").status_code == 403


@pytest.mark.parametrize("authors", [1, 3])
def test_an_article_form_does_not_list_the_roster(editor, authors, django_assert_max_num_queries):
    """Authors link to profiles, and the article to processes, found by typing: the form holds
    the chosen ones only, and its queries do not grow with the roster, the catalogue or the
    authors."""
    article = ArticleFactory()
    for number in range(authors):
        mediator = MediatorFactory(display_name=f"Author {number}")
        ArticleAuthor.objects.create(article=article, name=f"A{number}", mediator=mediator)
        article.related_processes.add(ProcessFactory(name=f"Related talks {number}"))
    others = MediatorFactory.create_batch(5)
    unrelated = ProcessFactory.create_batch(5)
    client = client_for(editor)
    url = f"/admin/wpm/article/{article.pk}/change/"
    client.get(url)
    with django_assert_max_num_queries(17):
        page = client.get(url).content.decode()
    for author in article.authors.select_related("mediator"):
        mediator = author.mediator
        assert f'<option value="{mediator.pk}" selected>{mediator.display_name}</option>' in page
    for mediator in others:
        assert f">{mediator.display_name}</option>" not in page
    for process in article.related_processes.all():
        assert f'<option value="{process.pk}" selected>{process.name}</option>' in page
    for process in unrelated:
        assert f">{process.name}</option>" not in page


def test_curators_look_mediators_up_by_name_and_see_nothing_else(curator, member):
    client = client_for(curator)
    response = client.get(
        "/admin/autocomplete/?app_label=processes&model_name=engagement&field_name=mediator"
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(member.mediator.pk), "text": "Amina Member"}]
    assert member.email not in response.content.decode()
    url = f"/admin/mediators/mediator/{member.mediator.pk}/change/"
    assert client.get(url).status_code == 403


def _no_markdown(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr("wpm.markup.markdown.markdown", refuse)


def test_pages_articles_events_and_processes_show_markdown_rendered_when_saved(client, monkeypatch):
    Page.objects.create(
        slug="stored",
        title_en="Stored",
        title_de="Gespeichert",
        body_en="Read **this** first.",
        body_de="Lesen Sie **dies** zuerst.",
        status="published",
    )
    article = ArticleFactory(body="A [link](https://example.org).")
    event = EventFactory(description="Bring *notes*.")
    process = ProcessFactory(description="### Background\n\nTalks since 2015.")
    _no_markdown(monkeypatch)
    shown = {
        "/en/pages/stored/": "Read <strong>this</strong> first.",
        "/de/pages/stored/": "Lesen Sie <strong>dies</strong> zuerst.",
        article.get_absolute_url(): 'A <a href="https://example.org"',
        event.get_absolute_url(): "Bring <em>notes</em>.",
        process.get_absolute_url(): "<h3>Background</h3>",
    }
    for url, html in shown.items():
        assert html in client.get(url).content.decode(), url


def test_an_edit_shows_at_once_and_a_row_written_without_save_still_renders(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # a queryset's update does not change the page version
    page = Page.objects.create(
        slug="edited", title_en="E", title_de="E", body_en="Old", body_de="Alt", status="published"
    )
    page.body_en = "*New* text"
    page.save()
    assert "<em>New</em> text" in client.get("/en/pages/edited/").content.decode()
    # A queryset update skips save(): the text is rendered when it is read rather than lost.
    Page.objects.filter(pk=page.pk).update(body_en="**Bulk**", body_rendered_en="")
    html = client.get("/en/pages/edited/").content.decode()
    assert "<strong>Bulk</strong>" in html and "New" not in html
    # The next migrate keeps its rendering, as it does for texts written before renderings were.
    process = ProcessFactory(description="*Talks*")
    Process.objects.filter(pk=process.pk).update(description_rendered="")
    call_command("migrate", verbosity=0)
    page.refresh_from_db()
    process.refresh_from_db()
    assert page.body_rendered_en == "<p><strong>Bulk</strong></p>"
    assert process.description_rendered == "<p><em>Talks</em></p>"


def test_the_home_pages_counters_follow_the_roster_and_the_catalogue_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the counters are kept per version of the content

    def counters():
        html = client.get("/en/").content.decode()
        return [
            int(re.search(rf"<strong>(\d+)</strong> {words}", html)[1])
            for words in ("mediators in the roster", "peace processes in the catalogue")
        ]

    def catalogue():
        return client.get("/en/processes/").context["paginator"].count

    before = counters()
    assert catalogue() == before[1]
    MediatorFactory()
    ProcessFactory()
    ProcessFactory(status="draft")
    assert counters() == [before[0] + 1, before[1] + 1]
    assert catalogue() == before[1] + 1


def test_an_article_s_language_switch_names_each_language_in_its_own_words(client):
    """The article page named English "Englisch" on a German page, inside an English link,
    where every other page says "English"."""
    german = ArticleFactory(title="Mehr Frauen", slug="mehr-frauen-2", language="de")
    ArticleFactory(title="More women", slug="more-women-2", translation=german)
    html = client.get("/de/advocacy/mehr-frauen-2/").content.decode()
    assert '<span class="visually-hidden"> (English)</span>' in html
    assert "(Englisch)" not in html
