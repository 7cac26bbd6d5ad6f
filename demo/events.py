"""Fictional events for development and demonstrations, on days counted from the day of seeding.

Some are past and some upcoming right after seeding; each opens with a note that it is invented,
and its address starts with "demo-".
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from wpm.models import ContentStatus, Event
from wpm.seed import missing

from .ensure import create_checked


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


def seed_events(today):
    """Create the demo events that are missing, on days counted from today. Returns how many."""
    items = missing(Event, "slug", {item.slug: item for item in EVENTS})
    for item in items:
        day = today + datetime.timedelta(days=item.days_from_today)
        starts_at = datetime.datetime.combine(day, item.start, tzinfo=ZoneInfo(item.time_zone))
        create_checked(
            Event(
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
        )
    return len(items)
