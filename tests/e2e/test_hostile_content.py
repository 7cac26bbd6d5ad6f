"""Hostile input in articles, events, voices and pages never runs, in either language (see
hostile.py)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.e2e.hostile import (
    jpeg,
    markdown_values,
    packed,
    public_mediator,
    search_hostile,
    spread,
    url_values,
)
from tests.factories import ArticleFactory, EventFactory, VoiceFactory
from wpm.models import ARTICLE_TAGS, Article, ArticleAuthor, Event, Page, Voice

pytestmark = pytest.mark.django_db(transaction=True)


def test_articles_advocacy_and_home(visitor):
    titles = packed(200)  # title max_length=200
    summaries = packed(400)  # summary max_length=400
    bodies = markdown_values(frozenset(ARTICLE_TAGS))  # no max_length
    alts = packed(200)  # image_alt max_length=200, shown in an attribute
    authors = packed(120)  # ArticleAuthor name max_length=120
    author_profile = public_mediator(0, display_name="Authoring Mediator")
    count = max(len(titles), len(summaries), len(bodies), len(alts), len(authors))
    articles = []
    for number in range(count):
        body = spread(bodies, number, None)
        alt = spread(alts, number)
        article = ArticleFactory(
            title=spread(titles, number, f"Plain article {number}"),
            slug=f"hostile-{number}",
            summary=spread(summaries, number, "A summary."),
            body=body.text if body else "Plain text.",
            image=SimpleUploadedFile("a.jpg", jpeg()) if alt else "",
            image_alt=alt,
            published_on=timezone.localdate() - datetime.timedelta(days=number),
        )
        article.markers = body.markers if body else ()
        name = spread(authors, number, None)
        if name:
            # Linked to a public profile on even rows: the name then sits inside a link.
            ArticleAuthor.objects.create(
                article=article, name=name, mediator=author_profile if number % 2 else None
            )
        articles.append(article)
    for article in Article.objects.prefetch_related("authors"):
        stored = [
            article.title,
            article.summary,
            article.body,
            article.image_alt,
            *(author.name for author in article.authors.all()),
        ]
        markers = next(a.markers for a in articles if a.pk == article.pk)
        visitor.visit(article.get_absolute_url(), markers=markers, stored=stored)
    visitor.visit_list(
        [f"/en/advocacy/?page={page}" for page in range(1, len(articles) // 12 + 2)],
        stored=[a.title for a in articles],
    )
    # The home page shows the three latest.
    visitor.visit("/en/", stored=[a.title for a in articles[:3]])
    search_hostile(visitor)
    visitor.assert_safe()


def test_events_list_and_home(visitor):
    titles = packed(200)  # title max_length=200
    places = packed(200)  # place max_length=200
    descriptions = markdown_values(frozenset(ARTICLE_TAGS))  # no max_length
    links = url_values(Event, "registration_url")  # URL validators (max_length=200)
    count = max(len(titles), len(places), len(descriptions), len(links))
    now = timezone.now()
    events = []
    for number in range(count):
        description = spread(descriptions, number, None)
        # Every third event is past: the list shows past events under their own heading.
        starts = now + datetime.timedelta(days=-10 if number % 3 == 2 else number + 1)
        event = EventFactory(
            title=spread(titles, number, f"Plain event {number}"),
            slug=f"hostile-{number}",
            place=spread(places, number),
            description=description.text if description else "A day on process design.",
            registration_url=spread(links, number),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
        )
        event.markers = description.markers if description else ()
        events.append(event)
    for event in events:
        visitor.visit(
            event.get_absolute_url(),
            markers=event.markers,
            stored=[event.title, event.place, event.description],
        )
    visitor.visit("/en/events/", stored=[e.title for e in events])
    visitor.visit("/en/", stored=[e.title for e in Event.objects.upcoming()[:3]])
    visitor.visit("/de/events/", stored=[e.title for e in events])
    visitor.visit("/de/", stored=[e.title for e in Event.objects.upcoming()[:3]])
    search_hostile(visitor)
    visitor.assert_safe()


def test_voices_page_and_home(visitor):
    quotes = packed(1200, sep="\n")  # quote max_length=1200, shown with line breaks
    names = packed(120)  # name max_length=120
    roles = packed(200)  # role max_length=200
    organisations = packed(200)  # organisation max_length=200
    count = max(len(quotes), len(names), len(roles), len(organisations))
    voices = [
        VoiceFactory(
            quote=spread(quotes, number, "Women mediators change the table."),
            name=spread(names, number, f"Plain voice {number}"),
            role=spread(roles, number, "Adviser"),
            organisation=spread(organisations, number),
            is_featured=number < 3,
            position=number,
        )
        for number in range(count)
    ]
    stored = [f"{v.quote} {v.name} {v.role} {v.organisation}" for v in voices]
    visitor.visit("/en/voices/", stored=stored)
    visitor.visit("/de/voices/", stored=stored)
    visitor.visit("/en/", stored=stored[:3])
    for voice, text in zip(voices, stored, strict=True):
        visitor.visit(voice.get_absolute_url(), stored=[text])
    assert Voice.objects.published().count() == count
    visitor.assert_safe()


def test_pages_in_both_languages(visitor):
    titles = packed(200)  # title_en and title_de max_length=200
    bodies = markdown_values(frozenset(ARTICLE_TAGS))  # body_en and body_de: no max_length
    count = max(len(titles), len(bodies))
    for number in range(count):
        body = spread(bodies, number, None)
        # The German fields hold the same payloads in another order.
        other = count - 1 - number
        german = spread(bodies, other, None)
        page = Page.objects.create(
            slug=f"hostile-{number}",
            title_en=spread(titles, number, f"Plain page {number}"),
            title_de=spread(titles, other, f"Einfache Seite {number}"),
            body_en=body.text if body else "Plain text.",
            body_de=german.text if german else "Einfacher Text.",
            status="published",
        )
        visitor.visit(
            f"/en/pages/{page.slug}/",
            markers=body.markers if body else (),
            stored=[page.title_en, page.body_en],
        )
        visitor.visit(
            f"/de/pages/{page.slug}/",
            markers=german.markers if german else (),
            stored=[page.title_de, page.body_de],
        )
    search_hostile(visitor)
    visitor.assert_safe()
