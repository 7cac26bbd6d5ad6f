"""The mediators' search machinery: what each audience may find of a profile (its search
documents and the roster's facets), the summary cards and pages read, and the PostgreSQL
expressions that store and query the facets. The models keep the columns up to date with it
(Mediator.refresh_search)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection, models
from django.utils import translation

from wpm.choices import Track
from wpm.geography import region_name
from wpm.names import fold

from .presentation import Presentation

if TYPE_CHECKING:  # for the annotations only: the models call in here
    from .models import Mediator


def facet_lexeme(*parts: object) -> str:
    """A filter's lexeme, "language:en:4". Typed words never hold a colon: the parser splits
    them there, so no search can forge one."""
    return ":".join(str(part) for part in parts)


class Facets(SearchVectorCombinable, models.Func):
    """The lexemes as given, neither parsed nor stemmed, to add to a search vector."""

    function = "array_to_tsvector"
    output_field = SearchVectorField()
    config = None

    def __init__(self, lexemes: Iterable[str]):
        super().__init__(models.Value(list(lexemes), output_field=ArrayField(models.TextField())))


def _quoted_lexeme(lexeme: str) -> str:
    escaped = lexeme.replace("'", "''")
    return f"'{escaped}'"


class AllFacets(SearchQuery):
    """A query for the vectors holding one lexeme of each group: [["track:1"], ["a", "b"]]
    is "track:1 and (a or b)". The lexemes are taken as they are, like Facets gives them."""

    template = "%(expressions)s::tsquery"

    def __init__(self, groups: Iterable[Iterable[str]]):
        query = " & ".join(
            "(" + " | ".join(_quoted_lexeme(lexeme) for lexeme in group) + ")" for group in groups
        )
        super().__init__(query)


def search_documents(view: Presentation) -> dict[str, str]:
    """Text to index by weight: what this audience can read is what it can find."""
    mediator = view.mediator
    expertise = " ".join(f"{area.name_en} {area.name_de}" for area in mediator.expertise.all())
    regions = ""
    if view.shows["regions"]:
        rows = mediator.regional_experience.all()
        codes = sorted({code for row in rows for code in row.codes})
        regions = " ".join(region_name(code, lang) for code in codes for lang in ("en", "de"))
        if not view.pseudonymous:
            countries = [row.country for row in rows]
            regions += " " + " ".join(f"{c.name} {c.code}" for c in countries)  # type: ignore[attr-defined]
    bio = mediator.bio if view.shows["bio"] else ""
    return {"A": view.name, "B": f"{view.headline} {expertise}", "C": f"{regions} {bio}"}


def facets_of(view: Presentation) -> list[str]:
    """What the roster's filters match for this audience, one lexeme each (see Facets).

    A pseudonymous profile offers its expertise and, if she shows them to everyone, its
    regions: the filters on languages, countries, tracks, backgrounds and availability
    must not single her out to the public.
    """
    mediator = view.mediator
    facets: set[tuple[object, ...]] = {
        ("expertise", area.slug) for area in mediator.expertise.all()
    }
    if view.shows["regions"]:
        for row in mediator.regional_experience.all():
            facets |= {("region", code) for code in row.codes}
            if not view.pseudonymous:
                facets.add(("country", row.country.code))  # type: ignore[attr-defined]
    if not view.pseudonymous:
        for language in mediator.languages.all():
            facets |= {("language", language.code, level) for level in range(1, language.level + 1)}
        facets |= {("track", row.track) for row in mediator.tracks.all()}
        facets |= {("background", row.background) for row in mediator.backgrounds.all()}
        available = mediator.availability == mediator.Availability.AVAILABLE
        if available and view.shows["availability"]:
            facets.add(("available",))
    return sorted(facet_lexeme(*facet) for facet in facets)


def summary_of(mediator: Mediator) -> dict[str, list]:
    """Her lists as profile and card show them: names of areas in both languages, and
    codes of languages (with levels), sub-regions, countries, tracks and backgrounds."""
    regions = mediator.regional_experience.all()
    return {
        "expertise": [[area.name_en, area.name_de] for area in mediator.expertise.all()],
        "languages": sorted(
            ([row.code, row.level] for row in mediator.languages.all()),
            key=lambda pair: (-pair[1], pair[0]),
        ),
        "subregions": sorted({row.subregion for row in regions} - {""}),
        "countries": sorted(row.country.code for row in regions),  # type: ignore[attr-defined]
        "tracks": sorted((row.track for row in mediator.tracks.all()), key=Track.values.index),
        "backgrounds": sorted(row.background for row in mediator.backgrounds.all()),
    }


def joined_names(name: str) -> str:
    """Each word of a (folded) name written with an apostrophe, also as one word: "o'neill" is
    found by "oneill", as people type it where a keyboard or a form drops the apostrophe."""
    return "".join(f" {word.replace(chr(39), '')}" for word in name.split() if "'" in word)


def search_columns(views: dict[str, Presentation]) -> dict[str, Any]:
    """The search columns of each audience, by the audience's name in them: the text it may
    read, and on PostgreSQL its rank vector and its search vector, which holds the facets it
    may filter on too, so that one index answers both."""
    with translation.override("en"):
        # Folded, as a search folds its words (MediatorQuerySet.search): "Muller" finds
        # "Müller" on either database. Cards and pages show the fields themselves.
        documents = {
            name: {weight: fold(text) for weight, text in search_documents(view).items()}
            for name, view in views.items()
        }
    for parts in documents.values():
        parts["A"] += joined_names(parts["A"])
    values: dict[str, Any] = {
        f"search_text_{name}": " ".join(parts.values()).strip() for name, parts in documents.items()
    }
    if connection.vendor == "postgresql":
        for name, parts in documents.items():
            vectors = {
                weight: SearchVector(models.Value(text), weight=weight, config="simple")
                for weight, text in parts.items()
            }
            values[f"rank_{name}"] = vectors["A"] + vectors["B"]
            values[f"search_{name}"] = (
                Facets(facets_of(views[name])) + vectors["A"] + vectors["B"] + vectors["C"]
            )
    return values
