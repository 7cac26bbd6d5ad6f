"""How the site is followed: the Atom and RSS feeds of articles."""

import datetime

import pytest

from tests.site.conftest import _xml, article

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


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
