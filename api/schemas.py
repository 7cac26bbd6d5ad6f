"""What the API answers with: each object as the public sees it on the site's pages. Resolvers
read the request from the context, for the address of each object's page."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import ModelWrapValidatorHandler, ValidationInfo, model_validator

from mediators.models import Audience
from mediators.portable import LEVEL_NAMES


def page_of(obj: Any, request: HttpRequest) -> str:
    """The absolute address of the object's page on the site."""
    return request.build_absolute_uri(obj.get_absolute_url())


class Error(Schema):
    """Every error has this shape: a stable code for programs, a message for people, and the
    problems by parameter where there are any."""

    status: int
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: Error


class Linked(Schema):
    """An object with a page of its own on the site: `url` is its absolute address."""

    url: str

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return page_of(obj, context["request"])


class Answer(Schema):
    """A schema whose answers are written in Python in one go, as dicts (answer()), which
    pydantic checks as they are. Given an object, ninja reads each field through a wrapper and
    the field's resolver: a page of 50 profiles took 1.8 ms that way, against 0.95 ms to write
    their dicts and have them checked. This replaces ninja's own validator of the same name."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        if isinstance(values, dict):
            return handler(values)
        return handler(DjangoGetter(values, cls, info.context))


class ProcessOut(Linked, Answer):
    slug: str
    name: str
    track: str
    conflict_level: str
    conflict_type: str
    stage: str
    start_year: int | None
    end_year: int | None
    summary: str
    countries: list[str]

    @staticmethod
    def resolve_countries(obj: Any) -> list[str]:
        """Read with the process (ProcessQuerySet.for_answers)."""
        return sorted((obj.country_codes or "").split())

    @staticmethod
    def answer(process: Any, request: HttpRequest) -> dict[str, Any]:
        """Its answer in a list, as the fields and resolvers above read it alone."""
        return {
            "url": page_of(process, request),
            "slug": process.slug,
            "name": process.name,
            "track": process.track,
            "conflict_level": process.conflict_level,
            "conflict_type": process.conflict_type,
            "stage": process.stage,
            "start_year": process.start_year,
            "end_year": process.end_year,
            "summary": process.summary,
            "countries": ProcessOut.resolve_countries(process),
        }


class AgreementOut(Linked, Answer):
    id: int
    pax_id: int | None
    name: str
    date: date | None
    stage: str
    conflict_level: str
    pax_region: str
    gender_provisions: bool
    process: str

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return obj.process.slug

    @staticmethod
    def answer(agreement: Any, request: HttpRequest) -> dict[str, Any]:
        """Its answer in a list, as the fields and resolvers above read it alone."""
        return {
            "url": page_of(agreement, request),
            "id": agreement.id,
            "pax_id": agreement.pax_id,
            "name": agreement.name,
            "date": agreement.date,
            "stage": agreement.stage,
            "conflict_level": agreement.conflict_level,
            "pax_region": agreement.pax_region,
            "gender_provisions": agreement.gender_provisions,
            "process": AgreementOut.resolve_process(agreement),
        }


class LanguageOut(Answer):
    code: str
    level: str


class MediatorOut(Answer):
    """A profile as the public roster shows it; a protected one only as its pseudonym card
    (pseudonym, expertise and regions). `url` is the absolute address of its page."""

    url: str
    slug: str
    name: str
    pseudonymous: bool
    headline: str
    expertise: list[str]
    languages: list[LanguageOut]
    tracks: list[str]
    regions: list[str]

    @staticmethod
    def answer(mediator: Any, request: HttpRequest) -> dict[str, Any]:
        """Her answer, from her public view: her languages and tracks where it shows her
        details, her regions where it shows them."""
        view = mediator.as_seen_by(Audience.PUBLIC)
        details = view.shows["details"]
        summary = mediator.summary or {}
        return {
            "url": page_of(mediator, request),
            "slug": mediator.slug,
            "name": view.name,
            "pseudonymous": view.pseudonymous,
            "headline": view.headline,
            "expertise": view.expertise_names,
            "languages": [
                {"code": code, "level": LEVEL_NAMES[level]}
                for code, level in (summary.get("languages", []) if details else [])
            ],
            "tracks": list(summary.get("tracks", [])) if details else [],
            "regions": view.region_names if view.shows["regions"] else [],
        }


class VoiceOut(Linked):
    id: int
    quote: str
    quote_language: str
    name: str
    role: str
    organisation: str


class ArticleOut(Linked):
    slug: str
    kind: str
    title: str
    summary: str
    language: str
    published_on: date | None


class EventOut(Linked):
    slug: str
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str
    online: bool
    language: str


class FigureOut(Schema):
    """How many people held a role at the table, and how many of them were women: of a process,
    or of one of its agreements."""

    id: int
    process: str
    agreement: int | None
    role: str
    total: int
    women: int
    source: str
    as_of: date

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return (obj.process or obj.agreement.process).slug

    @staticmethod
    def resolve_agreement(obj: Any) -> int | None:
        return obj.agreement_id


class ChartOut(Schema):
    """One of the insights' figures as its table: columns, then rows of cells in their order."""

    slug: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list[str | int | float | None]]

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_summary(obj: Any) -> str:
        return str(obj.summary)

    @staticmethod
    def resolve_columns(obj: Any) -> list[str]:
        return [str(column) for column in obj.columns]

    @staticmethod
    def resolve_rows(obj: Any) -> list[list[Any]]:
        return [
            [cell if isinstance(cell, (int, float)) or cell is None else str(cell) for cell in row]
            for row in obj.rows
        ]


class ReleaseOut(Schema):
    """A public dataset the catalogue rests on, as last imported, and how to cite it."""

    name: str
    version: str
    data_until: date | None
    records: int
    citation: str
    url: str
