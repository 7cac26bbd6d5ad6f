"""A mediator's profile in a format that moves between networks (JSON, with a JSON Schema).

A member downloads her profile in it (her right to data portability) and can start her draft
from a file another network gave her: each part is checked and shown to her before anything is
saved, and every part she takes starts visible to staff only, whatever the file said.

The schema is versioned: ``SCHEMA_PATH`` names its major version, ``VERSION`` the exact one; a
file of version 1.x reads here. Expertise areas are each network's own words: those this network
does not know are named and left out.
"""

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from jsonschema import Draft202012Validator

from wpm import phones
from wpm.choices import Track
from wpm.validators import validate_single_line

from .choices import Background, LanguageLevel, language_choices, language_name
from .models import AUDIENCE_NAMES, Audience, ExpertiseArea, Mediator
from .qualifications import (
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
    replace_rows,
)

FORMAT = "mediator-profile"
VERSION = "1.0"
SCHEMA_PATH = "/schemas/mediator-profile/v1.json"
MAX_BYTES = 256 * 1024

# The format's words for audiences and CEFR levels, from the site's own choices.
AUDIENCES = {name: int(audience) for audience, name in AUDIENCE_NAMES.items()}
LEVELS = {
    "native" if level == LanguageLevel.NATIVE else level.name: int(level) for level in LanguageLevel
}
LEVEL_NAMES = {number: name for name, number in LEVELS.items()}
VISIBILITIES = ["public", "members", "protected", "hidden"]
AVAILABILITIES = ["available", "limited", "unavailable"]
TRAINING_KINDS = ["course", "certification", "coaching", "degree"]
# The parts of a profile, in the order of her member area; those with an audience carry it.
PARTS = [
    "about",
    "expertise",
    "languages",
    "trainings",
    "regions",
    "nationalities",
    "country",
    "availability",
    "phone",
    "bio",
]
SECTION_OF_PART = {
    "trainings": "trainings",
    "regions": "regions",
    "nationalities": "nationalities",
    "country": "country",
    "availability": "availability",
    "phone": "phone",
    "bio": "bio",
}


def _text(limit: int, description: str, *, single_line: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "maxLength": limit, "description": description}
    if single_line:
        schema["pattern"] = "^[^\\r\\n]*$"
    return schema


def _filled(limit: int, description: str) -> dict[str, Any]:
    """A line that must say something: spaces alone are empty, as the forms read them."""
    return _text(limit, description) | {"minLength": 1, "pattern": "^[^\\r\\n]*\\S[^\\r\\n]*$"}


def _section(description: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": ["audience", *properties],
        "properties": {"audience": {"$ref": "#/$defs/audience"}, **properties},
    }


COUNTRY = {"$ref": "#/$defs/country"}
COUNTRIES = {"type": "array", "items": COUNTRY, "uniqueItems": True, "maxItems": 60}


