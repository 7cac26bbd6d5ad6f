"""The cards of articles, events and voices (wpm.templatetags.content), as the home page, site
search and the lists show them."""

import datetime
import re

import pytest

from tests.conftest import PAGE_VERSION
from tests.factories import ArticleFactory, EventFactory, VoiceFactory

pytestmark = pytest.mark.django_db


def cards(html, kind="card"):
    """The cards of articles and events (kind "card"), or of voices ("voice")."""
    start = (
        '<li class="card"><p class="process-card__meta">'
        if kind == "card"
        else '<li class="voice">'
    )
    return re.findall(rf"{re.escape(start)}.*?</li>", html, re.S)


def test_an_article_card_shows_kind_day_title_and_summary(client):
    article = ArticleFactory(
        title="Women <b>at</b> the table",
        summary="Why & how",
        published_on=datetime.date(2026, 3, 8),
    )
    [card] = cards(client.get("/en/advocacy/").content.decode())
    assert '<span class="badge">Position paper</span>' in card
    assert '<time datetime="2026-03-08">March 8, 2026</time>' in card
    assert (
        f'<a href="{article.get_absolute_url()}">Women &lt;b&gt;at&lt;/b&gt; the table</a>' in card
    )
    assert "<p>Why &amp; how</p>" in card
    ArticleFactory(language="de", published_on=datetime.date(2026, 3, 8))
    [german] = cards(client.get("/de/advocacy/").content.decode())
    assert '<time datetime="2026-03-08">8. März 2026</time>' in german
    assert '<span class="badge">Positionspapier</span>' in german


def test_an_article_in_another_language_is_marked_and_staff_see_a_draft_as_one(
    client, staff_client
):
    ArticleFactory(title="Frauen am Tisch", language="de", status="draft")
    assert cards(client.get("/en/search/", {"q": "Frauen"}).content.decode()) == []
    [card] = cards(staff_client.get("/de/search/", {"q": "Frauen"}).content.decode())
    assert 'lang="de"' not in card and '<span class="badge">Entwurf</span>' in card


def test_an_event_card_gives_its_start_in_its_own_time_zone_named_for_the_reader(client):
    starts = datetime.datetime(2027, 2, 3, 6, 30, tzinfo=datetime.UTC)
    EventFactory(
        title="Dialogue <skills>",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        time_zone="Africa/Nairobi",
        online=True,
        place="Nairobi & online",
    )
    [card] = cards(client.get("/en/events/").content.decode())
    assert '<time datetime="2027-02-03T09:30:00+0300">Feb. 3, 2027, 9:30 a.m.</time>' in card
    assert "(Kenya Time)" in card
    assert "Dialogue &lt;skills&gt;" in card and "<p>Online · Nairobi &amp; online</p>" in card
    [german] = cards(client.get("/de/events/").content.decode())
    assert "(Kenia (Ortszeit))" in german and "<p>Online · Nairobi" in german


def test_a_voice_keeps_its_line_breaks_and_escapes_its_words(client):
    voice = VoiceFactory(quote="First line\n<script>x</script>", organisation="Network & co")
    [card] = cards(client.get("/en/voices/").content.decode(), kind="voice")
    assert "<p>First line<br>&lt;script&gt;x&lt;/script&gt;</p>" in card
    assert f"<strong>{voice.name}</strong>, {voice.role}, Network &amp; co (Kenya)" in card
    assert f'href="{voice.get_absolute_url()}"' in card
    [alone] = cards(client.get(voice.get_absolute_url()).content.decode(), kind="voice")
    assert "voice__link" not in alone, "its own page does not link to itself"


# The page version, the featured voices, the latest articles and the upcoming events; the
# figures are kept (wpm.derived) and cost a query only when counted afresh.
HOME_QUERIES = 3


@pytest.mark.parametrize("size", [1, 10])
def test_the_home_page_runs_in_a_fixed_number_of_queries(client, size, django_assert_num_queries):
    for _ in range(size):
        ArticleFactory()
        EventFactory()
        VoiceFactory(is_featured=True)
    client.get("/de/")  # the figures, counted once for this version (the page is cached apart)
    with django_assert_num_queries(HOME_QUERIES + PAGE_VERSION):
        html = client.get("/en/").content.decode()
    assert len(cards(html)) == 2 * min(size, 3) and len(cards(html, "voice")) == min(size, 3)
