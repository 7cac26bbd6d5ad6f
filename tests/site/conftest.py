"""What the site-wide checks share: the Nu Html Checker, and content, profiles and pages to
find in feeds, calendars, the sitemap and the <head>."""

import datetime
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import VNU_JAR
from tests.factories import MediatorFactory, ProcessFactory
from wpm.models import Article, ArticleAuthor, Event, Page, Topic


@pytest.fixture(scope="session")
def vnu():
    """Runs the Nu Html Checker over many documents in one Java start."""

    def check(documents, tmp_dir):
        paths = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(tmp_dir) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        result = subprocess.run(  # noqa: S603
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        errors = {name: [] for name in documents}
        for message in json.loads(result.stderr)["messages"]:
            url = message.get("url", "")
            name = paths.get(url.removeprefix("file:"), url)
            extract = message.get("extract", "")
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']} {extract!r}"
            )
        return errors

    return check


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
