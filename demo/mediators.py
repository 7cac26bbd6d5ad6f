"""Fictional mediators for development and demonstrations.

Every person here is invented: names are drawn from lists and combined at random, headlines say
"(fictional)" and every biography opens with "Demo profile". The same index always yields the same
person, so a seeded roster looks the same on every machine. The lists they are drawn from are in
people.py.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_countries import countries

from mediators.choices import Background, LanguageLevel
from mediators.models import (
    SORT_NAME_LENGTH,
    Audience,
    ExpertiseArea,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)
from wpm.choices import Track
from wpm.models import User
from wpm.names import fold
from wpm.seed import missing

from .accounts import DOMAIN
from .ensure import batches, bulk_insert, check_count, derived_regions
from .people import (
    CULTURES,
    FEEDBACK,
    HUB_COUNTRIES,
    LEVEL_WEIGHTS,
    LEVELS,
    NOTES,
    PROCESS_COUNTRIES,
    PROVIDERS,
    ROLES,
    SHOWCASE_LANGUAGES,
    STORIES,
    SUBREGION_COUNTRIES,
    TRAININGS,
    WORKING_LANGUAGES,
)

EMAIL = "demo-mediator-{:05d}" + DOMAIN
MAX_COUNT = 99_999  # the email numbering has five digits
BATCH = 1000

# Each block of 20 profiles is one shuffled copy of this table, so even a small roster has every
# visibility mode and status, in these proportions.
_V, _S = Mediator.Visibility, Mediator.Status
SLOTS = [(_V.PUBLIC, _S.APPROVED)] * 11 + [
    (_V.PUBLIC, _S.SUBMITTED),
    *[(_V.MEMBERS, _S.APPROVED)] * 3,
    (_V.MEMBERS, _S.DRAFT),
    (_V.PROTECTED, _S.APPROVED),
    (_V.PROTECTED, _S.CHANGES_REQUESTED),
    (_V.HIDDEN, _S.APPROVED),
    (_V.HIDDEN, _S.DECLINED),
]
# The first rows are showcase profiles: approved, public, regions shown to everyone, each taking
# the next expertise area, track, background, language and sub-region in turn. Random choices
# alone would leave some filter options empty for anonymous visitors; these fill all of them
# from 60 profiles on.
SHOWCASE = 10
AUDIENCES = list(Audience)
AUDIENCE_WEIGHTS = [4, 4, 2]

PSEUDONYM_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"


def _slot(index):
    """The index's visibility and status, and its turn in the showcase cycle if it has one."""
    block, place = divmod(index - 1, len(SLOTS))
    shuffle = random.Random(f"slots-{block}")  # noqa: S311 (demo data)
    row = shuffle.sample(range(len(SLOTS)), len(SLOTS))[place]
    return SLOTS[row], (block * SHOWCASE + row if row < SHOWCASE else None)


def _pseudonym(index):
    """A unique 5-character code. Models' random pseudonyms never start with Z, so none clash."""
    number = index * 7919 % len(PSEUDONYM_ALPHABET) ** 4  # scrambled, still one-to-one
    code = ""
    for _ in range(4):
        number, digit = divmod(number, len(PSEUDONYM_ALPHABET))
        code += PSEUDONYM_ALPHABET[digit]
    return f"Mediator Z{code}"


@dataclass
class Invented:
    """One fictional mediator: her profile's fields and the rows of its child tables."""

    index: int
    fields: dict
    expertise: list = field(default_factory=list)
    tracks: list = field(default_factory=list)
    backgrounds: list = field(default_factory=list)
    languages: dict = field(default_factory=dict)
    trainings: list = field(default_factory=list)
    countries: list = field(default_factory=list)

    @property
    def email(self):
        return EMAIL.format(self.index)


