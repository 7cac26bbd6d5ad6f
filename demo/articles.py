"""Fictional articles for development and demonstrations, and the topics they are filed under.

Every article opens with a note that it is demo content and its address starts with "demo-";
its authors are listed demo mediators with public profiles, or names alone. Topics are found
again by address or by name, so a topic staff made under another address is used, not doubled.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from mediators.models import Mediator
from processes.models import Process
from wpm.models import Article, ArticleAuthor, ContentStatus, Topic
from wpm.seed import missing

from .ensure import create_checked
from .mediators import listed

# Authors who are not demo mediators; a byline falls back to them when there are none.
EDITORS = {"en": "Demo editorial team", "de": "Demo-Redaktion"}

# Topics: slug, English name, German name.

TOPICS = [
    ("women-in-peace-processes", "Women in peace processes", "Frauen in Friedensprozessen"),
    ("method-based-mediation", "Method-based mediation", "Methodenbasierte Mediation"),
    ("multilateralism", "Multilateralism", "Multilateralismus"),
    ("track-1", "Track 1 mediation", "Mediation auf Track 1"),
    ("inclusion", "Inclusive peace processes", "Inklusive Friedensprozesse"),
]


# Articles.

DEMO_NOTE_EN = (
    "*Demo content: this article is fictional, written so that the site has something to show. "
    "The people and processes it mentions are invented.*"
)
DEMO_NOTE_DE = (
    "*Demo-Inhalt: Dieser Beitrag ist erfunden und soll zeigen, wie die Website aussieht. "
    "Die genannten Personen und Prozesse gibt es nicht.*"
)


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    kind: str
    language: str
    title: str
    summary: str
    body: str
    days_ago: int
    topics: list
    authors: list  # an int is the nth public demo mediator, a string a name alone
    translation: str = ""  # the slug of the same article in the other language
    process: str = ""  # the slug of a related demo process, linked if it exists
    status: str = ContentStatus.PUBLISHED


ARTICLES = [
    DemoArticle(
        slug="demo-position-women-at-every-table",
        kind=Article.Kind.POSITION_PAPER,
        language="en",
        title="Women at every table: five demands for peace mediation (demo)",
        summary="Demo content. What governments and organisations that mandate mediators can do "
        "to bring more women into peace processes.",
        body=f"""{DEMO_NOTE_EN}

## Our demands

Those who mandate, fund and host peace talks decide who sits at the table. We ask them to:

- name at least one woman on every mediation team they mandate;
- search openly for mediators and advisers, and use the [roster](/en/mediators/);
- fund mediation support that reaches women on all tracks;
- publish who took part in each round of talks;
- review every process afterwards, including who was left out.

## Why now

Agreements reached without women leave out half of the people who must live with them. A
method-based approach, as described on our page on [peace mediation](/en/pages/peace-mediation/),
makes it easier to change that.
""",
        days_ago=40,
        topics=["women-in-peace-processes", "track-1", "method-based-mediation"],
        authors=[0, 1],
        translation="demo-positionspapier-frauen-an-jedem-tisch",
    ),
    DemoArticle(
        slug="demo-positionspapier-frauen-an-jedem-tisch",
        kind=Article.Kind.POSITION_PAPER,
        language="de",
        title="Frauen an jedem Tisch: fünf Forderungen an die Friedensmediation (Demo)",
        summary="Demo-Inhalt. Was Regierungen und Organisationen, die Mediationsmandate vergeben, "
        "tun können, damit mehr Frauen an Friedensprozessen teilnehmen.",
        body=f"""{DEMO_NOTE_DE}

## Unsere Forderungen

Wer Friedensgespräche mandatiert, finanziert und ausrichtet, entscheidet, wer am Tisch sitzt.
Wir bitten diese Akteure:

- in jedes mandatierte Mediationsteam mindestens eine Frau zu berufen;
- offen nach Mediatorinnen und Beraterinnen zu suchen und das [Verzeichnis](/de/mediators/) zu
  nutzen;
- Mediationsunterstützung zu finanzieren, die Frauen auf allen Ebenen erreicht;
- zu veröffentlichen, wer an jeder Gesprächsrunde teilgenommen hat;
- jeden Prozess im Nachhinein auszuwerten, auch mit Blick darauf, wer nicht beteiligt war.

## Warum jetzt