def schema(base_url: str = "") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format, with a description of every part."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base_url + SCHEMA_PATH,
        "title": "Mediator profile",
        "description": (
            "A peace mediator's profile as networks of women mediators exchange it: what she "
            "knows, the languages she speaks, the tracks and regions she has worked on, her "
            "training and experience, and for each part who she lets see it. Version "
            f"{VERSION}; a reader of version 1 reads every 1.x file."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "profile"],
        "properties": {
            "$schema": {"type": "string", "description": "The address of this schema."},
            "format": {"const": FORMAT},
            "version": {
                "type": "string",
                "pattern": "^1\\.[0-9]+$",
                "description": "The version of the format the file follows.",
            },
            "exported_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the file was made (ISO 8601).",
            },
            "source": {
                "type": "object",
                "additionalProperties": False,
                "description": "The network the file comes from.",
                "properties": {
                    "name": _text(200, "The network's name."),
                    "url": _text(500, "The network's website."),
                },
            },
            "profile": {"$ref": "#/$defs/profile"},
        },
        "$defs": {
            "audience": {
                "enum": list(AUDIENCES),
                "description": (
                    "Who may see a part: everyone, the network's signed-in members, or its "
                    "staff only."
                ),
            },
            "country": {
                "type": "string",
                "pattern": "^[A-Z]{2}$",
                "description": "An ISO 3166-1 alpha-2 country code.",
            },
            "profile": {
                "type": "object",
                "additionalProperties": False,
                "required": ["display_name"],
                "properties": {
                    "display_name": _filled(120, "The name she is known by."),
                    "pronouns": _text(40, "Her pronouns, as she writes them."),
                    "headline": _text(160, "Her current role, in one line."),
                    "text_language": {
                        "type": "string",
                        "pattern": "^[a-z]{2}$",
                        "description": (
                            "The ISO 639-1 code of the language her headline, biography and "
                            "notes are written in."
                        ),
                    },
                    "years_experience": {
                        "type": ["integer", "null"],
                        "minimum": 0,
                        "maximum": 70,
                        "description": "Years of mediation experience.",
                    },
                    "visibility": {
                        "enum": VISIBILITIES,
                        "description": (
                            "Who may see the profile at all; 'protected' shows the public a "
                            "pseudonym, her regions and expertise only."
                        ),
                    },
                    "accepts_contact": {
                        "type": "boolean",
                        "description": "Whether she accepts messages relayed by the network.",
                    },
                    "expertise": {
                        "type": "array",
                        "uniqueItems": True,
                        "maxItems": 50,
                        "items": _text(80, "An area of expertise, by its short name."),
                        "description": (
                            "Her areas of expertise by short name (such as 'ceasefires' or "
                            "'gender-inclusion'); each network keeps its own list."
                        ),
                    },
                    "tracks": {
                        "type": "array",
                        "uniqueItems": True,
                        "items": {"enum": [str(track) for track in Track.values]},
                        "description": (
                            "The tracks of mediation she has worked on: 1 official negotiations "
                            "between political decision-makers, 1.5, 2 and 3."
                        ),
                    },
                    "backgrounds": {
                        "type": "array",
                        "uniqueItems": True,
                        "items": {"enum": list(Background.values)},
                        "description": "Her professional backgrounds.",
                    },
                    "languages": {
                        "type": "array",
                        "maxItems": 20,
                        "description": "The languages she speaks, each with its CEFR level.",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["code", "level"],
                            "properties": {
                                "code": {
                                    "type": "string",
                                    "pattern": "^[a-z]{2}$",
                                    "description": "An ISO 639-1 language code.",
                                },
                                "level": {
                                    "enum": list(LEVELS),
                                    "description": "A CEFR level, or 'native'.",
                                },
                            },
                        },
                    },
                    "bio": _section(
                        "Her biography.",
                        text=_text(5000, "Plain text with light Markdown.", single_line=False),
                    ),
                    "nationalities": _section("Her nationalities.", countries=COUNTRIES),
                    "country": _section(
                        "The country she is based in.",
                        country={"anyOf": [COUNTRY, {"const": ""}]},
                    ),
                    "trainings": _section(
                        "Her training in mediation.",
                        items={
                            "type": "array",
                            "maxItems": 50,
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["title", "provider", "year"],
                                "properties": {
                                    "title": _filled(200, "The training's title."),
                                    "provider": _filled(200, "Who gave it."),
                                    "year": {"type": "integer", "minimum": 1950, "maximum": 2100},
                                    "kind": {"enum": TRAINING_KINDS},
                                    "hours": {
                                        "type": ["integer", "null"],
                                        "minimum": 1,
                                        "maximum": 5000,
                                    },
                                },
                            },
                        },
                    ),
                    "regions": _section(
                        "The countries she has worked on; regions follow from them.",
                        countries=COUNTRIES,
                    ),
                    "availability": _section(
                        "Whether she is available for new assignments.",
                        status={"enum": AVAILABILITIES},
                        deploys_within_72h={"type": "boolean"},
                        remote_only={"type": "boolean"},
                        note=_text(200, "A note on her availability."),
                    ),
                    "phone": _section(
                        "A phone number, in E.164 ('+4930123456').",
                        number=_text(40, "The number with its country code."),
                    ),
                },
            },
        },
    }


VALIDATOR = Draft202012Validator(schema())


# Writing a profile.


