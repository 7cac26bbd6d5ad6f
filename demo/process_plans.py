"""What each demo process stands for, planned without touching the database.

Every process here is invented: names start with "Demo:" and name invented places, summaries and
descriptions say they are fictional, and parties are "Demo ..." organisations. The same index
always yields the same process, so a seeded catalogue looks the same on every machine. Odd indices
carry a "showcase" engagement that takes the next visibility, confidentiality and role in turn,
so even the default 24 processes show every combination the privacy rules tell apart.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

from mediators.models import Mediator
from processes.models import Engagement, Process, ProcessLink, Stage
from processes.record import ProcessParty
from wpm.choices import Track
from wpm.geography import regions_of

from .conflicts import (
    AGREEMENTS,
    ENDING_STAGES,
    FACILITATORS,
    FIGURE_ROLES,
    FIGURE_SIZES,
    FIRST_YEAR,
    FORMATS,
    MILESTONES,
    PAX_MENA,
    PAX_REGIONS,
    PROVIDERS,
    SOURCE_TITLES,
    STAGES,
    STATES,
    THEMES,
    THIRD_PARTIES,
    TITLES,
    TRACK_SHARE,
    cluster,
    cluster_index,
    cluster_position,
    cluster_tracks,
)
from .mediators import listed

SLUG = "demo-{:05d}"
MAX_COUNT = 99_999  # the slug numbering has five digits

VISIBILITIES = list(Mediator.Visibility)
CONFIDENTIALITIES = list(Engagement.Confidentiality)
ENGAGEMENT_ROLES = list(Engagement.Role)
CONFIDENTIALITY_WEIGHTS = [60, 25, 15]


@dataclass
class Pool:
    """Listed demo mediators who may be engaged, all and by visibility."""

    everyone: list
    by_visibility: dict

    @classmethod
    def load(cls):
        rows = list(listed().order_by("pk").values_list("pk", "visibility"))
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
    number, position, _size = cluster_position(index)
    group = cluster(number, today.year)
    track = cluster_tracks(number)[position]
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
    links = [(cluster_index(group.number, 0), kinds[(group.number + position) % len(kinds)])]
    if group.handover and track == Track.TRACK_3:
        links.append((cluster_index(group.number, position - 1), ProcessLink.Kind.SUCCEEDS))
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
