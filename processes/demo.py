"""Fictional peace processes for development and demonstrations.

Every process here is invented: names start with "Demo:" and name invented places, summaries and
descriptions say they are fictional, and parties are "Demo ..." organisations. The countries are
real only so the region and country filters have something to find; no process describes a real
one. The same index always yields the same process, so a seeded catalogue looks the same on every
machine.

Processes come in clusters about one invented conflict: a Track 1 negotiation, then two or three
Track 1.5, 2 and 3 dialogues linked to it. Indices 1-4 are a cluster of four, 5-7 one of three,
and so on in blocks of seven, so a cluster's negotiation always has the lowest index and is created
first. Odd indices carry a "showcase" engagement that takes the next visibility, confidentiality and
role in turn, so even the default 24 processes show every combination the privacy rules tell apart.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import product

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from mediators.models import Mediator
from wpm.choices import Track
from wpm.geography import regions_of

from .models import (
    Agreement,
    ConflictLevel,
    ConflictType,
    Engagement,
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    Process,
    ProcessCountry,
    ProcessInstrument,
    ProcessLink,
    ProcessParty,
    Source,
    Stage,
)

SLUG = "demo-{:05d}"
MAX_COUNT = 99_999  # the slug numbering has five digits
BATCH = 500
FIRST_YEAR = 1990
CHANGE_REASON = "Demo data (seed_demo)"
# Demo people's accounts are all at this reserved domain; real mediators are never engaged.
DEMO_DOMAIN = "@example.org"


def _list(text):
    return [item.strip() for item in text.split(",")]


# Invented places. Combinations that name real regions (several "... Highlands" are provinces) are
# left out; "Northern Highlands" comes first, as the catalogue's first example.
_FIRST = _list(
    "Northern, Upper, Lower, Amber, Cedar, Silver, Juniper, Granite, Saffron, Willow, Copper, "
    "Tamarind, Misty, Azure, Hollow, Ember"
)
_LANDFORMS = _list(
    "Highlands, Lakes, Plains, Valley, Delta, Hills, Plateau, Coast, Marshes, Uplands, Steppe, "
    "Basin, Ridge, Lowlands"
)
_REAL = {"Upper Valley", "Lower Valley", "Upper Delta", "Lower Delta", "Silver Lakes"}
_OTHERS = sorted({f"{a} {b}" for a, b in product(_FIRST, _LANDFORMS)} - _REAL)
_OTHERS.remove("Northern Highlands")
PLACES = ["Northern Highlands", *random.Random("places").sample(_OTHERS, len(_OTHERS))]  # noqa: S311

# One group of neighbouring countries per M49 sub-region, ordered so that every five clusters in a
# row cover all five regions.
COUNTRY_GROUPS = [
    _list(group)
    for group in (
        "KE, SO, ET, SS",
        "CO, VE, PE",
        "AF, PK, NP, LK",
        "UA, MD, BY",
        "PG, SB, VU, FJ",
        "ML, NE, BF, NG",
        "GT, HN, SV, MX",
        "MM, TH, PH, ID",
        "BA, XK, RS, MK",
        "KI, FM, MH",
        "CD, CF, CM, TD",
        "HT, DO, JM",
        "SY, YE, IQ, LB, AM, AZ, GE, CY",
        "GB, IE",
        "WS, TO",
        "SD, LY, EG, DZ",
        "US, CA",
        "KG, TJ, KZ",
        "DE, CH, BE, FR",
        "AU, NZ",
        "ZA, LS, NA, BW",
        "CN, MN, KR",
    )
]
# PA-X groups agreements by these regions; keyed by M49 region.
PAX_REGIONS = {
    "002": "Africa (excl MENA)",
    "009": "Asia and Pacific",
    "019": "Americas",
    "142": "Asia and Pacific",
    "150": "Europe and Eurasia",
}
PAX_MENA = {"SY", "YE", "IQ", "LB", "SD", "LY", "EG", "DZ"}

LEVELS = list(ConflictLevel)
TYPES = list(ConflictType)
STAGES = list(Stage)
ENDING_STAGES = {Stage.CONCLUDED, Stage.SUSPENDED}

TITLES = {
    Track.TRACK_1: _list(
        "ceasefire talks, peace negotiations, political settlement talks, "
        "power-sharing negotiations, border commission negotiations"
    ),
    Track.TRACK_1_5: _list(
        "informal consultations, contact group, back-channel dialogue, advisers' consultations"
    ),
    Track.TRACK_2: _list(
        "civil society dialogue, women's peace dialogue, expert working group, "
        "academic dialogue series"
    ),
    Track.TRACK_3: _list(
        "community reconciliation forum, local peace committees, women's mediation network, "
        "youth dialogue circles"
    ),
}
FORMATS = {
    Track.TRACK_1: "Official delegations of the conflict parties meet under a mediation team.",
    Track.TRACK_1_5: (
        "Officials attend in a personal capacity, alongside former officials and advisers."
    ),
    Track.TRACK_2: "Civil society, academics and former officials meet without official mandate.",
    Track.TRACK_3: "Community leaders, women's and youth groups meet close to where people live.",
}

THEMES = [
    "Ceasefire monitoring and verification",
    "Women's participation at the table",
    "Return of displaced people",
    "Sharing land and water",
    "Power-sharing and elections",
    "Transitional justice",
    "Release of detainees",
    "Security arrangements",
]

# Parties: name, kind. All invented; none has a country.
_K = Party.Kind
GOVERNMENTS = [
    (f"Demo Government of the {name}", _K.GOVERNMENT)
    for name in _list(
        "Northern Republic, Southern Republic, Eastern Federation, Western Commonwealth, "
        "Central Republic, Island Republic, Coastal Republic, Upland Republic"
    )
]
OPPONENTS = [
    ("Demo Liberation Front", _K.ARMED_GROUP),
    ("Demo People's Defence Forces", _K.ARMED_GROUP),
    ("Demo Popular Resistance Army", _K.ARMED_GROUP),
    ("Demo Patriotic Movement", _K.ARMED_GROUP),
    ("Demo Democratic Alliance", _K.POLITICAL),
    ("Demo National Opposition Coalition", _K.POLITICAL),
]
COMMUNITIES = [
    ("Demo Herders' Association", _K.CIVIL_SOCIETY),
    ("Demo Farmers' Union", _K.CIVIL_SOCIETY),
    ("Demo Fishers' Cooperative", _K.CIVIL_SOCIETY),
    ("Demo Traders' Guild", _K.CIVIL_SOCIETY),
]
THIRD_PARTIES = [
    ("Demo Regional Organisation", _K.REGIONAL),
    ("Demo International Organisation", _K.INTERNATIONAL),
    ("Demo Coastal States Commission", _K.REGIONAL),
    ("Demo Peace Support Mission", _K.INTERNATIONAL),
]
STATES = [
    ("Demo Kingdom of the Western Isles", _K.STATE),
    ("Demo Confederation of the Plains", _K.STATE),
    ("Demo Federal State of the Hills", _K.STATE),
]
FACILITATORS = [
    ("Demo Women's Peace Coalition", _K.CIVIL_SOCIETY),
    ("Demo Youth for Dialogue Network", _K.CIVIL_SOCIETY),
    ("Demo Council of Elders", _K.CIVIL_SOCIETY),
    ("Demo Interfaith Council", _K.FAITH),
    ("Demo Centre for Dialogue", _K.OTHER),
    ("Demo Peace Foundation", _K.OTHER),
]
PARTIES = GOVERNMENTS + OPPONENTS + COMMUNITIES + THIRD_PARTIES + STATES + FACILITATORS

PROVIDERS = [
    "Demo Regional Organisation",
    "Demo International Organisation",
    "Demo Centre for Dialogue",
    "Demo Peace Foundation",
    "Example Mediation Support Unit",
    "Fictional Ministry of Foreign Affairs",
    "",
]
SOURCE_TITLES = _list(
    "Briefing note, Background paper, Meeting report, Press statement, Monitoring report, "
    "Civil society submission"
)
AGREEMENTS = [
    ("declaration of principles", Stage.PRE_NEGOTIATION),
    ("ceasefire agreement", Stage.CEASEFIRE),
    ("framework agreement", Stage.FRAMEWORK),
    ("memorandum of understanding", Stage.FRAMEWORK),
    ("comprehensive peace agreement", Stage.COMPREHENSIVE),
    ("implementation protocol", Stage.IMPLEMENTATION),
    ("renewed ceasefire", Stage.RENEWAL),
    ("local peace accord", Stage.OTHER),
]
MILESTONES = {
    Track.TRACK_1: _list(
        "Opening session, First round of talks, Ceasefire declared, Talks suspended, "
        "Talks resumed, Agreement signed, Implementation review"
    ),
    Track.TRACK_1_5: _list(
        "First consultation, Options paper shared with the parties, Second consultation, "
        "Joint recommendations handed over"
    ),
    Track.TRACK_2: _list(
        "First dialogue meeting, Women's caucus formed, Recommendations published, "
        "Dialogue meets the negotiators"
    ),
    Track.TRACK_3: _list(
        "First community forum, Local peace committee elected, Market reopened, "
        "Joint water-sharing plan agreed"
    ),
}
FIGURE_ROLES = {
    Track.TRACK_1: ["negotiators", "mediators", "signatories", "observers", "advisers"],
    Track.TRACK_1_5: ["negotiators", "mediators", "advisers"],
    Track.TRACK_2: ["mediators", "observers", "advisers"],
    Track.TRACK_3: ["mediators", "signatories", "observers"],
}
FIGURE_SIZES = {
    "negotiators": (6, 40),
    "mediators": (1, 6),
    "signatories": (2, 20),
    "observers": (2, 15),
    "advisers": (2, 20),
}
# Women's share grows over the years and is higher off the official track.
TRACK_SHARE = {Track.TRACK_1: 0.0, Track.TRACK_1_5: 0.05, Track.TRACK_2: 0.12, Track.TRACK_3: 0.2}

VISIBILITIES = list(Mediator.Visibility)
CONFIDENTIALITIES = list(Engagement.Confidentiality)
ENGAGEMENT_ROLES = list(Engagement.Role)
CONFIDENTIALITY_WEIGHTS = [60, 25, 15]


# Planning: what each index stands for, without touching the database.


def _position(index):
    """The index's cluster number, its place in the cluster (0 is the negotiation), its size."""
    block, offset = divmod(index - 1, 7)
    if offset < 4:
        return 2 * block, offset, 4
    return 2 * block + 1, offset - 4, 3