def export(mediator: Mediator, *, source_url: str = "") -> dict[str, Any]:
    """Her whole profile in the format, each part with the audience she chose for it."""

    def audience(section: str) -> str:
        return AUDIENCE_NAMES[Audience(mediator.audience_for(section))]

    return {
        "$schema": source_url + SCHEMA_PATH,
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "source": {"name": "Women in Peace Mediation network", "url": source_url + "/"},
        "profile": {
            "display_name": mediator.display_name,
            "pronouns": mediator.pronouns,
            "headline": mediator.headline,
            "text_language": mediator.text_language,
            "years_experience": mediator.years_experience,
            "visibility": mediator.visibility,
            "accepts_contact": mediator.accepts_contact,
            "expertise": sorted(mediator.expertise.values_list("slug", flat=True)),
            "tracks": sorted(row.track for row in mediator.tracks.all()),
            "backgrounds": sorted(row.background for row in mediator.backgrounds.all()),
            "languages": [
                {"code": row.code, "level": LEVEL_NAMES[row.level]}
                for row in mediator.languages.order_by("-level", "code")
            ],
            "bio": {"audience": audience("bio"), "text": mediator.bio},
            "nationalities": {
                "audience": audience("nationalities"),
                "countries": [str(country) for country in mediator.nationalities],
            },
            "country": {
                "audience": audience("country"),
                "country": str(mediator.country or ""),
            },
            "trainings": {
                "audience": audience("trainings"),
                "items": [
                    {
                        "title": row.title,
                        "provider": row.provider,
                        "year": row.year,
                        "kind": row.kind,
                        "hours": row.hours,
                    }
                    for row in mediator.trainings.order_by("year", "title")
                ],
            },
            "regions": {
                "audience": audience("regions"),
                "countries": sorted(str(row.country) for row in mediator.regional_experience.all()),
            },
            "availability": {
                "audience": audience("availability"),
                "status": mediator.availability,
                "deploys_within_72h": mediator.deploys_within_72h,
                "remote_only": mediator.remote_only,
                "note": mediator.availability_note,
            },
            "phone": {"audience": audience("phone"), "number": mediator.phone},
        },
    }


# Reading a file.


class FileRefused(Exception):
    """A file that cannot be taken, with the reasons, each naming the part it concerns."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Reading:
    """A file's profile, checked, with what was left out and why."""

    profile: dict[str, Any]
    source: str
    left_out: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        """The parts the file holds, in the order of her member area."""
        profile = self.profile
        present = {
            "about": True,
            "expertise": any(profile.get(name) for name in ("expertise", "tracks", "backgrounds")),
            "languages": bool(profile.get("languages")),
        }
        return [part for part in PARTS if present.get(part, part in self.profile)]


def _where(path: Any) -> str:
    """Where in the file, for people: "profile / languages / 1 / level", counting from 1."""
    steps = [str(step + 1) if isinstance(step, int) else str(step) for step in path]
    return " / ".join(steps) or str(_("the file"))


MESSAGES = {
    "required": _("%(where)s: %(detail)s is missing."),
    "additionalProperties": _("%(where)s: %(detail)s is not part of the format."),
    "enum": _("%(where)s: %(value)s is not one of the values the format allows."),
    "const": _("%(where)s: %(value)s is not what the format expects."),
    "type": _("%(where)s: %(value)s has the wrong type."),
    "maxLength": _("%(where)s: longer than %(limit)s characters."),
    "minLength": _("%(where)s: may not be empty."),
    "pattern": _("%(where)s: %(value)s is not in the expected form."),
    "maximum": _("%(where)s: %(value)s is more than %(limit)s."),
    "minimum": _("%(where)s: %(value)s is less than %(limit)s."),
    "maxItems": _("%(where)s: more than %(limit)s entries."),
    "uniqueItems": _("%(where)s: an entry is repeated."),
    "anyOf": _("%(where)s: %(value)s is not in the expected form."),
}


def _message(error: Any) -> str:
    detail = ""
    if error.validator == "required":
        detail = str(error.message).split("'")[1] if "'" in error.message else ""
    elif error.validator == "additionalProperties":
        detail = ", ".join(
            repr(name) for name in error.instance if name not in error.schema["properties"]
        )[:200]
    value = repr(error.instance)
    value = value if len(value) <= 60 else value[:57] + "…"
    template = MESSAGES.get(error.validator, _("%(where)s: not valid."))
    return str(template) % {
        "where": _where(error.absolute_path),
        "detail": detail,
        "value": value,
        "limit": error.validator_value if isinstance(error.validator_value, int) else "",
    }


def read(upload: Any) -> Reading:
    """The profile in an uploaded file, checked against the schema and this network's rules;
    FileRefused naming every problem otherwise."""
    if upload.size > MAX_BYTES:
        raise FileRefused([str(_("The file is larger than 256 KB."))])
    raw = upload.read(MAX_BYTES + 1)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileRefused([str(_("The file is not UTF-8 text."))]) from None
    except (ValueError, RecursionError):
        raise FileRefused([str(_("The file is not JSON."))]) from None
    unreadable = [
        str(_("%(where)s: holds a character no text may hold (NUL, or half of a surrogate pair)."))
        % {"where": _where(path)}
        for path in _unreadable_texts(data, [])
    ][:20]
    if unreadable:
        raise FileRefused(unreadable)
    problems = [
        _message(error)
        for error in sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    ][:20]
    if problems:
        raise FileRefused(problems)
    profile = _composed(data["profile"])
    problems, left_out = _check(profile)
    if problems:
        raise FileRefused(problems)
    source = str(data.get("source", {}).get("name", ""))
    return Reading(profile, source, left_out)


