"""UN M49 regions and sub-regions, as CLDR groups them, and the countries in each.

The tables are generated from CLDR (wpm/m49.py, written by .ci/generate_m49.py); the names come
from Babel in the reader's language.
"""

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language
from django_countries import countries

from .choices import per_language
from .m49 import COUNTRY_SUBREGION, REGIONS, SUBREGION_REGION

__all__ = [
    "COUNTRY_SUBREGION",
    "REGIONS",
    "SUBREGION_REGION",
    "cldr_locale",
    "country_choices",
    "region_choices",
    "region_name",
    "regions_of",
]


def regions_of(country: object) -> tuple[str, str] | tuple[None, None]:
    """The M49 sub-region and region of a country code, or (None, None) when it has none."""
    subregion = COUNTRY_SUBREGION.get(str(country).upper())
    return (subregion, SUBREGION_REGION[subregion]) if subregion else (None, None)


def cldr_locale(language: str | None = None) -> Locale:
    """Babel's CLDR data for a language, by default the active one (parsed once)."""
    return _parsed_locale(language or get_language() or "en")


@lru_cache(maxsize=8)
def _parsed_locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def region_name(code: str, language: str | None = None) -> str:
    """The name of a region or sub-region in the given language, by default the active one."""
    return cldr_locale(language or get_language()).territories.get(code, code)


@per_language
def region_choices() -> list[tuple[str, str]]:
    """Regions, each followed by its sub-regions, named in the active language."""
    choices = []
    for region in sorted(REGIONS, key=region_name):
        choices.append((region, region_name(region)))
        subregions = [code for code, parent in SUBREGION_REGION.items() if parent == region]
        for subregion in sorted(subregions, key=region_name):
            choices.append((subregion, f"\N{EN DASH} {region_name(subregion)}"))
    return choices


@per_language
def country_choices() -> list[tuple[str, str]]:
    """Countries, named and sorted in the active language."""
    return list(countries)
