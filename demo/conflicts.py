"""Invented conflicts: their places, parties and countries, and how demo processes group.

Processes come in clusters about one invented conflict: a Track 1 negotiation, then two or three
Track 1.5, 2 and 3 dialogues linked to it. Indices 1-4 are a cluster of four, 5-7 one of three,
and so on in blocks of seven, so a cluster's negotiation always has the lowest index and is created
first. The place names are invented; the countries are real only so the region and country
filters have something to find.
"""

import random
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from processes.models import ConflictLevel, ConflictType, Stage
from processes.record import Party
from wpm.choices import Track

from .ensure import split

FIRST_YEAR = 1990

# Invented places. Combinations that name real regions (several "... Highlands" are provinces) are
# left out; "Northern Highlands" comes first, as the catalogue's first example.
_FIRST = split(
    "Northern, Upper, Lower, Amber, Cedar, Silver, Juniper, Granite, Saffron, Willow, Copper, "
    "Tamarind, Misty, Azure, Hollow, Ember"
)
_LANDFORMS = split(
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
    split(group)
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
    Track.TRACK_1: split(
        "ceasefire talks, peace negotiations, political settlement talks, "
        "power-sharing negotiations, border commission negotiations"
    ),
    Track.TRACK_1_5: split(
        "informal consultations, contact group, back-channel dialogue, advisers' consultations"
    ),
    Track.TRACK_2: split(
        "civil society dialogue, women's peace dialogue, expert working group, "
        "academic dialogue series"
    ),
    Track.TRACK_3: split(
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
    for name in split(
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
SOURCE_TITLES = split(
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
    Track.TRACK_1: split(
        "Opening session, First round of talks, Ceasefire declared, Talks suspended, "
        "Talks resumed, Agreement signed, Implementation review"
    ),
    Track.TRACK_1_5: split(
        "First consultation, Options paper shared with the parties, Second consultation, "
        "Joint recommendations handed over"
    ),
    Track.TRACK_2: split(
        "First dialogue meeting, Women's caucus formed, Recommendations published, "
        "Dialogue meets the negotiators"
    ),
    Track.TRACK_3: split(
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


# Clusters: which conflict each index belongs to, and what its processes share.


def cluster_position(index):
    """The index's cluster number, its place in the cluster (0 is the negotiation), its size."""
    block, offset = divmod(index - 1, 7)
    if offset < 4:
        return 2 * block, offset, 4
    return 2 * block + 1, offset - 4, 3


def cluster_index(number, position):
    """The index of the process at position in cluster number."""
    block, second = divmod(number, 2)
    return 7 * block + (4 if second else 0) + position + 1


def cluster_tracks(number):
    """A negotiation and all three dialogue tracks, or two of them, a different one left out."""
    if number % 2 == 0:
        return [Track.TRACK_1, Track.TRACK_1_5, Track.TRACK_2, Track.TRACK_3]
    dialogues = [Track.TRACK_1_5, Track.TRACK_2, Track.TRACK_3]
    del dialogues[(number // 2) % 3]
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
    """The invented conflict number; the same number always gives the same conflict."""
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