def _composed(value: Any) -> Any:
    """Every text composed (Unicode NFC), as the forms keep what she types (wpm.forms)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_composed(item) for item in value]
    if isinstance(value, dict):
        return {key: _composed(item) for key, item in value.items()}
    return value


def _unreadable_texts(value: Any, path: list[Any]) -> Iterator[list[Any]]:
    """Where a text holds a NUL character or a lone half of a surrogate pair: JSON can say
    both ("\\u0000", "\\ud800"), but no page can show them and PostgreSQL cannot store the
    first (both were a server error on the page that reviews the import)."""
    if isinstance(value, str):
        if "\x00" in value or (not value.isascii() and _broken(value)):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unreadable_texts(item, [*path, key])
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _unreadable_texts(item, [*path, number])


def _broken(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check(profile: dict[str, Any]) -> tuple[list[str], list[str]]:
    """What the schema cannot say: codes this network knows, a dialable phone number, no line
    break in a one-line text. Problems refuse the file; expertise unknown here is left out."""
    problems: list[str] = []
    known_languages = dict(language_choices())
    for number, row in enumerate(profile.get("languages", [])):
        if row["code"] not in known_languages:
            problems.append(
                str(_("%(where)s: %(value)s is not a language code."))
                % {"where": _where(["profile", "languages", number, "code"]), "value": row["code"]}
            )
    codes = [row["code"] for row in profile.get("languages", [])]
    if len(codes) != len(set(codes)):
        problems.append(
            str(_("%(where)s: a language is listed twice."))
            % {"where": _where(["profile", "languages"])}
        )
    places = [
        (
            ["profile", "nationalities", "countries"],
            profile.get("nationalities", {}).get("countries", []),
        ),
        (["profile", "regions", "countries"], profile.get("regions", {}).get("countries", [])),
        (["profile", "country", "country"], [profile.get("country", {}).get("country", "")]),
    ]
    for where, values in places:
        for value in values:
            if value and value not in countries:
                problems.append(
                    str(_("%(where)s: %(value)s is not a country code."))
                    % {"where": _where(where), "value": value}
                )
    language = profile.get("text_language", "en")
    if language not in known_languages:
        problems.append(
            str(_("%(where)s: %(value)s is not a language code."))
            % {"where": _where(["profile", "text_language"]), "value": language}
        )
    number = profile.get("phone", {}).get("number", "")
    if number:
        try:
            profile["phone"]["number"] = phones.normalise(number)
        except ValidationError:
            problems.append(
                str(_("%(where)s: %(value)s is not a phone number with its country code."))
                % {"where": _where(["profile", "phone", "number"]), "value": number[:40]}
            )
    known = set(ExpertiseArea.objects.values_list("slug", flat=True))
    unknown = [slug for slug in profile.get("expertise", []) if slug not in known]
    left_out = [
        str(_("The area of expertise %(value)s, which this network does not list."))
        % {"value": repr(slug)[:90]}
        for slug in unknown
    ]
    profile["expertise"] = [slug for slug in profile.get("expertise", []) if slug in known]
    for name in ("display_name", "pronouns", "headline"):
        try:
            validate_single_line(profile.get(name, ""))
        except ValidationError:
            problems.append(
                str(_("%(where)s: a line break.")) % {"where": _where(["profile", name])}
            )
    return problems, left_out


# Describing and taking its parts.


def describe(reading: Reading, part: str) -> list[tuple[str, str]]:
    """A part of the file as she reads it before she takes it: (label, value) lines."""
    profile = reading.profile
    lines: list[tuple[Any, str]] = []
    if part == "about":
        lines = [
            (_("Name"), profile["display_name"]),
            (_("Pronouns"), profile.get("pronouns", "")),
            (_("Headline"), profile.get("headline", "")),
            (_("Language of your texts"), language_name(profile.get("text_language", "en"))),
            (_("Years of mediation experience"), str(profile.get("years_experience") or "")),
        ]
    elif part == "expertise":
        areas = ExpertiseArea.objects.filter(slug__in=profile.get("expertise", []))
        tracks = [str(Track(code).label) for code in profile.get("tracks", [])]
        backgrounds = [str(Background(code).label) for code in profile.get("backgrounds", [])]
        lines = [
            (_("Expertise areas"), ", ".join(area.name for area in areas)),
            (_("Track experience"), ", ".join(tracks)),
            (_("Professional backgrounds"), ", ".join(backgrounds)),
        ]
    elif part == "languages":
        lines = [
            (language_name(row["code"]), str(LanguageLevel(LEVELS[row["level"]]).label))
            for row in profile["languages"]
        ]
    elif part == "trainings":
        lines = [
            (str(row["year"]), f"{row['title']}, {row['provider']}")
            for row in profile["trainings"]["items"]
        ]
    elif part in ("regions", "nationalities"):
        names = sorted(countries.name(code) for code in profile[part]["countries"])
        lines = [(_("Countries"), ", ".join(names))]
    elif part == "country":
        code = profile["country"]["country"]
        lines = [(_("Based in"), countries.name(code) if code else "")]
    elif part == "availability":
        section = profile["availability"]
        lines = [
            (_("Availability"), str(Mediator.Availability(section["status"]).label)),
            (_("Note"), section["note"]),
        ]
    elif part == "phone":
        lines = [(_("Phone"), phones.readable(profile["phone"]["number"]))]
    elif part == "bio":
        lines = [(_("Biography"), profile["bio"]["text"])]
    return [(str(label), value) for label, value in lines if value]


def audience_in_file(reading: Reading, part: str) -> str:
    """Who the file says may see a part, in the reader's words; empty for the core parts."""
    section = reading.profile.get(part)
    if part not in SECTION_OF_PART or not isinstance(section, dict):
        return ""
    return str(Audience(AUDIENCES[section["audience"]]).label)


