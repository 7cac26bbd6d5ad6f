"""Fictional voices, topics, articles and events for development and demonstrations.

Every person here is invented and every role says "(fictional)"; no quote is anyone's real words.
Articles and events open with a note that they are demo content, and their addresses start with
"demo-". Voices are found again by name, everything else by its address, so running the seed twice
creates nothing new and never touches what staff have changed since. Dates are relative to the day
of seeding, so that there are always past and upcoming events right after it. The articles and
their topics are in articles.py, the events in events.py.
"""

import datetime

from django.utils import timezone

from wpm.models import ContentStatus, Voice
from wpm.seed import missing

from .articles import ARTICLES, TOPICS, seed_articles, seed_topics
from .ensure import create_checked
from .events import EVENTS, seed_events

CONSENT = "demo data"
CONSENT_DATE = datetime.date(2025, 3, 1)

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


def seed_content(stdout):
    """Create the demo voices, topics, articles and events that are missing. Returns the counts."""
    today = timezone.localdate()
    counts = {
        "voices": _seed_voices(),
        "topics": seed_topics(),
        "articles": seed_articles(today),
        "events": seed_events(today),
    }
    wanted = len(VOICES) + len(TOPICS) + len(ARTICLES) + len(EVENTS)
    created = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    stdout.write(
        f"Demo content: {created} created, {wanted - sum(counts.values())} were already there."
    )
    return counts


def _seed_voices():
    wanted = {row[0]: (position, row) for position, row in enumerate(VOICES)}
    to_create = missing(Voice, "name", wanted)
    for position, (name, role, organisation, country, language, quote, featured) in to_create:
        create_checked(
            Voice(
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
        )
    return len(to_create)
