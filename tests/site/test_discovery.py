"""How the site is found and followed: feeds, calendar files, the sitemap and the <head>."""

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone
from PIL import Image

from mediators.models import Mediator
from processes.models import Process
from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory
from tests.pages import LANGUAGES, page_ids, page_params
from wpm.models import Article, ArticleAuthor, Event, Page, Topic
from wpm.sitemaps import BilingualSitemap

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _xml(content):
    """Parse a document this site produced itself; a parse error fails the test."""
    return ET.fromstring(content)


def article(slug, *, language="en", status="published", published_on=None, **fields):
    return Article.objects.create(
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        slug=slug,
        summary=fields.pop("summary", f"Summary of {slug}."),
        body="Text.",
        language=language,
        status=status,
        published_on=published_on or datetime.date(2025, 1, 1),
        **fields,
    )


def event(slug, *, status="published", starts_in=datetime.timedelta(days=10), **fields):
    starts_at = timezone.now().replace(microsecond=0) + starts_in
    return Event.objects.create(
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        slug=slug,
        kind=Event.Kind.DIALOGUE,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        description=fields.pop(
            "description", "A **dialogue** on [ceasefires](https://example.org)."
        ),
        status=status,
        **fields,
    )


@pytest.fixture
def articles():
    topic = Topic.objects.create(slug="ceasefires", name_en="Ceasefires", name_de="Waffenruhen")
    newest = article("women-at-the-table", published_on=datetime.date(2025, 3, 1))
    newest.topics.add(topic)
    ArticleAuthor.objects.create(article=newest, name="Amina Author", position=0)
    ArticleAuthor.objects.create(article=newest, name="Berta Author", position=1)
    older = article("an-older-statement", published_on=datetime.date(2024, 6, 1))
    german = article(
        "frauen-am-tisch", language="de", published_on=datetime.date(2025, 3, 2), translation=newest
    )
    german.topics.add(topic)
    draft = article("draft-article-en", status="draft", published_on=datetime.date(2025, 4, 1))
    german_draft = article("entwurf-artikel-de", language="de", status="draft")
    return {"newest": newest, "older": older, "german": german, "drafts": [draft, german_draft]}


@pytest.fixture
def events():
    return {
        "upcoming": event("highlands-dialogue", place="Nairobi"),
        "online": event(
            "online-training",
            online=True,
            starts_in=datetime.timedelta(days=20),
            registration_url="https://example.org/register",
        ),
        "draft": event("secret-draft-event", status="draft", place="Geneva"),
        "past": event("past-conference", place="Oslo", starts_in=-datetime.timedelta(days=30)),
    }


@pytest.fixture
def profiles():
    protected = MediatorFactory(display_name="Petra Protected", visibility="protected")
    return {
        "public": MediatorFactory(display_name="Paula Public"),
        "members": MediatorFactory(display_name="Mona Members", visibility="members"),
        "hidden": MediatorFactory(display_name="Hanna Hidden", visibility="hidden"),
        "protected": protected,
        "submitted": MediatorFactory(display_name="Sina Submitted", status="submitted"),
    }


@pytest.fixture
def content(articles, events, profiles):
    pages = {
        "published": Page.objects.create(
            slug="toolkit",
            title_en="Toolkit",
            title_de="Werkzeugkasten",
            body_en="Tools.",
            body_de="Werkzeuge.",
            status="published",
        ),
        "draft": Page.objects.create(
            slug="unfinished-page",
            title_en="Unfinished",
            title_de="Unfertig",
            body_en="-",
            body_de="-",
        ),
    }
    processes = {
        "published": ProcessFactory(name="Highlands talks", slug="highlands-talks"),
        "draft": ProcessFactory(name="Secret talks", slug="draft-process", status="draft"),
    }
    return {
        "articles": articles,
        "events": events,
        "profiles": profiles,
        "pages": pages,
        "processes": processes,
    }


