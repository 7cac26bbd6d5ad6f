"""The pages a new site starts with, and the fictional demo content seed_demo adds."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone, translation

from demo.articles import ARTICLES, TOPICS
from demo.content import VOICES
from demo.events import EVENTS
from mediators.models import Mediator
from wpm.models import Article, ArticleAuthor, Event, Page, Topic, Voice
from wpm.seed.pages import PAGES, SLUGS, ensure_pages

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "de")


def blocks(markdown):
    """Paragraphs and list items, whitespace normalised; headings left out."""
    found = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        if block.startswith("#"):
            continue
        # A list block holds one item per line that starts a list item.
        for part in re.split(r"\n(?=- |\d+\. )", block):
            found.append(" ".join(part.split()))
    return found


def words(markdown):
    plain = re.sub(r"\]\([^)]*\)", "]", markdown)  # link targets are not words
    return [word for word in plain.split() if re.search(r"\w", word)]


def site_links(markdown):
    return re.findall(r"\]\((/[^)]*)\)", markdown)


# The starting pages.


def test_the_migration_seeded_all_pages_published_in_both_languages():
    pages = {page.slug: page for page in Page.objects.filter(slug__in=SLUGS)}
    assert set(pages) == {
        "about",
        "peace-mediation",
        "track-1-mediation",
        "join",
        "impressum",
        "privacy",
    }
    for page in pages.values():
        assert page.status == "published"
        for language in LANGUAGES:
            assert getattr(page, f"title_{language}").strip()
            body = getattr(page, f"body_{language}")
            assert "## " in body, f"{page.slug} ({language}) has no headings"
            # A privacy policy names every kind of data the site keeps, and for how long.
            longest = 900 if page.slug == "privacy" else 600
            assert 250 <= len(words(body)) <= longest, f"{page.slug} ({language})"
        assert page.body_en != page.body_de


def test_no_paragraph_repeats_within_or_across_pages():
    seen = {}
    for page in Page.objects.filter(slug__in=SLUGS):
        for language in LANGUAGES:
            for block in blocks(getattr(page, f"body_{language}")):
                where = f"{page.slug} ({language})"
                assert block not in seen, f"repeated in {where} and {seen[block]}: {block}"
                seen[block] = where
    assert len(seen) > 100


def test_pages_link_to_site_paths_that_exist_in_their_own_language():
    for slug, *_rest, body_en, body_de in PAGES:
        for language, body in (("en", body_en), ("de", body_de)):
            for path in site_links(body):
                assert path.startswith(f"/{language}/"), f"{slug} ({language}) links to {path}"
                with translation.override(language):
                    resolve(path)  # raises Resolver404 for a path the site does not serve


def test_join_ends_with_the_signup_link():
    join = Page.objects.get(slug="join")
    assert site_links(join.body_en)[-1] == "/en/accounts/signup/"
    assert site_links(join.body_de)[-1] == "/de/accounts/signup/"


def test_legal_pages_name_the_example_operator_and_the_law():
    impressum = Page.objects.get(slug="impressum")
    privacy = Page.objects.get(slug="privacy")
    for body in (impressum.body_en, impressum.body_de):
        for text in [
            "Women in Peace Mediation Network (example)",
            "Musterstraße 1, 10117 Berlin",
            "contact@wpm.example.org",
            "§ 5",
            "DDG",
            "§ 18",
            "MStV",
        ]:
            assert text in body
    for body in (privacy.body_en, privacy.body_de):
        assert "contact@wpm.example.org" in body
        assert "Art. 77" in body  # the complaint to a supervisory authority
        assert "180" in body  # contact messages are purged after the retention period


@pytest.mark.parametrize(
    "path",
    [
        "/en/about/",
        "/de/about/",
        "/en/pages/join/",
        "/de/pages/peace-mediation/",
        "/en/pages/track-1-mediation/",
        "/de/impressum/",
        "/en/privacy/",
    ],
)
def test_seeded_pages_are_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "<h2>" in response.content.decode()


def test_ensure_pages_keeps_staff_edits():
    about = Page.objects.get(slug="about")
    about.title_en = "About us, as staff wrote it"
    about.body_en = "Staff text."
    about.status = "draft"
    about.save()
    Page.objects.filter(slug="privacy").delete()

    assert ensure_pages(Page) == ["privacy"]

    about.refresh_from_db()
    assert about.title_en == "About us, as staff wrote it"
    assert about.body_en == "Staff text."
    assert about.status == "draft"
    privacy = Page.objects.get(slug="privacy")
    assert privacy.status == "published"
    assert privacy.body_de.strip()
    assert ensure_pages(Page) == []


# The demo content.


def seed(*counts):
    out = StringIO()
    call_command("seed_demo", "--mediators", counts[0], "--processes", counts[1], stdout=out)
    return out.getvalue()


def tally():
    return {
        model.__name__: model.objects.count()
        for model in (Voice, Topic, Article, ArticleAuthor, Event)
    }


def test_seed_demo_creates_the_demo_content_once():
    seed("20", "8")
    first = tally()
    assert first["Voice"] == len(VOICES)
    assert first["Topic"] == len(TOPICS)
    assert first["Article"] == len(ARTICLES)
    assert first["Event"] == len(EVENTS)

    output = seed("20", "8")
    assert tally() == first
    assert "0 voices, 0 topics, 0 articles, 0 events created" in output

    # Events: past and upcoming, all four kinds, aware, online and on site, in several zones.
    events = Event.objects.filter(slug__startswith="demo-")
    assert Event.objects.published().upcoming().filter(slug__startswith="demo-").exists()
    assert Event.objects.published().past().filter(slug__startswith="demo-").exists()
    assert {event.kind for event in events} == set(Event.Kind.values)
    assert all(timezone.is_aware(event.starts_at) for event in events)
    assert any(event.online for event in events)
    assert any(event.place for event in events)
    assert {"Europe/Berlin"} < {event.time_zone for event in events}
    assert all(
        event.registration_url.startswith("https://example.org/")
        for event in events
        if event.registration_url
    )

    # Articles: every kind, both languages, a translation pair, a draft, demo notes.
    articles = Article.objects.filter(slug__startswith="demo-")
    assert {article.kind for article in articles} == set(Article.Kind.values)
    assert {article.language for article in articles} == {"en", "de"}
    pairs = articles.filter(translation__isnull=False)
    assert pairs.count() >= 2
    for article in pairs:
        assert {article.language, article.translation.language} == {"en", "de"}
        assert article.translation.translated == article
    assert articles.filter(status="draft").count() == 1
    assert Article.objects.published().filter(slug__startswith="demo-").exists()
    for article in articles:
        assert article.body.lstrip().startswith("*Demo")
        assert "## " in article.body
        assert "\n- " in article.body or "\n1. " in article.body
        assert "](" in article.body
        with translation.override(article.language):
            for path in site_links(article.body):
                assert path.startswith(f"/{article.language}/")
                resolve(path)
        assert article.topics.exists()
        assert article.authors.exists()

    # Some authors are listed, public demo mediators; the others are names alone.
    linked = ArticleAuthor.objects.filter(article__in=articles, mediator__isnull=False)
    assert linked.exists()
    for author in linked:
        assert author.mediator.user.email.endswith("@example.org")
        assert author.mediator.status == Mediator.Status.APPROVED
        assert author.mediator.visibility == Mediator.Visibility.PUBLIC
        assert author.name == author.mediator.display_name

    # Voices: invented, consent recorded as demo data, three featured, no photos.
    voices = Voice.objects.filter(name__in=[row[0] for row in VOICES])
    assert voices.filter(is_featured=True).count() == 3
    assert {voice.quote_language for voice in voices} >= {"en", "de", "fr", "es"}
    assert len({voice.country.code for voice in voices}) == len(VOICES)
    for voice in voices:
        assert voice.consent_method == "demo data"
        assert "(fictional)" in voice.role
        assert not voice.photo
        assert voice.status == "published"


def test_without_demo_mediators_the_articles_name_their_authors_alone():
    seed("0", "0")
    authors = ArticleAuthor.objects.filter(article__slug__startswith="demo-")
    assert authors.exists()
    assert not authors.filter(mediator__isnull=False).exists()
    for article in Article.objects.filter(slug__startswith="demo-"):
        assert article.authors.exists(), article.slug
