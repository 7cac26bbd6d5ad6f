"""Regions as mediation support names them, beside the UN M49 regions: the Horn of Africa, the
Sahel, the Western Balkans... Each is a list of countries with the body or usage that defines
it, so that a reader can check it. Most follow the membership of a regional organisation, the
way mediation-support units work with them; the membership is as it stood in December 2026.

The lists are data, not a hierarchy: a country can be in several (Sudan is in the Horn of Africa
and the Great Lakes region). Filters match a grouping by the countries in it.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from .choices import per_language


@dataclass(frozen=True)
class Grouping:
    slug: str
    name_en: str
    name_de: str
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2
    source: str

    @property
    def name(self) -> str:
        return self.name_de if (get_language() or "en").startswith("de") else self.name_en


GROUPINGS = (
    Grouping(
        "horn-of-africa",
        "Horn of Africa",
        "Horn von Afrika",
        ("DJ", "ER", "ET", "KE", "SD", "SO", "SS", "UG"),
        "The member states of IGAD, the Intergovernmental Authority on Development (igad.int)",
    ),
    Grouping(
        "sahel",
        "Sahel",
        "Sahel",
        ("BF", "CM", "GM", "GN", "ML", "MR", "NE", "NG", "SN", "TD"),
        "The ten countries of the United Nations Integrated Strategy for the Sahel (UNISS)",
    ),
    Grouping(
        "great-lakes",
        "Great Lakes region",
        "Region der Großen Seen",
        ("AO", "BI", "CD", "CF", "CG", "KE", "RW", "SD", "SS", "TZ", "UG", "ZM"),
        "The member states of the International Conference on the Great Lakes Region "
        "(ICGLR, icglr.org)",
    ),
    Grouping(
        "lake-chad-basin",
        "Lake Chad basin",
        "Tschadseebecken",
        ("CF", "CM", "LY", "NE", "NG", "TD"),
        "The member states of the Lake Chad Basin Commission (LCBC, cblt.org)",
    ),
    Grouping(
        "ecowas",
        "West Africa (ECOWAS)",
        "Westafrika (ECOWAS)",
        ("BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "NG", "SL", "SN", "TG"),
        "The member states of ECOWAS, the Economic Community of West African States "
        "(ecowas.int), after Burkina Faso, Mali and Niger left in January 2025",
    ),
    Grouping(
        "sadc",
        "Southern Africa (SADC)",
        "Südliches Afrika (SADC)",
        (
            "AO",
            "BW",
            "CD",
            "KM",
            "LS",
            "MG",
            "MU",
            "MW",
            "MZ",
            "NA",
            "SC",
            "SZ",
            "TZ",
            "ZA",
            "ZM",
            "ZW",
        ),
        "The member states of SADC, the Southern African Development Community (sadc.int)",
    ),
    Grouping(
        "western-balkans",
        "Western Balkans",
        "Westbalkan",
        ("AL", "BA", "ME", "MK", "RS"),
        "The Western Balkans as the European Union's enlargement policy names them; Kosovo "
        "is among them, but ISO 3166, whose codes the site's data use, gives it none",
    ),
    Grouping(
        "south-caucasus",
        "South Caucasus",
        "Südkaukasus",
        ("AM", "AZ", "GE"),
        "Armenia, Azerbaijan and Georgia, as the OSCE and the EU name the region",
    ),
    Grouping(
        "central-asia",
        "Central Asia",
        "Zentralasien",
        ("KG", "KZ", "TJ", "TM", "UZ"),
        "The five states of the UN Regional Centre for Preventive Diplomacy for Central Asia "
        "(UNRCCA)",
    ),
    Grouping(
        "levant",
        "Levant",
        "Levante",
        ("IL", "JO", "LB", "PS", "SY"),
        "Common usage in mediation support; no regional organisation defines it",
    ),
    Grouping(
        "gulf",
        "Gulf",
        "Golfregion",
        ("AE", "BH", "KW", "OM", "QA", "SA"),
        "The member states of the Gulf Cooperation Council (GCC, gcc-sg.org)",
    ),
    Grouping(
        "maghreb",
        "Maghreb",
        "Maghreb",
        ("DZ", "LY", "MA", "MR", "TN"),
        "The member states of the Arab Maghreb Union",
    ),
    Grouping(
        "andean-region",
        "Andean region",
        "Andenregion",
        ("BO", "CO", "EC", "PE"),
        "The member states of the Andean Community (CAN, comunidadandina.org)",
    ),
    Grouping(
        "central-america",
        "Central America",
        "Zentralamerika",
        ("BZ", "CR", "DO", "GT", "HN", "NI", "PA", "SV"),
        "The member states of the Central American Integration System (SICA, sica.int)",
    ),
    Grouping(
        "asean",
        "Southeast Asia (ASEAN)",
        "Südostasien (ASEAN)",
        ("BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"),
        "The member states of ASEAN (asean.org), Timor-Leste since October 2025",
    ),
    Grouping(
        "pacific-islands",
        "Pacific Islands",
        "Pazifische Inseln",
        (
            "CK",
            "FJ",
            "FM",
            "KI",
            "MH",
            "NC",
            "NR",
            "NU",
            "PF",
            "PG",
            "PW",
            "SB",
            "TO",
            "TV",
            "VU",
            "WS",
        ),
        "The members of the Pacific Islands Forum (forumsec.org) but Australia and New Zealand",
    ),
)
BY_SLUG = {grouping.slug: grouping for grouping in GROUPINGS}


def grouping_countries(code: str) -> tuple[str, ...] | None:
    """The countries of a grouping, or None when the code names no grouping (an M49 code)."""
    grouping = BY_SLUG.get(code)
    return grouping.countries if grouping else None


@per_language
def grouping_choices() -> list[tuple[str, str]]:
    return sorted(((grouping.slug, grouping.name) for grouping in GROUPINGS), key=lambda c: c[1])
