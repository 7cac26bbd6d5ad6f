"""Vocabulary shared by the roster and the process catalogue."""

from collections.abc import Callable

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def per_language[F: Callable[[], object]](function: F) -> F:
    """Marks a function of choices that depend on the active language alone, as the lists of
    countries, regions and languages do, so that select boxes build their options once per
    language (wpm.widgets). A function whose choices change in any other way (rows of a
    table) must stay unmarked."""
    function.per_language = True  # type: ignore[attr-defined]  # a mark read by wpm.widgets
    return function


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
