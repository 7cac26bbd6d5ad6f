"""The world's names as people type them: countries, regions and languages, in English and
German, recognised in a search.

The names come from the libraries the site already uses: django-countries (its names, the
common and the former ones, in both languages) and Babel's CLDR data (countries, M49 regions
and languages in both languages), plus mediation practice's groupings (wpm.groupings). A name
is recognised whatever its case, accents or apostrophe ("cote d'ivoire"). Where a library
gives a name with another in brackets, "Myanmar (Burma)", both are kept. Of the alternates
people use, only those no library ships are added here, each with the reason.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from django.utils import translation
from django_countries import countries
from django_countries.base import CountriesBase

from .geography import REGIONS, SUBREGION_REGION, cldr_locale, region_name
from .groupings import BY_SLUG, GROUPINGS

LANGUAGES = ("en", "de")
# CLDR keeps these as "alt" variants, which Babel leaves out.
ALIASES = {
    ("country", "CI"): ("Ivory Coast", "Elfenbeinküste"),
    ("country", "CZ"): ("Czech Republic", "Tschechische Republik"),
    ("country", "TL"): ("East Timor", "Osttimor"),
}


@dataclass(frozen=True)
class Named:
    """A country, a region (M49 or a grouping) or a language, as a search named it."""

    kind: str  # "country", "region" or "language"
    code: str

    @property
    def name(self) -> str:
        """Its name in the active language."""
        if self.kind == "country":
            return str(countries.name(self.code))
        if self.kind == "language":
            return cldr_locale().languages.get(self.code, self.code)
        grouping = BY_SLUG.get(self.code)
        return grouping.name if grouping else region_name(self.code)

    def names(self) -> list[str]:
        """Every name it is known by, in both languages, as written: what a text about it
        may say."""
        return sorted(_written()[self])


# Letters with a stroke or joined that carry no accent Unicode could take off, as a keyboard
# without them writes them (lower case: fold() looks them up after casefolding), and the
# apostrophes a keyboard writes as one.
PLAIN_LETTERS = str.maketrans(
    {
        "\u2019": "'",
        "`": "'",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ŧ": "t",
        "\u0131": "i",  # the dotless i of Turkish
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def fold(text: str) -> str:
    """Lower case and without accents, as a keyboard without them writes it: "Đặng Müller",
    "dang muller" and "DANG MULLER" fold alike, and a typographic apostrophe is a typed one.
    Punctuation stays (a search's quotes and minus signs); a name in another script keeps its
    letters."""
    text = unicodedata.normalize("NFKD", text).casefold().translate(PLAIN_LETTERS)
    text = "".join(character for character in text if not unicodedata.combining(character))
    return unicodedata.normalize("NFC", text)


def normalise(text: str) -> str:
    """Lower case, without accents, one kind of apostrophe and single spaces."""
    return " ".join(re.sub(r"[^\w' ]+", " ", fold(text)).split())


def named(query: str) -> Named | None:
    """What the whole query names, if it names a country, a region or a language."""
    return _index().get(normalise(query))


def _forms(name: str) -> list[str]:
    """A name, and where it holds another in brackets, each of the two."""
    found = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [name, *found.groups()] if found else [name]


@lru_cache(maxsize=1)
def _index() -> dict[str, Named]:
    """Every name, normalised, to what it names; a country wins over a region, a region over
    a language, where two share a name."""
    rank = {"country": 0, "region": 1, "language": 2}
    index: dict[str, Named] = {}
    for name, what in sorted(_entries(), key=lambda entry: rank[entry[1].kind], reverse=True):
        key = normalise(name)
        if key:
            index[key] = what
    return index


@lru_cache(maxsize=1)
def _written() -> dict[Named, set[str]]:
    """What each names is written as, for those the index gives it."""
    index = _index()
    written: dict[Named, set[str]] = {}
    for name, what in _entries():
        if index.get(normalise(name)) == what:
            written.setdefault(what, set()).add(name)
    return written


def _entries() -> list[tuple[str, Named]]:
    entries: list[tuple[str, Named]] = []
    codes = [code for code, _name in countries]
    for language in LANGUAGES:
        locale = Locale.parse(language)
        with translation.override(language):
            for code, name in countries:
                entries += [(form, Named("country", code)) for form in _forms(str(name))]
            for code, name in CountriesBase.COMMON_NAMES.items():
                entries.append((str(name), Named("country", code)))
            for code, former in CountriesBase.OLD_NAMES.items():
                entries += [(str(name), Named("country", code)) for name in former]
        for code in codes:
            if code in locale.territories:
                forms = _forms(locale.territories[code])
                entries += [(form, Named("country", code)) for form in forms]
    for (kind, code), aliases in ALIASES.items():
        entries += [(alias, Named(kind, code)) for alias in aliases]
    regions = [*REGIONS, *SUBREGION_REGION]
    for language in LANGUAGES:
        for code in regions:
            entries.append((region_name(code, language), Named("region", code)))
    for grouping in GROUPINGS:
        entries += [(name, Named("region", grouping.slug)) for name in _grouping_names(grouping)]
    for language in LANGUAGES:
        for code, name in Locale.parse(language).languages.items():
            if len(code) == 2:
                entries.append((name, Named("language", code)))
    return entries


def _grouping_names(grouping) -> list[str]:
    """ "Southeast Asia (ASEAN)" is also "Southeast Asia" and "ASEAN"."""
    return [*_forms(grouping.name_en), *_forms(grouping.name_de)]
