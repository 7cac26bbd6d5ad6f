"""Numbers and time zones as the reader's language writes them, from Babel's CLDR data: a share
reads "26%" in English and "26 %" in German, a time zone "Kenya Time" or "Kenia (Ortszeit)",
never its identifier ("Africa/Nairobi"); a day as the language writes it, once per day and
language."""

import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import get_timezone, get_timezone_location
from babel.numbers import format_percent
from django.utils.formats import date_format
from django.utils.translation import get_language

from .geography import cldr_locale


def percent(share: float | int | None) -> str:
    """A share given in percent (26 for 26 %), written for the active language."""
    if share is None:
        return ""
    return _percent(share, cldr_locale())


@lru_cache(maxsize=1024)
def _percent(share: float | int, locale: Locale) -> str:
    """Babel reads its number pattern on every call; tables hold the same shares again."""
    return format_percent(share / 100, locale=locale)


def zone_name(zone: str) -> str:
    """A time zone by its place in the active language; its identifier if CLDR lacks it."""
    return _zone_name(zone, cldr_locale())


@lru_cache(maxsize=1024)
def _zone_name(zone: str, locale: Locale) -> str:
    """Babel reads its time zone data on every call; lists name the same zones again."""
    try:
        return get_timezone_location(get_timezone(zone), locale=locale)
    except LookupError:
        return zone


def day(value: datetime.date) -> str:
    """A day as {{ value }} shows it in the active language ("Jan. 5, 2020", "5. Januar 2020").
    A process's page lists hundreds of them; each is worked out once per language."""
    return _day(value, get_language())


@lru_cache(maxsize=4096)
def _day(value: datetime.date, language: str | None) -> str:
    return date_format(value)
