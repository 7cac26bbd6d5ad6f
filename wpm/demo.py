"""Fictional voices, topics, articles and events for development and demonstrations.

Every person here is invented and every role says "(fictional)"; no quote is anyone's real words.
Articles and events open with a note that they are demo content, and their addresses start with
"demo-". Voices are found again by name, everything else by its address, so running the seed twice
creates nothing new and never touches what staff have changed since. Dates are relative to the day
of seeding, so that there are always past and upcoming events right after it.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from mediators.models import Mediator
from processes.models import Process

from .models import Article, ArticleAuthor, ContentStatus, Event, Topic, Voice

DEMO_DOMAIN = "@example.org"
CONSENT = "demo data"
CONSENT_DATE = datetime.date(2025, 3, 1)
# Authors who are not demo mediators; a byline falls back to them when there are none.
EDITORS = {"en": "Demo editorial team", "de": "Demo-Redaktion"}


# Voices: name, role, organisation, country, quote language, quote, featured.

VOICES = [
    (
        "Zawadi Mwakilema",
        "Head of a regional mediation support unit (fictional)",
        "East African Mediation Support Office (fictional)",
        "KE",
        "en",
        "When the talks stalled, it was the support team's careful drafting that kept both "
        "delegations in the room. Most of that work is invisible, and most of it is done by women.",
        True,
    ),
    (
        "Annelie Hofbrandt",
        "Adviser on process design in a foreign ministry (fictional)",
        "",
        "DE",
        "de",
        "Gute Mediation ist kein Zufall. Sie braucht Analyse, ein durchdachtes Prozessdesign und "
        "Teams, in denen Frauen von Anfang an dabei sind.",
        True,
    ),
    (
        "Ximena Cifuentes Olaya",
        "Facilitator of community dialogues (fictional)",
        "Red de Diálogo Territorial (fictional)",
        "CO",
        "es",
        "En los diálogos comunitarios aprendimos que la paz no se firma una sola vez: se "
        "renegocia cada día en la plaza del pueblo.",
        True,
    ),
    (
        "Mariam Sangaré-Touba",
        "Member of a ceasefire monitoring committee (fictional)",
        "",
        "SN",
        "fr",
        "Autour de la table, on m'a d'abord demandé de prendre des notes. Trois ans plus tard, "
        "je présidais la commission de suivi.",
        False,
    ),
    (
        "Rosario Lumbayan-Cruz",
        "Former member of a government peace panel (fictional)",
        "",
        "PH",
        "en",
        "We brought the concerns of displaced families into every session. The agreement has a "
        "chapter on them because someone at the table kept insisting.",
        False,
    ),
    (
        "Rania Barakat-Hamdan",
        "Facilitator of regional Track 2 meetings (fictional)",
        "Levant Dialogue Forum (fictional)",
        "JO",
        "en",
        "Track 2 gives people room to think aloud. Our job is to carry the best of those ideas to "
        "the people who can act on them.",
        False,
    ),
]


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


# Events, on days counted from the day of seeding: some past, some upcoming.


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    kind: str
    title: str
    days_from_today: int
    start: datetime.time
    duration: datetime.timedelta
    time_zone: str = "Europe/Berlin"
    place: str = ""
    online: bool = False
    registration: str = ""
    language: str = "en"
    description: str = ""


def _event_text(lines, german=False):
    note = (
        "*Demo-Veranstaltung: erfunden, damit der Kalender etwas zeigt.*"
        if german
        else "*Demo event: invented so that the calendar has something to show.*"
    )
    return f"{note}\n\n" + "\n".join(lines) + "\n"


EVENTS = [
    DemoEvent(
        slug="demo-training-process-design",
        kind=Event.Kind.TRAINING,
        title="Training: process design for peace mediation (demo)",
        days_from_today=21,
        start=datetime.time(9, 0),
        duration=datetime.timedelta(days=1, hours=8),
        place="Berlin (fictional venue)",
        registration="https://example.org/demo/events/training-process-design",
        description=_event_text(
            [
                "Two days on conflict analysis and process design, with exercises based on a "
                "fictional case. For members with some mediation experience.",
                "",
                "- analysing parties and interests;",
                "- sequencing formats across tracks;",
                "- planning mediation support.",
            ]
        ),
    ),
    DemoEvent(
        slug="demo-webinar-frauen-am-tisch",
        kind=Event.Kind.WEBINAR,
        title="Webinar: Frauen am Verhandlungstisch (Demo)",
        days_from_today=9,
        start=datetime.time(14, 0),
        duration=datetime.timedelta(hours=1, minutes=30),
        online=True,
        registration="https://example.org/demo/events/webinar-frauen-am-tisch",
        language="de",
        description=_event_text(
            [
                "Neunzig Minuten zu der Frage, wie Frauen den Weg in Delegationen und "
                "Mediationsteams finden.",
                "",
                "- kurze Impulse aus der Praxis;",
                "- Fragen und Austausch.",
            ],
            german=True,
        ),
    ),
    DemoEvent(
        slug="demo-conference-regional-mediation",
        kind=Event.Kind.CONFERENCE,
        title="Conference: regional organisations and mediation (demo)",
        days_from_today=60,
        start=datetime.time(9, 30),
        duration=datetime.timedelta(days=1, hours=8),
        time_zone="Africa/Nairobi",
        place="Nairobi (fictional venue)",
        online=True,
        registration="https://example.org/demo/events/conference-regional-mediation",
        description=_event_text(
            [
                "A two-day conference on the role of regional organisations in peace mediation, "
                "on site and streamed.",
                "",
                "- panels on mandates and mediation support;",
                "- a workshop on women in ceasefire monitoring.",
            ]
        ),
    ),
    DemoEvent(
        slug="demo-dialogue-track-2-exchange",
        kind=Event.Kind.DIALOGUE,
        title="Dialogue: linking Track 2 and Track 1 (demo)",
        days_from_today=-30,
        start=datetime.time(10, 0),
        duration=datetime.timedelta(hours=6),
        place="Bonn (fictional venue)",
        description=_event_text(
            [
                "A closed exchange between facilitators of Track 2 dialogues and advisers to "
                "official delegations.",
                "",
                "- what travels from one track to the other;",
                "- how to keep confidences while doing so.",
            ]
        ),
    ),
    DemoEvent(
        slug="demo-webinar-multilateralism",
        kind=Event.Kind.WEBINAR,
        title="Webinar: mediation at the heart of multilateralism (demo)",
        days_from_today=-75,
        start=datetime.time(16, 0),
        duration=datetime.timedelta(hours=1),
        online=True,
        description=_event_text(
            [
                "A one-hour online discussion on peace mediation in multilateral organisations.",
                "",
                "- what mandates make possible;",
                "- where funding for mediation support comes from.",
            ]
        ),
    ),
    DemoEvent(
        slug="demo-fortbildung-verhandlungsfuehrung",
        kind=Event.Kind.TRAINING,
        title="Fortbildung: Verhandlungsführung auf Track 1 (Demo)",
        days_from_today=-120,
        start=datetime.time(9, 0),
        duration=datetime.timedelta(hours=7),
        place="Hamburg (fiktiver Tagungsort)",
        online=True,
        registration="https://example.org/demo/events/fortbildung-verhandlungsfuehrung",
        language="de",
        description=_event_text(
            [
                "Ein Tag zu Vorbereitung, Strategie und Teamarbeit in offiziellen Verhandlungen, "
                "vor Ort und online.",
                "",
                "- Verhandlungsmandate verstehen;",
                "- Rollen im Team klären.",
            ],
            german=True,
        ),
    ),
]


# Seeding.


def seed_content(stdout):
    """Create the demo voices, topics, articles and events that are missing. Returns the counts."""
    today = timezone.localdate()
    counts = {
        "voices": _seed_voices(),
        "topics": _seed_topics(),
        "articles": _seed_articles(today),
        "events": _seed_events(today),
    }
    wanted = len(VOICES) + len(TOPICS) + len(ARTICLES) + len(EVENTS)
    created = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    stdout.write(
        f"Demo content: {created} created, {wanted - sum(counts.values())} were already there."
    )
    return counts


def _seed_voices():
    created = 0
    for position, (name, role, organisation, country, language, quote, featured) in enumerate(
        VOICES
    ):
        if Voice.objects.filter(name=name).exists():
            continue
        voice = Voice(
            name=name,
            role=role,
            organisation=organisation,
            country=country,
            quote_language=language,
            quote=quote,
            is_featured=featured,
            position=position,
            consent_given_on=CONSENT_DATE,
            consent_method=CONSENT,
            status=ContentStatus.PUBLISHED,
        )
        voice.full_clean()
        voice.save()
        created += 1
    return created


def _seed_topics():
    created = 0
    for slug, name_en, name_de in TOPICS:
        if _topic(slug, name_en, name_de) is None:
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
    listed = Mediator.objects.listed().filter(
        user__email__iendswith=DEMO_DOMAIN, visibility=Mediator.Visibility.PUBLIC
    )
    return list(listed.order_by("user__email")[:4])


def _seed_articles(today):
    existing = set(
        Article.objects.filter(slug__in=[a.slug for a in ARTICLES]).values_list("slug", flat=True)
    )
    pool = _authors_pool() if len(existing) < len(ARTICLES) else []
    created = {}
    for item in ARTICLES:
        if item.slug in existing:
            continue
        article = Article(
            slug=item.slug,
            kind=item.kind,
            language=item.language,
            title=item.title,
            summary=item.summary,
            body=item.body,
            published_on=today - datetime.timedelta(days=item.days_ago),
            status=item.status,
        )
        article.full_clean()
        article.save()
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


def _seed_events(today):
    existing = set(
        Event.objects.filter(slug__in=[e.slug for e in EVENTS]).values_list("slug", flat=True)
    )
    created = 0
    for item in EVENTS:
        if item.slug in existing:
            continue
        day = today + datetime.timedelta(days=item.days_from_today)
        starts_at = datetime.datetime.combine(day, item.start, tzinfo=ZoneInfo(item.time_zone))
        event = Event(
            slug=item.slug,
            kind=item.kind,
            title=item.title,
            starts_at=starts_at,
            ends_at=starts_at + item.duration,
            time_zone=item.time_zone,
            place=item.place,
            online=item.online,
            registration_url=item.registration,
            language=item.language,
            description=item.description,
            status=ContentStatus.PUBLISHED,
        )
        event.full_clean()
        event.save()
        created += 1
    return created