def _index(cluster, position):
    block, second = divmod(cluster, 2)
    return 7 * block + (4 if second else 0) + position + 1


def _tracks(cluster):
    """A negotiation and all three dialogue tracks, or two of them, a different one left out."""
    if cluster % 2 == 0:
        return [Track.TRACK_1, Track.TRACK_1_5, Track.TRACK_2, Track.TRACK_3]
    dialogues = [Track.TRACK_1_5, Track.TRACK_2, Track.TRACK_3]
    del dialogues[(cluster // 2) % 3]
    return [Track.TRACK_1, *dialogues]


@dataclass(frozen=True)
class Cluster:
    """One invented conflict and what its processes share."""

    number: int
    place: str
    series: str  # after the names, once the places have all been used
    level: str
    type: str
    countries: list
    start_year: int
    parties: list  # the conflict parties
    third_party: tuple
    # Where the Track 3 process takes over from the Track 2 one, the year it does.
    handover: int | None


@lru_cache(maxsize=4096)
def cluster(number, this_year):
    rng = random.Random(f"cluster-{number}")  # noqa: S311 (demo data)
    series, turn = divmod(number, len(PLACES))
    level, type_ = LEVELS[number % len(LEVELS)], TYPES[number % len(TYPES)]
    group = COUNTRY_GROUPS[number % len(COUNTRY_GROUPS)]
    countries = rng.sample(group, 2 if level == ConflictLevel.INTER else 1)
    if level == ConflictLevel.INTER_INTRA:  # an outside state, from another part of the world
        countries.append(rng.choice(COUNTRY_GROUPS[(number + 11) % len(COUNTRY_GROUPS)]))
    elif level == ConflictLevel.INTRA and rng.random() < 0.3:
        countries.append(rng.choice([c for c in group if c not in countries]))
    if level == ConflictLevel.INTER:
        parties = rng.sample(GOVERNMENTS, 2)
    elif level == ConflictLevel.LOCAL:
        parties = rng.sample(COMMUNITIES, 2)
    else:
        parties = [rng.choice(GOVERNMENTS), rng.choice(OPPONENTS)]
    # Spread over the years: 13 and 35 have no common divisor, so 35 clusters take every offset.
    start_year = min(FIRST_YEAR + (number * 13) % 35 + rng.randint(0, 2), this_year)
    handover = None
    if number % 4 == 2 and start_year < this_year:
        handover = min(start_year + rng.randint(1, 5), this_year)
    return Cluster(
        number,
        PLACES[turn],
        f" (series {series + 1})" if series else "",
        level,
        type_,
        countries,
        start_year,
        parties,
        rng.choice(THIRD_PARTIES),
        handover,
    )


@dataclass
class Pool:
    """Listed demo mediators who may be engaged, all and by visibility."""

    everyone: list
    by_visibility: dict

    @classmethod
    def load(cls):
        rows = list(
            Mediator.objects.listed()
            .filter(user__email__iendswith=DEMO_DOMAIN)
            .order_by("pk")
            .values_list("pk", "visibility")
        )
        by_visibility = {visibility: [] for visibility in VISIBILITIES}
        for pk, visibility in rows:
            by_visibility[visibility].append(pk)
        return cls([pk for pk, _ in rows], by_visibility)


@dataclass
class Invented:
    """One fictional process: its fields and the rows of its child tables."""

    index: int
    fields: dict
    countries: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (target index, kind)
    parties: list = field(default_factory=list)  # (party name, role)
    instruments: list = field(default_factory=list)  # (instrument, provider)
    sources: list = field(default_factory=list)
    agreements: list = field(default_factory=list)  # (fields, figures)
    milestones: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    engagements: list = field(default_factory=list)

    @property
    def slug(self):
        return SLUG.format(self.index)


def invent(index, instruments, pool, today):
    """The fictional process number index; the same index always gives the same process."""
    rng = random.Random(index)  # noqa: S311 (demo data)
    number, position, _size = _position(index)
    group = cluster(number, today.year)
    track = _tracks(number)[position]
    stage = STAGES[(index - 1) % len(STAGES)]
    title = rng.choice(TITLES[track])
    name = f"Demo: {group.place} {title}{group.series}"
    process = Invented(index, {"name": name, "slug": SLUG.format(index), "track": track})
    process.fields |= _period(rng, group, position, track, stage, today)
    if group.handover and track == Track.TRACK_2:
        process.fields["stage"] = Stage.CONCLUDED
    process.fields |= {
        "conflict_level": group.level,
        "conflict_type": group.type,
        "status": Process.Status.DRAFT if index % 20 in (4, 10, 18) else Process.Status.PUBLISHED,
        "summary": (
            f"Fictional demo data: the {Track(track).label} {title} of an invented conflict in "
            f"the {group.place}. No real process is described."
        ),
        "description": _description(rng, group, track),
    }
    process.countries = list(group.countries)
    process.links = _links(group, position, track)
    process.parties = _parties(rng, group, track)
    process.instruments = _instruments(rng, index, instruments)
    process.sources = _sources(rng, process.slug, group.place, title)
    fields = process.fields
    first = fields["start_date"] or date(fields["start_year"], 1, 1)
    last = fields["end_date"] or (
        min(date(fields["end_year"], 12, 31), today) if fields["end_year"] else today
    )
    process.agreements = _agreements(rng, group, track, first, last)
    process.milestones = _milestones(rng, track, first, last)
    process.figures = _figures(rng, track, first, last, count=rng.randint(1, 4))
    process.engagements = _engagements(rng, index, pool, fields, today)
    return process


def _period(rng, group, position, track, stage, today):
    start_year = group.start_year
    if position:
        start_year = min(start_year + rng.randint(0, 3), today.year)
    end_year = None
    if group.handover and track == Track.TRACK_2:  # hands over to the Track 3 process
        start_year, end_year = min(start_year, group.handover), group.handover
    elif group.handover and track == Track.TRACK_3:  # takes over from the Track 2 process
        start_year = group.handover
    elif stage in ENDING_STAGES and (stage == Stage.CONCLUDED or rng.random() < 0.5):
        end_year = rng.randint(start_year, min(start_year + 10, today.year))
    elif rng.random() < 0.08:
        end_year = rng.randint(start_year, min(start_year + 12, today.year))
    start_date = end_date = None
    if rng.random() < 0.4:
        start_date = _date_in(rng, start_year, today)
        if end_year and rng.random() < 0.7:
            end_date = _date_in(rng, end_year, today, after=start_date)
    # bulk_create skips Process.save(), which would fill the years from the dates.
    return {
        "stage": stage,
        "start_year": start_year,
        "start_date": start_date,
        "end_year": end_year,
        "end_date": end_date,
    }


def _date_in(rng, year, today, after=None):
    """A day in the year, not before after and not after today."""
    low = max(date(year, 1, 1), after or date.min)
    high = min(date(year, 12, 31), today)
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _description(rng, group, track):
    themes = "".join(f"- {theme}\n" for theme in rng.sample(THEMES, rng.randint(2, 4)))
    return (
        "*Demo data: this process is fictional, invented so the catalogue has something to "
        f'show. The name "{group.place}" is invented; the countries listed only put the '
        "process on the map for the filters.*\n\n"
        "## Format\n\n"
        f"{FORMATS[track]}\n\n"
        f"## Themes\n\n{themes}"
    )


def _links(group, position, track):
    """A dialogue links to its cluster's negotiation, and a successor to the process before it."""
    if position == 0:
        return []
    kinds = [ProcessLink.Kind.ACCOMPANIES, ProcessLink.Kind.FEEDS_INTO, ProcessLink.Kind.PARALLEL]
    links = [(_index(group.number, 0), kinds[(group.number + position) % len(kinds)])]
    if group.handover and track == Track.TRACK_3:
        links.append((_index(group.number, position - 1), ProcessLink.Kind.SUCCEEDS))
    return links


def _parties(rng, group, track):
    R = ProcessParty.Role
    third = group.third_party[0]
    if track == Track.TRACK_1:
        roles = [(name, R.CONFLICT_PARTY) for name, _ in group.parties] + [(third, R.MEDIATOR)]
        extras = [
            (rng.choice(THIRD_PARTIES)[0], R.CO_MEDIATOR),
            (rng.choice(STATES)[0], R.GUARANTOR),
            (rng.choice(STATES + THIRD_PARTIES)[0], R.OBSERVER),
            (rng.choice(STATES)[0], R.WITNESS),
        ]
        roles += [extra for extra in extras if rng.random() < 0.5 and extra[0] != third]
    elif track == Track.TRACK_1_5:
        roles = [(name, R.CONFLICT_PARTY) for name, _ in group.parties]
        roles += [(rng.choice(FACILITATORS)[0], R.FACILITATOR), (third, R.OBSERVER)]
    elif track == Track.TRACK_2:
        roles = [(rng.choice(FACILITATORS)[0], R.FACILITATOR), (third, R.OBSERVER)]
    else:
        roles = [(rng.choice(FACILITATORS)[0], R.FACILITATOR)]
    if rng.random() < 0.4:
        roles.append((rng.choice(STATES)[0], R.SUPPORTER))
    return list(dict.fromkeys(roles))


def _instruments(rng, index, instruments):
    """The next instrument in turn, so every one is used, and up to two more."""
    if not instruments:
        return []
    first = instruments[(index - 1) % len(instruments)]
    others = rng.sample(instruments, rng.randint(0, min(2, len(instruments))))
    return [(instrument, rng.choice(PROVIDERS)) for instrument in dict.fromkeys([first, *others])]


def _sources(rng, slug, place, title):
    return [
        {
            "title": f"{kind} on the {place} {title} (fictional demo source)",
            "url": f"https://example.org/demo/processes/{slug}/{slugify(kind)}",
        }
        for kind in rng.sample(SOURCE_TITLES, rng.randint(1, 3))
    ]


def _share(rng, year, track):
    share = 0.03 + 0.008 * (year - FIRST_YEAR) + TRACK_SHARE[track] + rng.uniform(-0.06, 0.06)
    return min(max(share, 0.0), 0.9)


def _figures(rng, track, first, last, count, roles=None):
    """Counts at the table on days between first and last; women never outnumber everyone."""
    figures = []
    for _ in range(count):
        role = rng.choice(roles or FIGURE_ROLES[track])
        as_of = _between(rng, first, last)
        total = rng.randint(*FIGURE_SIZES[role])
        women = min(total, round(total * _share(rng, as_of.year, track)))
        figures.append(
            {
                "role": role,
                "total": total,
                "women": women,
                "as_of": as_of,
                "source": "Demo figure: invented for development, not a real count",
            }
        )
    return figures


def _agreements(rng, group, track, first, last):
    agreements = []
    primary = group.countries[0]
    pax_region = (
        "Middle East and North Africa"
        if primary in PAX_MENA
        else PAX_REGIONS.get(regions_of(primary)[1] or "", "")
    )
    for number in range(1, rng.randint(1, 3) + 1):
        kind, stage = rng.choice(AGREEMENTS)
        signed = None if rng.random() < 0.1 else _between(rng, first, last)
        year = signed.year if signed else first.year
        gendered = rng.random() < min(0.8, 0.1 + 0.02 * (year - FIRST_YEAR))
        fields = {
            "name": f"Demo: {group.place} {kind}{group.series}"
            + (f", part {number}" if number > 1 else ""),
            "date": signed,
            "stage": stage,
            "conflict_level": group.level,
            "pax_region": pax_region,
            "gender_provisions": gendered,
            "source_url": (
                f"https://example.org/demo/agreements/{slugify(group.place)}-{slugify(kind)}"
            ),
        }
        figures = []
        if signed and rng.random() < 0.4:
            figures = _figures(rng, track, signed, signed, 1, roles=["signatories"])
        agreements.append((fields, figures))
    return agreements


def _milestones(rng, track, first, last):
    titles = rng.sample(MILESTONES[track], rng.randint(1, min(4, len(MILESTONES[track]))))
    days = sorted(_between(rng, first, last) for _ in titles)
    return [
        {
            "date": day,
            "title": title,
            "description": "Demo milestone: invented, like the process it belongs to.",
        }
        for day, title in zip(days, titles, strict=True)
    ]


def _engagements(rng, index, pool, fields, today):
    """A showcase engagement on odd indices, each taking the next combination, and a few more."""
    if not pool.everyone:
        return []
    engagements, engaged = [], set()
    if index % 2:
        turn = (index - 1) // 2
        visibility = VISIBILITIES[turn % len(VISIBILITIES)]
        candidates = pool.by_visibility[visibility] or pool.everyone
        mediator = rng.choice(candidates)
        confidentiality = CONFIDENTIALITIES[(turn // len(VISIBILITIES)) % len(CONFIDENTIALITIES)]
        role = ENGAGEMENT_ROLES[turn % len(ENGAGEMENT_ROLES)]
        engagements.append(_engagement(rng, mediator, role, confidentiality, fields, today))
        engaged.add(mediator)
    extra = rng.choices([0, 1, 2, 3], [40, 35, 18, 7])[0]
    for mediator in rng.sample(pool.everyone, min(extra, len(pool.everyone))):
        if mediator in engaged:
            continue
        confidentiality = rng.choices(CONFIDENTIALITIES, CONFIDENTIALITY_WEIGHTS)[0]
        role = rng.choice(ENGAGEMENT_ROLES)
        engagements.append(_engagement(rng, mediator, role, confidentiality, fields, today))
        engaged.add(mediator)
    return engagements


def _engagement(rng, mediator, role, confidentiality, fields, today):
    last_year = fields["end_year"] or today.year
    start_year = rng.randint(fields["start_year"], last_year)
    ongoing = not fields["end_year"] and rng.random() < 0.6
    return {
        "mediator_id": mediator,
        "role": role,
        "confidentiality": confidentiality,
        "start_year": start_year,
        "end_year": None if ongoing else rng.randint(start_year, last_year),
        "description": (
            f"Demo engagement: {Engagement.Role(role).label.lower()} in this fictional process."
        ),
    }


# Writing.

SUMMARY = [
    (ProcessCountry, "country rows"),
    (ProcessLink, "links"),
    (Party, "new parties"),
    (ProcessParty, "party roles"),
    (ProcessInstrument, "instrument uses"),
    (Source, "sources"),
    (Agreement, "agreements"),
    (Milestone, "milestones"),
    (ParticipationFigure, "participation figures"),
    (Engagement, "engagements"),
]


@dataclass
class Tally:
    counts: dict = field(default_factory=dict)

    def add(self, model, rows):
        self.counts[model] = self.counts.get(model, 0) + len(rows)

    def __getitem__(self, model):
        return self.counts.get(model, 0)


def seed_processes(count, stdout):
    """Make sure demo processes 1 to count exist; create only the missing ones. Returns how many."""
    if not 0 <= count <= MAX_COUNT:
        raise ValueError(f"count must be between 0 and {MAX_COUNT}.")
    today = timezone.localdate()
    instruments = list(Instrument.objects.order_by("position", "pk"))
    pool = Pool.load()
    if count and not pool.everyone:
        stdout.write("  No listed demo mediators: the processes get no engagements.")
    tally = Tally()
    parties = _ensure_parties(tally) if count else {}
    # Names and summaries use track labels in English whatever the active language.
    with translation.override("en"):
        for start in range(1, count + 1, BATCH):
            indices = range(start, min(start + BATCH, count + 1))
            _create_batch(indices, instruments, pool, parties, today, tally)
            stdout.write(
                f"  Demo processes: {indices[-1]} of {count} checked, {tally[Process]} created"
            )
    created = tally[Process]
    stdout.write(f"{created} demo processes created, {count - created} were already there.")
    if created or tally[Party]:
        rows = ", ".join(f"{tally[model]} {label}" for model, label in SUMMARY)
        stdout.write(f"  With {rows}.")
    return created


def _ensure_parties(tally):
    """The invented parties, created once and shared by every demo process; name to pk."""
    names = [name for name, _ in PARTIES]
    existing = set(Party.objects.filter(name__in=names).values_list("name", flat=True))
    missing = [Party(name=name, kind=kind) for name, kind in PARTIES if name not in existing]
    if missing:
        Party.objects.bulk_create(missing)
        tally.add(Party, missing)
    return dict(Party.objects.filter(name__in=names).values_list("name", "pk"))


def _create_batch(indices, instruments, pool, parties, today, tally):
    """Create the missing processes among indices and all their rows, in one transaction."""
    slugs = [SLUG.format(index) for index in indices]
    existing = set(Process.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    plans = [
        invent(index, instruments, pool, today)
        for index, slug in zip(indices, slugs, strict=True)
        if slug not in existing
    ]
    if not plans:
        return
    with transaction.atomic():
        processes = bulk_create_with_history(
            [Process(**plan.fields) for plan in plans],
            Process,
            batch_size=BATCH,
            default_change_reason=CHANGE_REASON,
        )
        tally.add(Process, processes)
        pairs = list(zip(processes, plans, strict=True))
        _create_links(pairs, tally)
        _create_children(pairs, parties, tally)


def _create_links(pairs, tally):
    """Links point to lower indices: created in this batch, an earlier one or an earlier run."""
    pks = {plan.index: process.pk for process, plan in pairs}
    wanted = {SLUG.format(target) for _, plan in pairs for target, _ in plan.links}
    wanted -= {plan.slug for _, plan in pairs}
    for slug, pk in Process.objects.filter(slug__in=wanted).values_list("slug", "pk"):
        pks[int(slug.removeprefix("demo-"))] = pk
    links = [
        ProcessLink(source=process, target_id=pks[target], kind=kind)
        for process, plan in pairs
        for target, kind in plan.links
        if target in pks  # a demo process deleted since stays deleted
    ]
    ProcessLink.objects.bulk_create(links)
    tally.add(ProcessLink, links)


def _create_children(pairs, parties, tally):
    countries, roles, uses, sources, milestones, figures, engagements = [], [], [], [], [], [], []
    agreements, agreement_figures = [], []
    for process, plan in pairs:
        countries += [_country(process, code) for code in plan.countries]
        roles += [
            ProcessParty(process=process, party_id=parties[name], role=role)
            for name, role in plan.parties
        ]
        uses += [
            ProcessInstrument(process=process, instrument=instrument, provider=provider)
            for instrument, provider in plan.instruments
        ]
        sources += [Source(process=process, **source) for source in plan.sources]
        milestones += [Milestone(process=process, **milestone) for milestone in plan.milestones]
        figures += [ParticipationFigure(process=process, **figure) for figure in plan.figures]
        engagements += [Engagement(process=process, **row) for row in plan.engagements]
        for fields, counts in plan.agreements:
            agreements.append(Agreement(process=process, **fields))
            agreement_figures.append(counts)
    for rows in (countries, roles, uses, sources, milestones):
        if rows:
            type(rows[0]).objects.bulk_create(rows)
            tally.add(type(rows[0]), rows)
    for model, rows in ((Agreement, agreements), (Engagement, engagements)):
        if rows:
            bulk_create_with_history(rows, model, default_change_reason=CHANGE_REASON)
            tally.add(model, rows)
    figures += [
        ParticipationFigure(agreement=agreement, **figure)
        for agreement, counts in zip(agreements, agreement_figures, strict=True)
        for figure in counts
    ]
    if figures:
        ParticipationFigure.objects.bulk_create(figures)
        tally.add(ParticipationFigure, figures)


def _country(process, code):
    """A ProcessCountry with the regions its save() would derive, which bulk_create skips."""
    subregion, region = regions_of(code)
    return ProcessCountry(
        process=process, country=code, subregion=subregion or "", region=region or ""
    )
