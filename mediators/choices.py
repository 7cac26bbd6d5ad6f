"""The mediators' vocabularies: what the models store, the presentation names and the search
documents index. They import no model, so every module of the app may use them."""

from functools import lru_cache

from babel import Locale
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wpm.choices import per_language
from wpm.geography import cldr_locale


class Background(models.TextChoices):
    DIPLOMACY = "diplomacy", _("Diplomacy")
    INTERNATIONAL = "international", _("UN or other international organisation")
    GOVERNMENT = "government", _("Government")
    ACADEMIA = "academia", _("Academia and research")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    LAW = "law", _("Law")
    SECURITY = "security", _("Security sector")
    FAITH = "faith", _("Faith-based")
    BUSINESS = "business", _("Business")
    MEDIA = "media", _("Media")


class LanguageLevel(models.IntegerChoices):
    """CEFR levels, ordered so that a minimum level is a comparison."""

    A1 = 1, _("A1 (beginner)")
    A2 = 2, _("A2 (elementary)")
    B1 = 3, _("B1 (intermediate)")
    B2 = 4, _("B2 (upper intermediate)")
    C1 = 5, _("C1 (advanced)")
    C2 = 6, _("C2 (proficient)")
    NATIVE = 7, _("Native")


def language_name(code: str, language: str | None = None) -> str:
    """The name of an ISO 639-1 language in the reader's language, from CLDR."""
    return cldr_locale(language or get_language()).languages.get(code, code)


@per_language
def language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 languages, named and sorted in the active language."""
    return list(_language_choices(get_language()))


@lru_cache(maxsize=8)
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    codes = [code for code in Locale("en").languages if isinstance(code, str) and len(code) == 2]
    named = ((code, language_name(code, language)) for code in codes)
    return tuple(sorted(named, key=lambda choice: choice[1].lower()))
