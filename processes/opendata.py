"""Bulk downloads for researchers: the catalogue, the agreements and women's participation
figures, whole, as CSV and JSON, each with its data dictionary (what each column means and where
it comes from) and the PA-X release it rests on.

Each visitor gets what the pages show her; the public gets what the public pages show. Values
are machine-readable: codes rather than labels, ISO dates and country codes, true and false.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mediators.models import Visitor

from .insights import published_figures
from .models import Agreement, Process

PAX = _("PA-X Peace Agreements Database")
CURATORS = _("The network's curators")
SITE = _("This site")
DERIVED = _("Computed from the other columns")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str | Promise
    source: str | Promise
    value: Callable[[Any, HttpRequest], Any]


@dataclass(frozen=True)
class Table:
    title: str | Promise
    description: str | Promise
    rows: Callable[[Visitor], QuerySet]
    columns: list[Column]


def _page(obj: Any, request: HttpRequest) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def _countries(process: Process) -> list[str]:
    return sorted(str(row.country) for row in process.countries.all())


def _share(figure: Any) -> float | None:
    return round(100 * figure.women / figure.total, 1) if figure.total else None


PROCESSES = Table(
    title=_("Peace processes"),
    description=_("Every process of the catalogue, on every track."),
    rows=lambda user: (
        Process.objects.visible_to(user).prefetch_related("countries", "instruments").order_by("pk")
    ),
    columns=[
        Column(
            "slug", _("The process's short name, part of its address."), SITE, lambda p, r: p.slug
        ),
        Column("name", _("Its name."), _("PA-X, or the network's curators"), lambda p, r: p.name),
        Column(
            "track",
            _("The track of mediation: 1, 1.5, 2 or 3."),
            _("PA-X processes are Track 1; curators for the others"),
            lambda p, r: p.track,
        ),
        Column(
            "conflict_level",
            _("inter (between states), intra (within a state), inter-intra or local."),
            _("PA-X (Agtp), most common over its agreements"),
            lambda p, r: p.conflict_level,
        ),
        Column(
            "conflict_type",
            _("government, territory, both, inter-group or other."),
            _("PA-X (Contp), most common over its agreements"),
            lambda p, r: p.conflict_type,
        ),
        Column(
            "stage",
            _("The stage its latest agreement reached."),
            _("PA-X (Stage) of its latest agreement"),
            lambda p, r: p.stage,
        ),
        Column(
            "start_year",
            _("The year it started."),
            _("PA-X: its first agreement"),
            lambda p, r: p.start_year,
        ),
        Column("end_year", _("The year it ended, if it has."), CURATORS, lambda p, r: p.end_year),
        Column(
            "countries",
            _("ISO 3166-1 alpha-2 codes of its countries."),
            _("PA-X (Loc1ISO, Loc2ISO), or curators"),
            lambda p, r: _countries(p),
        ),
        Column(
            "instruments",
            _("The mediation instruments used, by short name (see the instruments page)."),
            CURATORS,
            lambda p, r: sorted(instrument.slug for instrument in p.instruments.all()),
        ),
        Column(
            "pax_id",
            _("Its PA-X process id (PP), if it comes from PA-X."),
            PAX,
            lambda p, r: p.pax_id,
        ),
        Column("url", _("Its page on this site."), SITE, _page),
    ],
)

AGREEMENTS = Table(
    title=_("Peace agreements"),
    description=_("Every agreement of the catalogue's processes."),
    rows=lambda user: Agreement.objects.visible_to(user).with_process().order_by("pk"),
    columns=[
        Column("id", _("Its number on this site."), SITE, lambda a, r: a.pk),
        Column("pax_id", _("Its PA-X agreement id (AgtId)."), PAX, lambda a, r: a.pax_id),
        Column("name", _("Its name."), _("PA-X (Agt)"), lambda a, r: a.name),
        Column(
            "date", _("The date it was signed (ISO 8601)."), _("PA-X (Dat)"), lambda a, r: a.date
        ),
        Column(
            "stage",
            _(
                "pre (pre-negotiation), ceasefire, framework, comprehensive, implementation, "
                "renewal or other."
            ),
            _("PA-X (Stage)"),
            lambda a, r: a.stage,
        ),
        Column(
            "conflict_level",
            _("inter, intra, inter-intra or local."),
            _("PA-X (Agtp)"),
            lambda a, r: a.conflict_level,
        ),
        Column(
            "pax_region", _("The region PA-X gives."), _("PA-X (Reg)"), lambda a, r: a.pax_region
        ),
        Column(
            "gender_provisions",
            _("Whether it has provisions on women, girls and gender."),
            _("PA-X (GeWom)"),
            lambda a, r: a.gender_provisions,
        ),
        Column(
            "process",
            _("The short name of its process (see the processes)."),
            SITE,
            lambda a, r: a.process.slug,
        ),
        Column("url", _("Its page on this site."), SITE, _page),
        Column("source_url", _("Its page in the PA-X database."), PAX, lambda a, r: a.source_url),
    ],
)

FIGURES = Table(
    title=_("Women's participation"),
    description=_(
        "How many people held a role at the table of a process or an agreement, and how many "
        "of them were women, each figure with its source."
    ),
    rows=lambda user: (
        published_figures().select_related("process", "agreement__process").order_by("pk")
    ),
    columns=[
        Column("id", _("Its number on this site."), SITE, lambda f, r: f.pk),
        Column(
            "process",
            _("The short name of the process it counts, or of the agreement's process."),
            SITE,
            lambda f, r: (f.process or f.agreement.process).slug,
        ),
        Column(
            "agreement",
            _("The agreement it counts, by its id, if it counts one."),
            SITE,
            lambda f, r: f.agreement_id,
        ),
        Column(
            "role",
            _("negotiators, mediators, signatories, observers or advisers."),
            CURATORS,
            lambda f, r: f.role,
        ),
        Column("total", _("People in that role."), _("The figure's source"), lambda f, r: f.total),
        Column("women", _("Of whom women."), _("The figure's source"), lambda f, r: f.women),
        Column(
            "women_share",
            _("Women's share, in per cent, to one decimal."),
            DERIVED,
            lambda f, r: _share(f),
        ),
        Column("source", _("Where the figure comes from."), CURATORS, lambda f, r: f.source),
        Column("as_of", _("The date it holds for (ISO 8601)."), CURATORS, lambda f, r: f.as_of),
    ],
)

TABLES = {"processes": PROCESSES, "agreements": AGREEMENTS, "figures": FIGURES}


def rows_of(table: Table, request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {column.name: column.value(obj, request) for column in table.columns}
        for obj in table.rows(request.user)
    ]


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined by "; ", true and false, ISO dates, nothing for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
