"""Vocabulary shared by the roster and the process catalogue."""

import functools
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def per_language[T](function: Callable[[], list[T]]) -> Callable[[], list[T]]:
    """Choices that depend on the active language alone, as the lists of countries, regions
    and languages do: read once per language and kept, since nothing else changes them (each
    caller gets a list of its own), and marked so that select boxes write their options once
    per language too (wpm.widgets). Naming and sorting the regions took 0.06 ms, two or three
    times on every filtered list (its form's check, its chips, its select box). A function
    whose choices change in any other way (rows of a table) must stay unmarked."""
    kept: dict[str | None, tuple[T, ...]] = {}

    @functools.wraps(function)
    def choices() -> list[T]:
        language = get_language()
        found = kept.get(language)
        if found is None:
            found = kept[language] = tuple(function())
        return list(found)

    choices.per_language = True  # type: ignore[attr-defined]  # a mark read by wpm.widgets
    return choices


def blank_first[T](choices: Callable[[], list[T]]) -> Callable[[], list[Any]]:
    """Choices for a row of a formset, led by an empty one: a row left empty must post as
    empty. A list without a blank first option sends its first entry, and every unused row
    of the form looks filled in (then refused for what it lacks)."""
    return lambda: [("", BLANK_CHOICE_DASH[0][1]), *choices()]


class BilingualName:
    """For vocabularies staff name in both languages: `name` is the reader's."""

    name_en: str
    name_de: str

    @property
    def name(self) -> str:
        return self.name_de if (get_language() or "en").startswith("de") else self.name_en


class Track(models.TextChoices):
    """The levels of peace mediation, from official negotiations to communities."""

    TRACK_1 = "1", _("Track 1")
    TRACK_1_5 = "1.5", _("Track 1.5")
    TRACK_2 = "2", _("Track 2")
    TRACK_3 = "3", _("Track 3")