Abkommen, die ohne Frauen zustande kommen, lassen die Hälfte der Menschen außen vor, die mit
ihnen leben müssen. Ein methodenbasierter Ansatz, wie ihn unsere Seite zur
[Friedensmediation](/de/pages/peace-mediation/) beschreibt, erleichtert es, das zu ändern.
""",
        days_ago=40,
        topics=["women-in-peace-processes", "track-1", "method-based-mediation"],
        authors=[0, 1],
    ),
    DemoArticle(
        slug="demo-statement-northern-highlands-talks",
        kind=Article.Kind.STATEMENT,
        language="en",
        title="Statement on the resumed Northern Highlands talks (demo)",
        summary="Demo content. The network welcomes the resumption of the fictional Northern "
        "Highlands talks and asks for women on both delegations.",
        body=f"""{DEMO_NOTE_EN}

## We welcome the resumption of talks

The network welcomes the news that the delegations in the fictional Northern Highlands
negotiations will meet again. We call on the parties and the mediation team to:

- include women in both delegations, not only as advisers;
- consult the women's dialogue that runs alongside the talks;
- make the agenda and the list of participants public.

The [process catalogue](/en/processes/) documents the talks and the processes linked to them.
""",
        days_ago=12,
        topics=["women-in-peace-processes", "inclusion"],
        authors=["Board of the network (demo)"],
        translation="demo-stellungnahme-gespraeche-northern-highlands",
        process="demo-00001",
    ),
    DemoArticle(
        slug="demo-stellungnahme-gespraeche-northern-highlands",
        kind=Article.Kind.STATEMENT,
        language="de",
        title="Stellungnahme zur Wiederaufnahme der Gespräche in den Northern Highlands (Demo)",
        summary="Demo-Inhalt. Das Netzwerk begrüßt die Wiederaufnahme der erfundenen Gespräche "
        "in den Northern Highlands und fordert Frauen in beiden Delegationen.",
        body=f"""{DEMO_NOTE_DE}

## Wir begrüßen die Wiederaufnahme der Gespräche

Das Netzwerk begrüßt, dass die Delegationen der erfundenen Verhandlungen in den Northern
Highlands wieder zusammenkommen. Wir fordern die Parteien und das Mediationsteam auf:

- Frauen in beide Delegationen aufzunehmen, nicht nur als Beraterinnen;
- den Dialog der Frauen, der die Gespräche begleitet, einzubeziehen;
- die Tagesordnung und die Liste der Teilnehmenden zu veröffentlichen.

Der [Prozesskatalog](/de/processes/) dokumentiert die Gespräche und die mit ihnen verbundenen
Prozesse.
""",
        days_ago=12,
        topics=["women-in-peace-processes", "inclusion"],
        authors=["Vorstand des Netzwerks (Demo)"],
        process="demo-00001",
    ),
    DemoArticle(
        slug="demo-news-roster-welcomes-new-members",
        kind=Article.Kind.NEWS,
        language="en",
        title="The roster welcomes new members from the Pacific (demo)",
        summary="Demo content. Several mediators from Pacific island states have joined the "
        "network this month.",
        body=f"""{DEMO_NOTE_EN}

## New in the roster

This month our staff approved the profiles of several mediators from Pacific island states.
Between them they bring:

- experience in community dialogue after elections;
- work on land and resource disputes;
- several languages not yet spoken in the roster.

Browse the [roster](/en/mediators/) to find them, or read
[how to join the network](/en/pages/join/).
""",
        days_ago=5,
        topics=["inclusion"],
        authors=[EDITORS["en"]],
    ),
    DemoArticle(
        slug="demo-leitfaden-prozessdesign",
        kind=Article.Kind.PUBLICATION,
        language="de",
        title="Leitfaden: Prozessdesign mit Frauen von Anfang an (Demo)",
        summary="Demo-Inhalt. Ein kurzer Leitfaden, wie Frauen schon bei der Planung eines "
        "Mediationsprozesses mitwirken.",
        body=f"""{DEMO_NOTE_DE}

## Worum es geht

Frauen werden oft erst eingeladen, wenn Format und Tagesordnung längst feststehen. Dieser
Leitfaden zeigt, wie es anders geht:

1. Konfliktanalyse mit Gesprächspartnerinnen aus allen betroffenen Gruppen;
2. ein Prozessdesign, das Plätze für Frauen in jedem Format vorsieht;
3. Mediationsunterstützung, die Reise, Betreuung und Sicherheit mitdenkt;
4. eine Auswertung, die Beteiligung in Zahlen festhält.

Mehr zum Hintergrund finden Sie auf unserer Seite zur
[Mediation auf Track 1](/de/pages/track-1-mediation/).
""",
        days_ago=70,
        topics=["method-based-mediation", "women-in-peace-processes"],
        authors=[2, EDITORS["de"]],
    ),
    DemoArticle(
        slug="demo-interview-mediation-support",
        kind=Article.Kind.INTERVIEW,
        language="en",
        title="Interview: what mediation support does behind the scenes (demo)",
        summary="Demo content. A fictional member of a mediation support unit on drafting, "
        "logistics and why multilateral mandates matter.",
        body=f"""{DEMO_NOTE_EN}