def invent(index, areas, now):
    """The fictional mediator number index; the same index always gives the same person."""
    rng = random.Random(index)  # noqa: S311 (demo data)
    culture = rng.choice(CULTURES)
    given, family = rng.choice(culture.given), rng.choice(culture.family)
    name = f"{family} {given}" if culture.family_first else f"{given} {family}"
    (visibility, status), turn = _slot(index)
    person = Invented(index, {"display_name": name})
    person.expertise = _some(rng, areas, turn, 2, 5)
    person.tracks = _some(rng, list(Track), turn, 1, 3)
    person.backgrounds = _some(rng, list(Background), turn, 1, 2)
    person.languages = _languages(rng, culture, turn)
    person.countries = _countries(rng, culture, turn)
    years = rng.randint(2, 35)
    person.trainings = [_training(rng, years, now) for _ in range(rng.randint(0, 4))]
    person.fields |= _about(rng, culture, name, years, person)
    person.fields |= _availability(rng)
    person.fields |= _privacy(rng, index, name, visibility, showcase=turn is not None)
    person.fields |= _review(rng, status, now)
    return person


def _in_turn(choices, turn):
    return [choices[turn % len(choices)]] if turn is not None and choices else []


def _some(rng, choices, turn, low, high):
    """Between low and high of the choices, starting with the one whose turn it is."""
    picked = rng.sample(choices, min(len(choices), rng.randint(low, high)))
    return list(dict.fromkeys([*_in_turn(choices, turn), *picked]))


def _languages(rng, culture, turn):
    languages = {rng.choice(culture.natives): LanguageLevel.NATIVE}
    others = rng.sample(WORKING_LANGUAGES, rng.randint(0, 3))
    for code in _in_turn(SHOWCASE_LANGUAGES, turn) + others:
        languages.setdefault(code, rng.choices(LEVELS, LEVEL_WEIGHTS)[0])
    return languages


def _countries(rng, culture, turn):
    picked = _in_turn(SUBREGION_COUNTRIES, turn) or [rng.choice(PROCESS_COUNTRIES)]
    picked += rng.sample(PROCESS_COUNTRIES, rng.randint(0, 3))
    if rng.random() < 0.4:
        picked.append(rng.choice(culture.homes))
    return list(dict.fromkeys(picked))


def _training(rng, years, now):
    kind = rng.choice(list(TRAININGS))
    hours = None if kind == Training.Kind.DEGREE or rng.random() < 0.2 else rng.randint(8, 400)
    return {
        "title": rng.choice(TRAININGS[kind]),
        "provider": rng.choice(PROVIDERS),
        "year": rng.randint(max(1995, now.year - years - 5), now.year),
        "kind": kind,
        "hours": hours,
    }


def _about(rng, culture, name, years, person):
    home = rng.choice(culture.homes)
    nationalities = [home]
    if rng.random() < 0.2:
        nationalities.append(rng.choice(HUB_COUNTRIES))
    based = rng.choices([home, rng.choice(HUB_COUNTRIES), ""], [65, 25, 10])[0]
    areas = ", ".join(area.name_en.lower() for area in person.expertise[:3])
    places = ", ".join(countries.name(code) for code in person.countries[:3])
    bio = (
        f"*Demo profile: {name} is a fictional person, invented for the development roster.*\n\n"
        f"She has {years} years of experience in {areas}, much of it in {places}. "
        f"{rng.choice(STORIES)}"
    )
    return {
        "headline": f"{rng.choice(ROLES)} (fictional)",
        "bio": bio,
        "pronouns": rng.choice(["she/her", "she/her", ""]),
        "country": based,
        "nationalities": list(dict.fromkeys(nationalities)),
        "years_experience": years,
    }


def _availability(rng):
    availability = rng.choices(list(Mediator.Availability), [40, 45, 15])[0]
    open_to_work = availability != Mediator.Availability.UNAVAILABLE
    deploys = open_to_work and rng.random() < 0.4
    return {
        "availability": availability,
        "deploys_within_72h": deploys,
        "remote_only": open_to_work and not deploys and rng.random() < 0.2,
        "availability_note": rng.choice(NOTES) if rng.random() < 0.3 else "",
        "accepts_contact": rng.random() < 0.85,
    }


