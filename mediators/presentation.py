"""How a profile is seen: what one audience may read of it, and what her card shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django_countries.fields import Country

from wpm.choices import Track
from wpm.geography import region_name

from .choices import Background, LanguageLevel, language_name

if TYPE_CHECKING:  # for the annotations only: the models build presentations
    from .models import Mediator


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
        return sorted(region_name(code) for code in self.mediator.summary.get("subregions", []))

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
        return [Country(code).name for code in self.mediator.summary.get("countries", [])]

    @property
    def track_names(self) -> list[str | Promise]:
        return [Track(code).label for code in self.mediator.summary.get("tracks", [])]

    @property
    def background_names(self) -> list[str | Promise]:
        return [Background(code).label for code in self.mediator.summary.get("backgrounds", [])]

    @property
    def card(self) -> dict[str, Any]:
        """What her roster card shows."""
        mediator = self.mediator
        card = {
            "name": self.name,
            "headline": self.headline,
            "url": mediator.get_absolute_url(),
            "expertise": self.expertise_names[:3],
            "languages": "",
            "regions": "",
        }
        if self.shows["photo"]:
            card["photo"] = reverse("photos:photo", args=[mediator.photo_small.name])
            card["photo_large"] = reverse("photos:photo", args=[mediator.photo.name])
        if self.shows["details"]:
            card["languages"] = ", ".join(name for name, _level in self.languages)
        elif self.shows["regions"]:
            card["regions"] = ", ".join(self.region_names)
        return card