@pytest.fixture
def legal_pages(db):
    """The pages with an address of their own, published, whether or not a migration seeded them."""
    for slug in ("about", "impressum", "privacy"):
        Page.objects.update_or_create(
            slug=slug,
            defaults={"status": "published"},
            create_defaults={
                "title_en": slug.capitalize(),
                "title_de": slug.capitalize(),
                "body_en": "Text.",
                "body_de": "Text.",
                "status": "published",
            },
        )


# Feeds.


def test_atom_feed_lists_published_english_articles_newest_first(client, articles):
    response = client.get("/en/advocacy/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = _xml(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Women at the table",
        "An older statement",
    ]
    first = entries[0]
    assert (
        first.find(f"{ATOM}link").get("href") == "http://testserver/en/advocacy/women-at-the-table/"
    )
    assert first.findtext(f"{ATOM}summary") == "Summary of women-at-the-table."
    assert first.findtext(f"{ATOM}published") == "2025-03-01T00:00:00+01:00"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Amina Author, Berta Author"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Ceasefires"]
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver/en/advocacy/"
    )
    text = response.content.decode()
    for slug in ("draft-article-en", "entwurf-artikel-de", "frauen-am-tisch"):
        assert slug not in text


def test_german_feeds_list_only_german_articles(client, articles):
    for path in ("/de/advocacy/feed/atom/", "/de/advocacy/feed/rss/"):
        response = client.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert "frauen-am-tisch" in text
        for slug in ("women-at-the-table", "an-older-statement", "entwurf-artikel-de"):
            assert slug not in text
    feed = _xml(client.get("/de/advocacy/feed/atom/").content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    entry = feed.find(f"{ATOM}entry")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Waffenruhen"]
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/de/advocacy/")


def test_rss_feed_is_valid_and_has_no_drafts(client, articles):
    response = client.get("/en/advocacy/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = _xml(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("title")
    assert channel.findtext("description")
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        "http://testserver/en/advocacy/women-at-the-table/",
        "http://testserver/en/advocacy/an-older-statement/",
    ]
    assert items[0].findtext("pubDate") == "Sat, 01 Mar 2025 00:00:00 +0100"
    assert items[0].findtext(f"{DC}creator") == "Amina Author, Berta Author"
    assert items[0].findtext("category") == "Ceasefires"
    assert "draft-article-en" not in response.content.decode()


def test_feed_summaries_are_text_not_markup(client):
    article("ampersands", summary="Peace & <b>justice</b>")
    for path in ("/en/advocacy/feed/atom/", "/en/advocacy/feed/rss/"):
        text = client.get(path).content.decode()
        assert "Peace &amp;amp; &amp;lt;b&amp;gt;justice" in text, path


def test_feed_holds_the_twenty_newest(client):
    for day in range(1, 26):
        article(f"news-{day:02}", published_on=datetime.date(2025, 1, day))
    entries = _xml(client.get("/en/advocacy/feed/atom/").content).findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert len(links) == 20
    assert links[0].endswith("/news-25/") and links[-1].endswith("/news-06/")


def test_a_draft_never_reaches_the_feed_even_for_staff(staff_client, articles):
    text = staff_client.get("/en/advocacy/feed/atom/").content.decode()
    assert "draft-article-en" not in text


# Calendar files.


def test_upcoming_calendar_lists_published_upcoming_events(client, events):
    response = client.get("/en/events/upcoming.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".ics" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    vevents = calendar.walk("VEVENT")
    assert [str(v["SUMMARY"]) for v in vevents] == ["Highlands dialogue", "Online training"]
    first, online = vevents
    upcoming = events["upcoming"]
    assert str(first["UID"]) == f"event-{upcoming.pk}@wpm"
    assert first["DTSTAMP"].dt.tzinfo is not None
    assert first.decoded("DTSTART") == upcoming.starts_at
    assert first.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert first.decoded("DTEND") == upcoming.ends_at
    assert "DTSTART:" in response.content.decode() and "Z\r\n" in response.content.decode()
    assert str(first["LOCATION"]) == "Nairobi"
    assert str(online["LOCATION"]) == "Online"
    assert str(first["URL"]) == "http://testserver/en/events/highlands-dialogue/"
    description = str(first["DESCRIPTION"])
    assert description == "A dialogue on ceasefires."
    assert "https://example.org/register" in str(online["DESCRIPTION"])
    text = response.content.decode()
    assert "secret-draft-event" not in text and "Secret draft event" not in text
    assert "Past conference" not in text


def test_german_calendar_links_the_german_pages(client, events):
    calendar = icalendar.Calendar.from_ical(client.get("/de/events/upcoming.ics").content)
    urls = [str(v["URL"]) for v in calendar.walk("VEVENT")]
    assert urls[0] == "http://testserver/de/events/highlands-dialogue/"


def test_one_event_calendar(client, events):
    response = client.get("/en/events/highlands-dialogue/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="highlands-dialogue.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Highlands dialogue"
    assert str(vevent["UID"]) == f"event-{events['upcoming'].pk}@wpm"


def test_a_past_event_still_has_its_calendar_file(client, events):
    response = client.get("/en/events/past-conference/event.ics")
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Oslo"


def test_a_draft_events_calendar_file_is_for_staff_only(
    client, member_client, staff_client, events
):
    url = "/en/events/secret-draft-event/event.ics"
    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Secret draft event"


def test_staff_calendar_of_upcoming_events_still_has_no_drafts(staff_client, events):
    text = staff_client.get("/en/events/upcoming.ics").content.decode()
    assert "Secret draft event" not in text


# The sitemap and robots.txt.


def _sitemap_pages(client):
    """The addresses the sitemap index lists: one sitemap a section, in pages."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in _xml(response.content).iter(f"{SITEMAP}loc")]


def _sitemap(client):
    """Every page the index lists, read as a crawler would: its text, and its entries with
    their alternates. An address listed twice is a mistake."""
    texts, entries = [], {}
    for address in _sitemap_pages(client):
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200, address
        texts.append(response.content.decode())
        for url in _xml(response.content).findall(f"{SITEMAP}url"):
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.findall(f"{XHTML}link[@rel='alternate']")
            }
            loc = url.findtext(f"{SITEMAP}loc")
            assert loc not in entries, loc
            entries[loc] = links
    return "\n".join(texts), entries


def test_sitemap_lists_public_content_in_both_languages(client, content):
    _, entries = _sitemap(client)
    base = "http://testserver"
    for path in (
        "/",
        "/voices/",
        "/advocacy/",
        "/events/",
        "/mediators/",
        "/processes/",
        "/processes/insights/",
        "/pages/toolkit/",
        "/events/highlands-dialogue/",
        "/processes/highlands-talks/",
        f"/mediators/{content['profiles']['public'].slug}/",
    ):
        en, de = f"{base}/en{path}", f"{base}/de{path}"
        assert en in entries and de in entries, path
        assert entries[en] == {"en": en, "de": de, "x-default": f"{base}{path}"}
        assert entries[de] == entries[en]


def test_sitemap_lists_each_article_in_its_own_language_only(client, content):
    _, entries = _sitemap(client)
    base = "http://testserver"
    assert entries[f"{base}/en/advocacy/women-at-the-table/"] == {}
    assert entries[f"{base}/de/advocacy/frauen-am-tisch/"] == {}
    assert f"{base}/de/advocacy/women-at-the-table/" not in entries
    assert f"{base}/en/advocacy/frauen-am-tisch/" not in entries


def test_sitemap_leaves_out_drafts_and_profiles_the_public_may_not_see_by_name(client, content):
    text, _ = _sitemap(client)
    profiles = content["profiles"]
    absent = [
        "draft-article-en",
        "entwurf-artikel-de",
        "secret-draft-event",
        "unfinished-page",
        "draft-process",
        *(profiles[key].slug for key in ("members", "hidden", "protected", "submitted")),
        "petra-protected",
        profiles["protected"].pseudonym,
    ]
    for needle in absent:
        assert needle not in text, needle
    assert profiles["protected"].slug == profiles["protected"].public_name.lower().replace(" ", "-")
    assert profiles["public"].slug in text


def test_sitemap_lists_the_named_pages_at_their_own_address(client, legal_pages):
    _, entries = _sitemap(client)
    assert "http://testserver/en/impressum/" in entries
    assert "http://testserver/de/privacy/" in entries
    assert not any("/pages/impressum/" in loc for loc in entries)


def test_sitemap_and_the_publics_view_agree(client, content):
    """Every address the sitemap lists answers the public with a page."""
    _, entries = _sitemap(client)
    for loc in entries:
        response = client.get(loc.removeprefix("http://testserver"))
        assert response.status_code == 200, loc


@pytest.mark.parametrize(("limit", "pages"), [(4, 3), (3, 4)])
def test_a_large_roster_is_listed_in_pages_of_bounded_size(client, monkeypatch, limit, pages):
    """However many profiles there are, no sitemap page lists more than the limit; the index
    points at every page, and every profile is found once in each language, also where a page
    ends between her two languages."""
    monkeypatch.setattr(BilingualSitemap, "limit", limit)
    profiles = MediatorFactory.create_batch(5)
    listed = [a for a in _sitemap_pages(client) if "/sitemap-profiles.xml" in a]
    section = "http://testserver/sitemap-profiles.xml"
    assert listed == [section] + [f"{section}?p={number}" for number in range(2, pages + 1)]
    for address in listed:
        root = _xml(client.get(address.removeprefix("http://testserver")).content)
        assert 0 < len(root.findall(f"{SITEMAP}url")) <= limit
    _, entries = _sitemap(client)  # each address once
    for mediator in profiles:
        for language in ("en", "de"):
            assert f"http://testserver/{language}/mediators/{mediator.slug}/" in entries
    assert client.get(f"/sitemap-profiles.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-profiles.xml?p=last").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_the_sitemap_runs_in_a_fixed_number_of_queries(
    client, count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(count):
        MediatorFactory()
        ProcessFactory()
    with django_assert_max_num_queries(8):  # sections' sizes and dates
        assert client.get("/sitemap.xml").status_code == 200
    for section in ("profiles", "processes"):
        with django_assert_max_num_queries(2):  # its size, and its page
            assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()


# The <head>: canonical address, Open Graph, feed discovery.

CONTENT_PAGES = [
    "/{lang}/",
    "/{lang}/voices/",
    "/{lang}/advocacy/",
    "/{lang}/events/",
    "/en/advocacy/women-at-the-table/",  # an article lives in its own language only
    "/{lang}/events/highlands-dialogue/",
    "/{lang}/pages/toolkit/",
    "/{lang}/processes/highlands-talks/",
]


def _head_of(html):
    return html.split("</head>", 1)[0]


def _meta(head, prop):
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', head)


def _check_head(html, path, language):
    head = _head_of(html)
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', head)
    assert canonical == [f"http://testserver{path.split('?')[0]}"], path
    assert len(re.findall(r'rel="canonical"', html)) == 1
    titles = _meta(head, "og:title")
    assert len(titles) == 1, path
    assert titles[0].strip(), path
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert title.startswith(titles[0] + " · "), path
    assert _meta(head, "og:url") == canonical
    assert _meta(head, "og:type") == ["website"]
    assert len(_meta(head, "og:site_name")) == 1
    description = re.findall(r'<meta name="description" content="([^"]*)">', head)
    assert len(description) == 1 and description[0].strip(), path
    assert _meta(head, "og:description") == description
    assert _meta(head, "og:image") == ["http://testserver/static/img/og-image.png"]
    assert _meta(head, "og:locale") == ["de_DE" if language == "de" else "en_GB"]
    feed = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"', head
    )
    assert feed == [f"/{language}/advocacy/feed/atom/"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", CONTENT_PAGES)
def test_content_pages_have_one_canonical_link_and_open_graph(client, content, template, language):
    path = template.format(lang=language)
    response = client.get(path)
    assert response.status_code == 200
    _check_head(response.content.decode(), path, path.split("/")[1])


@pytest.mark.parametrize(("page", "language"), page_params(), ids=page_ids())
def test_every_page_has_one_canonical_link_and_open_graph(page, language, request, legal_pages):
    path = page.url(language, request)
    response = client_for(page.user(request)).get(path)
    assert response.status_code == 200
    _check_head(response.content.decode(), path, language)


def test_open_graph_title_and_description_follow_the_page(client, content):
    head = _head_of(client.get("/en/advocacy/women-at-the-table/").content.decode())
    assert _meta(head, "og:title") == ["Women at the table"]
    assert _meta(head, "og:description") == ["Summary of women-at-the-table."]
    head = _head_of(client.get("/de/pages/toolkit/").content.decode())
    assert _meta(head, "og:title") == ["Werkzeugkasten"]


def test_a_protected_profile_keeps_her_name_out_of_the_head(client, profiles):
    protected = profiles["protected"]
    head = _head_of(client.get(protected.get_absolute_url()).content.decode())
    assert _meta(head, "og:title") == [protected.pseudonym]
    assert "Petra" not in head


def test_pages_may_override_the_image_and_the_canonical_address(rf):
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}T{% endblock %}'
        "{% block og_image %}https://example.org/a.png{% endblock %}"
        "{% block canonical %}https://example.org/a/{% endblock %}"
    )
    head = _head_of(template.render({}, rf.get("/en/")))
    assert _meta(head, "og:image") == ["https://example.org/a.png"]
    assert _meta(head, "og:url") == ["https://example.org/a/"]
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', head) == ["https://example.org/a/"]
    assert _meta(head, "og:title") == ["T"]


def test_the_canonical_link_drops_the_query(client):
    head = _head_of(client.get("/en/processes/?track=1").content.decode())
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', head) == [
        "http://testserver/en/processes/"
    ]


def test_the_open_graph_image_is_small_and_the_right_size():
    path = Path(settings.BASE_DIR) / "static" / "img" / "og-image.png"
    assert path.stat().st_size < 60_000
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


def test_the_open_graph_image_is_served(client):
    response = client.get("/static/img/og-image.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_no_published_process_or_profile_is_missing_from_the_sitemap(client, content):
    """The sitemap lists every published process and every profile the public sees by name."""
    _, entries = _sitemap(client)
    for process in Process.objects.public():
        assert f"http://testserver/en{process.get_absolute_url()[3:]}" in entries
    for mediator in Mediator.objects.filter(visibility="public", status="approved"):
        assert f"http://testserver/de/mediators/{mediator.slug}/" in entries


@pytest.mark.html
def test_the_head_is_valid_html(request, content, legal_pages, vnu, tmp_path):
    """The <head> of each page passes the Nu Html Checker (the bodies are test_html's concern)."""
    visits = [
        (None, path)
        for path in {template.format(lang=lang) for template in CONTENT_PAGES for lang in LANGUAGES}
    ]
    visits += [(page.user(request), page.url(lang, request)) for page, lang in page_params()]
    documents = {}
    for user, path in visits:
        response = client_for(user).get(path)
        assert response.status_code == 200, path
        head = _head_of(response.content.decode())
        documents[f"{path} {user}"] = f"{head}</head>\n<body><h1>Body</h1></body>\n</html>\n"
    errors = {path: found for path, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}
