"""How a profile is seen: what one audience may read of it, and what her card shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django_countries.fields import Country

from wpm.choices import Track
from wpm.geography import SUBREGION_REGION, region_name
from wpm.groupings import grouping_countries
from wpm.names import fold

from .choices import Background, LanguageLevel, language_name

if TYPE_CHECKING:  # for the annotations only: the models build presentations
    from .models import Mediator


@lru_cache(maxsize=256)
def _named_region(code: str, language: str | None) -> tuple[str, str]:
    """A sub-region's name in a language and the key it sorts by, worked out once a process:
    each card of a list sorted its regions' names afresh, folding each (1.8 ms of a page of 50
    profiles in the API, most of a card's cost)."""
    name = region_name(code, language)
    return fold(name), name


@dataclass
class Presentation:
    """What one audience may see of a profile; templates and search read only this."""

    mediator: Mediator
    audience: int
    pseudonymous: bool
    shows: dict[str, bool] = field(default_factory=dict)
    # Why a search found her, where it named what she matched ("speaks Arabic (C1)").
    matched: str = ""

    @property
    def name(self) -> str:
        return self.mediator.pseudonym if self.pseudonymous else self.mediator.display_name

    @property
    def headline(self) -> str:
        return "" if self.pseudonymous else self.mediator.headline

    # Her lists, from the summary kept with her search documents (Mediator.summary): the
    # roster and site search show many cards a page, and none loads related rows.

    @property
    def region_names(self) -> list[str]:
        """The sub-regions she has worked in, named in the active language."""
        language = get_language()
        named = (
            _named_region(code, language) for code in self.mediator.summary.get("subregions", [])
        )
        return [name for _key, name in sorted(named)]

    @property
    def expertise_names(self) -> list[str]:
        german = (get_language() or "en").startswith("de")
        return [names[german] for names in self.mediator.summary.get("expertise", [])]

    @property
    def languages(self) -> list[tuple[str, str | Promise]]:
        """(language, level) pairs, the best spoken first."""
        return [
            (language_name(code), LanguageLevel(level).label)
            for code, level in self.mediator.summary.get("languages", [])
        ]

    @property
    def country_names(self) -> list[str]:
        """Named and sorted in the active language, "Ägypten" among the A's: stored by their
        codes, they read "Switzerland, Germany, Egypt"."""
        names = (Country(code).name for code in self.mediator.summary.get("countries", []))
        return sorted(names, key=fold)

    @property
    def track_names(self) -> list[str | Promise]:
        return [Track(code).label for code in self.mediator.summary.get("tracks", [])]

    @property
    def background_names(self) -> list[str | Promise]:
        return [Background(code).label for code in self.mediator.summary.get("backgrounds", [])]

    def explain(self, chosen: dict[str, Any]) -> str:
        """Why she matched the roster's filters (their cleaned values), in what this audience
        may see of her: the languages with her level, the tracks, where she worked, whether
        she is available now."""
        notes: list[str] = []
        summary = self.mediator.summary
        if self.shows["details"]:
            levels = dict(summary.get("languages", []))
            notes += [
                f"{language_name(code)}: {LanguageLevel(levels[code]).label}"
                for code in chosen.get("language") or []
                if code in levels
            ]
            tracks = set(summary.get("tracks", []))
            notes += [
                str(Track(code).label) for code in chosen.get("track") or [] if code in tracks
            ]
        if self.shows["regions"]:
            notes += self._places(chosen)
        if chosen.get("available") and self.shows["details"] and self.shows["availability"]:
            notes.append(str(self.mediator.get_availability_display()))
        return " \N{MIDDLE DOT} ".join(notes)

    def _places(self, chosen: dict[str, Any]) -> list[str]:
        """Where she worked, of what the region and country filters asked for."""
        wanted = set(chosen.get("country") or [])
        region = chosen.get("region") or ""
        grouping = grouping_countries(region)
        if grouping is not None:
            wanted |= set(grouping)
        countries = set(self.mediator.summary.get("countries", []))
        names = []
        if wanted and not self.pseudonymous:
            names += sorted((Country(code).name for code in countries & wanted), key=fold)
        if region and grouping is None:
            subregions = self.mediator.summary.get("subregions", [])
            names += sorted(
                (
                    region_name(code)
                    for code in subregions
                    if code == region or SUBREGION_REGION.get(code) == region
                ),
                key=fold,
            )
        return names

    @property
    def card(self) -> dict[str, Any]:
        """What her roster card shows."""
        mediator = self.mediator
        language = get_language()
        card = {
            "name": self.name,
            "headline": self.headline,
            # Her headline's language, where the page's differs.
            "lang": "" if mediator.text_language == language else mediator.text_language,
            "url": mediator.get_absolute_url(),
            "expertise": self.expertise_names[:3],
            "languages": "",
            "regions": "",
        }
        if self.shows["photo"]:
            card["photo"] = reverse("photos:photo", args=[mediator.photo_small.name])
            card["photo_large"] = reverse("photos:photo", args=[mediator.photo.name])
        if self.shows["details"]:
            # Her languages' names alone, in the page's language, asked for once.
            card["languages"] = ", ".join(
                language_name(code, language)
                for code, _level in mediator.summary.get("languages", [])
            )
        elif self.shows["regions"]:
            card["regions"] = ", ".join(self.region_names)
        return card