## What does mediation support do?

"We prepare the ground so that the mediator can concentrate on the parties. On a normal day that
means one of three things:"

- drafting options and texts on technical questions;
- organising venues, travel, security and interpretation;
- facilitating side meetings when the main table is blocked.

## Why do multilateral mandates matter?

"A mandate from a regional organisation or the United Nations gives a team a standing that no
single state can give. It also brings rules on inclusion that we can point to."

Read more about the [instruments of mediation](/en/pages/peace-mediation/).
""",
        days_ago=25,
        topics=["multilateralism", "method-based-mediation"],
        authors=[3],
    ),
    DemoArticle(
        slug="demo-entwurf-netzwerktreffen",
        kind=Article.Kind.NEWS,
        language="de",
        title="Entwurf: Bericht vom Netzwerktreffen (Demo)",
        summary="Demo-Inhalt. Ein noch unveröffentlichter Bericht vom jährlichen Treffen des "
        "Netzwerks.",
        body=f"""{DEMO_NOTE_DE}

## Entwurf

Dieser Bericht ist noch nicht veröffentlicht; nur das Team sieht ihn. Geplante Abschnitte:

- Rückblick auf das Jahr;
- neue Arbeitsgruppen;
- Termine für das kommende Jahr, siehe [Veranstaltungen](/de/events/).
""",
        days_ago=1,
        topics=["multilateralism"],
        authors=[EDITORS["de"]],
        status=ContentStatus.DRAFT,
    ),
]


def seed_topics():
    """Create the demo topics that are missing, by address or by name. Returns how many."""
    created = 0
    for slug, name_en, name_de in missing(Topic, "slug", {row[0]: row for row in TOPICS}):
        if not Topic.objects.filter(Q(name_en=name_en) | Q(name_de=name_de)).exists():
            Topic.objects.create(slug=slug, name_en=name_en, name_de=name_de)
            created += 1
    return created


def _topic(slug, name_en, name_de):
    """The demo topic, or one staff made with the same name under another address."""
    return (
        Topic.objects.filter(slug=slug).first()
        or Topic.objects.filter(Q(name_en=name_en) | Q(name_de=name_de)).first()
    )


def _topics(slugs):
    return [_topic(*row) for row in TOPICS if row[0] in slugs]


def _authors_pool():
    """Listed demo mediators with public profiles, who may be named on a public article.

    Profiles for members only, protected or hidden are left out: a byline would tell everyone
    the name that their owner chose to show to fewer people.
    """
    public = listed().filter(visibility=Mediator.Visibility.PUBLIC)
    return list(public.order_by("user__email")[:4])


def seed_articles(today):
    """Create the demo articles that are missing, with topics, authors and translations."""
    items = missing(Article, "slug", {item.slug: item for item in ARTICLES})
    pool = _authors_pool() if items else []
    created = {}
    for item in items:
        article = create_checked(
            Article(
                slug=item.slug,
                kind=item.kind,
                language=item.language,
                title=item.title,
                summary=item.summary,
                body=item.body,
                published_on=today - datetime.timedelta(days=item.days_ago),
                status=item.status,
            )
        )
        article.topics.set(_topics(item.topics))
        if item.process:
            article.related_processes.set(Process.objects.filter(slug=item.process))
        _add_authors(article, item.authors, pool)
        created[item.slug] = article
    _link_translations(created)
    return len(created)


def _add_authors(article, authors, pool):
    """Bylines in order; a missing demo mediator gives way to the editorial team, once."""
    names = []
    for author in authors:
        mediator = None
        if isinstance(author, int):
            mediator = pool[author] if author < len(pool) else None
            name = mediator.display_name if mediator else EDITORS[article.language]
        else:
            name = author
        if name in names:
            continue
        names.append(name)
        ArticleAuthor.objects.create(
            article=article, name=name, mediator=mediator, position=len(names) - 1
        )


def _link_translations(created):
    """Link each new article to its translation; either side may have been created earlier."""
    for item in ARTICLES:
        if not item.translation or not (set(created) & {item.slug, item.translation}):
            continue
        source = Article.objects.filter(slug=item.slug).first()
        target = Article.objects.filter(slug=item.translation).first()
        if not source or not target or source.translation_id or target.translation_id:
            continue  # gone, or staff linked them otherwise
        if hasattr(target, "translated_from"):  # another article already links to it
            continue
        source.translation = target
        source.full_clean()
        source.save(update_fields=["translation", "updated_at"])
