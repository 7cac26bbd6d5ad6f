"""What a member changed in her listed profile since staff last verified it.

Her edits go live at once; staff see each changed part beside what they verified, and may put
a part back. What staff verified is kept on her profile (Mediator.verified_content), so it goes
with the profile and holds no one else's data. Her privacy choices are hers alone and are not
part of it: staff never turn a part back to a wider audience.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from wpm import phones
from wpm.choices import Track

from .choices import Background, LanguageLevel, language_name
from .qualifications import (
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
    replace_rows,
)

if TYPE_CHECKING:
    from .models import Mediator

# Her own fields, kept as they are stored.
FIELDS = [
    "display_name",
    "pronouns",
    "headline",
    "bio",
    "text_language",
    "years_experience",
    "availability",
    "deploys_within_72h",
    "remote_only",
    "availability_note",
    "phone",
    "accepts_contact",
]
TRAINING_FIELDS = ("title", "provider", "year", "kind", "hours")


def content_of(mediator: Mediator) -> dict[str, Any]:
    """Everything she writes about herself, as JSON, lists sorted so that order is no change.
    Read from the database, never from rows an earlier read left on the instance."""
    return contents_of([mediator])[mediator.pk]


# Her rows in other tables, as parts of her content: each part, its table and the columns
# read (a single column's value stands alone, several make a list).
ROWS: list[tuple[str, type[models.Model], tuple[str, ...]]] = [
    ("tracks", MediatorTrack, ("track",)),
    ("backgrounds", MediatorBackground, ("background",)),
    ("languages", MediatorLanguage, ("code", "level")),
    ("trainings", Training, TRAINING_FIELDS),
    ("regions", RegionalExperience, ("country",)),
]


def contents_of(mediators: Sequence[Mediator]) -> dict[int, dict[str, Any]]:
    """content_of() for several profiles, by their ids: each table is read once for all of
    them, so that a review of hundreds reads no more than a review of one. Read from the
    database too."""
    if not mediators:
        return {}
    contents: dict[int, dict[str, Any]] = {}
    for mediator in mediators:
        content = {name: getattr(mediator, name) for name in FIELDS}
        content["country"] = str(mediator.country or "")  # a Country reads as its code
        content["nationalities"] = sorted(str(country) for country in mediator.nationalities)
        content["expertise"] = []
        contents[mediator.pk] = content | {part: [] for part, _model, _columns in ROWS}
    ids = list(contents)
    areas = type(mediators[0]).expertise.through.objects.filter(mediator__in=ids)
    for pk, slug in areas.values_list("mediator_id", "expertisearea__slug"):
        contents[pk]["expertise"].append(slug)
    for part, model, columns in ROWS:
        rows = model._default_manager.filter(mediator__in=ids)
        for pk, *values in rows.values_list("mediator_id", *columns):
            contents[pk][part].append(values[0] if len(values) == 1 else values)
    for content in contents.values():
        content["expertise"].sort()
        for part, _model, _columns in ROWS:
            content[part].sort(key=repr if part == "trainings" else None)  # hours may be None
    return contents


@dataclass
class Change:
    """One part as staff verified it and as it reads now."""

    part: str
    label: str | Promise
    before: str
    now: str


def changes_of(mediator: Mediator) -> list[Change]:
    """The parts she changed since staff verified her profile, in the order of the form."""
    verified = mediator.verified_content
    if not verified:
        return []
    current = content_of(mediator)
    return [
        Change(part, label_of(mediator, part), describe(mediator, part, verified.get(part)), now)
        for part in current
        if part in verified and verified[part] != current[part]
        for now in [describe(mediator, part, current[part])]
    ]


def label_of(mediator: Mediator, part: str) -> str | Promise:
    if part in LABELS:
        return LABELS[part]
    return mediator._meta.get_field(part).verbose_name  # type: ignore[union-attr]


LABELS: dict[str, str | Promise] = {
    "expertise": _("Expertise areas"),
    "tracks": _("Track experience"),
    "backgrounds": _("Professional backgrounds"),
    "languages": _("Languages"),
    "trainings": _("Training"),
    "regions": _("Countries of experience"),
}


def describe(mediator: Mediator, part: str, value: Any) -> str:
    """A part's stored value as staff read it."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    describers: dict[str, Callable[[Any], str]] = {
        "country": lambda code: Country(code).name,
        "nationalities": _countries,
        "regions": _countries,
        "text_language": language_name,
        "phone": phones.readable,
        "availability": lambda code: str(dict(type(mediator).Availability.choices).get(code, code)),
        "expertise": lambda slugs: ", ".join(
            area.name for area in mediator.expertise.model.objects.filter(slug__in=slugs)
        ),
        "tracks": lambda codes: ", ".join(str(Track(code).label) for code in codes),
        "backgrounds": lambda codes: ", ".join(str(Background(code).label) for code in codes),
        "languages": lambda rows: "; ".join(
            f"{language_name(code)}: {LanguageLevel(level).label}" for code, level in rows
        ),
        "trainings": lambda rows: "; ".join(
            ", ".join(str(cell) for cell in row[:3] if cell) for row in rows
        ),
    }
    return describers.get(part, str)(value)


def _countries(codes: Iterable[str]) -> str:
    return ", ".join(sorted(Country(code).name for code in codes))


@transaction.atomic
def put_back(mediator: Mediator, parts: Iterable[str]) -> list[str]:
    """Return these parts to what staff verified; the parts put back."""
    verified = mediator.verified_content
    done = []
    for part in parts:
        if part not in verified:
            continue
        value = verified[part]
        if part in FIELDS or part in ("country", "nationalities"):
            setattr(mediator, part, value)
        elif part == "expertise":
            mediator.expertise.set(mediator.expertise.model.objects.filter(slug__in=value))
        elif part == "tracks":
            replace_rows(mediator, MediatorTrack, [{"track": code} for code in value])
        elif part == "backgrounds":
            replace_rows(mediator, MediatorBackground, [{"background": code} for code in value])
        elif part == "languages":
            replace_rows(
                mediator, MediatorLanguage, [{"code": c, "level": lvl} for c, lvl in value]
            )
        elif part == "trainings":
            rows = [dict(zip(TRAINING_FIELDS, row, strict=True)) for row in value]
            replace_rows(mediator, Training, rows)
        elif part == "regions":
            replace_rows(mediator, RegionalExperience, [{"country": code} for code in value])
        else:
            continue
        done.append(part)
    mediator.save()
    return done