def _privacy(rng, index, name, visibility, *, showcase):
    """Visibility and section audiences, with the name, address and pseudonym that follow.

    bulk_create skips Mediator.save(), so this does its work: a protected profile is listed and
    addressed by its pseudonym alone, never by anything derived from her name.
    """
    pseudonym = _pseudonym(index)
    if visibility == Mediator.Visibility.PROTECTED:
        public_name, slug = pseudonym, slugify(pseudonym)
    else:
        # Five digits, zero-padded: Mediator's own addresses end in six, so no clash.
        public_name, slug = name, f"{slugify(name) or 'mediator'}-{index:05d}"
    audiences = {
        f"{section}_audience": rng.choices(AUDIENCES, AUDIENCE_WEIGHTS)[0]
        for section in Mediator.SECTIONS
    }
    if showcase:
        audiences["regions_audience"] = Audience.PUBLIC
    return {
        "visibility": visibility,
        "pseudonym": pseudonym,
        "public_name": public_name,
        "sort_name": fold(public_name)[:SORT_NAME_LENGTH],
        "slug": slug,
        **audiences,
    }


def _review(rng, status, now):
    """Review dates; about a quarter of approved profiles are due for re-verification."""
    if status == Mediator.Status.DRAFT:
        return {"status": status}
    if status == Mediator.Status.SUBMITTED:
        return {"status": status, "submitted_at": now - timedelta(days=rng.randint(0, 20))}
    if status == Mediator.Status.APPROVED:
        overdue = rng.random() < 0.25
        reviewed = now - timedelta(days=rng.randint(366, 900) if overdue else rng.randint(0, 364))
    else:
        reviewed = now - timedelta(days=rng.randint(0, 30))
    review = {
        "status": status,
        "submitted_at": reviewed - timedelta(days=rng.randint(1, 21)),
        "reviewed_at": reviewed,
        "verified_on": timezone.localdate(reviewed) if status == Mediator.Status.APPROVED else None,
    }
    if status != Mediator.Status.APPROVED:
        review["staff_feedback"] = rng.choice(FEEDBACK)
    return review


# Writing.


def listed():
    """Listed demo mediators: the only ones the demo engages in processes or names as authors."""
    return Mediator.objects.listed().filter(user__email__iendswith=DOMAIN)


def seed_mediators(count, stdout):
    """Make sure demo mediators 1 to count exist; create only the missing ones. Returns how many."""
    check_count(count, MAX_COUNT)
    areas = list(ExpertiseArea.objects.order_by("position", "pk"))
    now = timezone.now()
    created = 0
    # Biographies name areas and countries in English whatever the active language.
    with translation.override("en"):
        for indices in batches(count, BATCH):
            created += _create_batch(indices, areas, now)
            stdout.write(f"  Demo mediators: {indices[-1]} of {count} checked, {created} created")
    stdout.write(f"{created} demo mediators created, {count - created} were already there.")
    return created


def _create_batch(indices, areas, now):
    """Create the missing mediators among indices, all rows at once, with search documents."""
    wanted = missing(User, "email", {EMAIL.format(index): index for index in indices})
    people = [invent(index, areas, now) for index in wanted]
    if not people:
        return 0
    with transaction.atomic():
        users = User.objects.bulk_create([_user(person) for person in people])
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        mediators = Mediator.objects.bulk_create(
            Mediator(user=user, **person.fields) for user, person in zip(users, people, strict=True)
        )
        _create_children(zip(mediators, people, strict=True))
        Mediator.refresh_search_of(mediators)
    return len(people)


def _user(person):
    user = User(email=person.email, name=person.fields["display_name"])
    user.set_unusable_password()  # demo people never sign in
    return user


def _create_children(pairs):
    expertise, tracks, backgrounds, languages, trainings, regions = [], [], [], [], [], []
    for mediator, person in pairs:
        expertise += [
            Mediator.expertise.through(mediator=mediator, expertisearea=area)
            for area in person.expertise
        ]
        tracks += [MediatorTrack(mediator=mediator, track=track) for track in person.tracks]
        backgrounds += [
            MediatorBackground(mediator=mediator, background=background)
            for background in person.backgrounds
        ]
        languages += [
            MediatorLanguage(mediator=mediator, code=code, level=level)
            for code, level in person.languages.items()
        ]
        trainings += [Training(mediator=mediator, **training) for training in person.trainings]
        regions += [
            RegionalExperience(mediator=mediator, country=country, **derived_regions(country))
            for country in person.countries
        ]
    bulk_insert(expertise, tracks, backgrounds, languages, trainings, regions)