@transaction.atomic
def take(mediator: Mediator, reading: Reading, parts: list[str]) -> None:
    """Write the chosen parts into her draft. Every section she takes is seen by staff only,
    whatever the file said; a profile it starts is hidden, until she chooses otherwise."""
    profile = reading.profile
    staff = AUDIENCES["staff"]
    if mediator._state.adding:
        mediator.visibility = Mediator.Visibility.HIDDEN
    if "about" in parts:
        mediator.display_name = " ".join(profile["display_name"].split())
        # Stripped as the forms strip them: spaces alone are no headline.
        mediator.pronouns = profile.get("pronouns", "").strip()
        mediator.headline = profile.get("headline", "").strip()
        mediator.text_language = profile.get("text_language", "en")
        mediator.years_experience = profile.get("years_experience")
        # The most cautious of the two: a file may close her contact form, never open it.
        if profile.get("accepts_contact") is False:
            mediator.accepts_contact = False
    for part, section in SECTION_OF_PART.items():
        if part in parts:
            setattr(mediator, f"{section}_audience", staff)
    if "bio" in parts:
        mediator.bio = profile["bio"]["text"]
    if "nationalities" in parts:
        mediator.nationalities = profile["nationalities"]["countries"]
    if "country" in parts:
        mediator.country = profile["country"]["country"]
    if "availability" in parts:
        section = profile["availability"]
        mediator.availability = section["status"]
        mediator.deploys_within_72h = section["deploys_within_72h"]
        mediator.remote_only = section["remote_only"]
        mediator.availability_note = section["note"].strip()
    if "phone" in parts:
        mediator.phone = profile["phone"]["number"]
    mediator.save()
    if "expertise" in parts:
        mediator.expertise.set(ExpertiseArea.objects.filter(slug__in=profile.get("expertise", [])))
        replace_rows(mediator, MediatorTrack, [{"track": t} for t in profile.get("tracks", [])])
        replace_rows(
            mediator,
            MediatorBackground,
            [{"background": b} for b in profile.get("backgrounds", [])],
        )
    if "languages" in parts:
        replace_rows(
            mediator,
            MediatorLanguage,
            [{"code": row["code"], "level": LEVELS[row["level"]]} for row in profile["languages"]],
        )
    if "trainings" in parts:
        replace_rows(
            mediator,
            Training,
            [
                {
                    "title": row["title"],
                    "provider": row["provider"],
                    "year": row["year"],
                    "kind": row.get("kind", "course"),
                    "hours": row.get("hours"),
                }
                for row in profile["trainings"]["items"]
            ],
        )
    if "regions" in parts:
        regions = [{"country": code} for code in profile["regions"]["countries"]]
        replace_rows(mediator, RegionalExperience, regions)
    mediator.refresh_search()
