from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from wpm.derived import kept
from wpm.exports import csv_response
from wpm.lists import NOT_FILTERS, FilteredListView, unreadable_filters
from wpm.pagecache import public_page, public_page_view

from . import opendata
from .filters import AgreementFilter, CatalogueFilter, facet_counts
from .insights import CHARTS, all_charts
from .models import Agreement, Dataset, Process, ProcessLink
from .record import Instrument, ParticipationFigure, ProcessParty


class FacetedListView(FilteredListView):
    """A list of processes or agreements with the counts of its facets (``facet_fields``, name:
    field), counted with the matches in one query."""

    facet_fields: dict[str, str] = {}

    def get_queryset(self):
        matching = super().get_queryset()

        def count():
            return facet_counts(matching, **self.facet_fields)

        unfiltered = not any(name not in NOT_FILTERS for name in self.request.GET)
        # The whole list, in any order. Not an order that cannot be understood: it lists
        # nothing.
        self.whole = unfiltered and not self.filterset.errors
        if self.whole and not self.request.user.is_authenticated:
            # The public's whole list counts the same for every visitor until content changes:
            # counted once per version of the content (wpm.derived).
            self.total, self.facets = kept(f"facets:{type(self).__name__}", count)
        else:
            self.total, self.facets = count()
        return self.for_list(matching)

    def for_list(self, matching):
        return matching

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counted with the facets, in the same query.
        return self.counted_paginator(queryset, per_page, self.total, whole=self.whole, **kwargs)

    def get_context_data(self, **kwargs):
        # The PA-X release the processes and agreements come from, cited under the list.
        return super().get_context_data(**kwargs) | {
            "facets": self.facets,
            "pax": Dataset.pax_cited(),
        }


@public_page_view
class CatalogueView(FacetedListView):
    """The catalogue of peace processes, filtered from the query string, with facet counts."""

    template_name = "processes/catalogue.html"
    context_object_name = "processes"
    feed_name = "processes:catalogue_feed"
    facet_fields = {"track": "track", "level": "conflict_level", "stage": "stage"}

    def get_filterset(self):
        return CatalogueFilter.for_visitor(self.request)

    def for_list(self, matching):
        return matching.for_catalogue()


@public_page_view
class AgreementListView(FacetedListView):
    """The peace agreements (PA-X), in the processes the visitor may see, with facet counts."""

    template_name = "processes/agreements.html"
    context_object_name = "agreements"
    feed_name = "processes:agreements_feed"
    paginate_by = 50
    facet_fields = {"stage": "stage", "level": "conflict_level"}

    def get_filterset(self):
        return AgreementFilter.for_visitor(self.request)

    def for_list(self, matching):
        return matching.for_list()


@require_safe
@public_page
def agreements_csv(request):
    """The filtered agreements as CSV: what the visitor may see on the pages."""
    filterset = AgreementFilter.for_visitor(request)
    if filterset.is_bound and not filterset.is_valid():
        return unreadable_filters()
    agreements = filterset.qs.prefetch_related("process__countries")
    response, writer = csv_response("peace-agreements.csv")
    writer.writerow(
        [
            _("Name"),
            _("Address"),
            _("Date"),
            _("Stage"),
            _("Conflict level"),
            _("Provisions on women, girls and gender"),
            _("Peace process"),
            _("Countries"),
            _("PA-X agreement id"),
            _("Source"),
        ]
    )
    for agreement in agreements:
        countries = agreement.process.countries.all()
        writer.writerow(
            [
                agreement.name,
                request.build_absolute_uri(agreement.get_absolute_url()),
                agreement.date.isoformat() if agreement.date else "",
                agreement.get_stage_display(),
                agreement.get_conflict_level_display(),
                _("yes") if agreement.gender_provisions else _("no"),
                agreement.process.name,
                "; ".join(str(row.country.name) for row in countries),
                agreement.pax_id or "",
                agreement.source_url,
            ]
        )
    return response


@require_safe
@public_page
def agreement(request, pk):
    """One agreement, in a process the visitor may see."""
    found = get_object_or_404(
        Agreement.objects.visible_to(request.user)
        .with_process()
        .prefetch_related(
            "process__countries",
            Prefetch("process__party_roles", queryset=ProcessParty.objects.select_related("party")),
        ),
        pk=pk,
    )
    figures = ParticipationFigure.objects.filter(agreement=found)
    return render(request, "processes/agreement.html", {"agreement": found, "figures": figures})


@require_safe
@public_page
def catalogue_csv(request):
    """The filtered catalogue as CSV: only what the visitor may see on the pages."""
    filterset = CatalogueFilter.for_visitor(request)
    if filterset.is_bound and not filterset.is_valid():
        return unreadable_filters()
    processes = filterset.qs.prefetch_related(
        "countries", "instruments", "figures", "agreements__figures"
    ).with_network(request.user)
    response, writer = csv_response("peace-processes.csv")
    writer.writerow(
        [
            _("Name"),
            _("Address"),
            _("Track"),
            _("Conflict level"),
            _("Conflict type"),
            _("Stage"),
            _("Start year"),
            _("End year"),
            _("Countries"),
            _("Regions"),
            _("Instruments"),
            _("Network mediators engaged"),
            *[
                heading % {"role": label}
                for _role, label in PARTICIPATION_ROLES
                for heading in PARTICIPATION_HEADINGS
            ],
        ]
    )
    for process in processes:
        writer.writerow(
            [
                process.name,
                request.build_absolute_uri(process.get_absolute_url()),
                process.track_label,
                process.conflict_level_label,
                process.conflict_type_label,
                process.stage_label,
                process.start_year or "",
                process.end_year or "",
                "; ".join(str(row.country.name) for row in process.countries.all()),
                "; ".join(process.region_names),
                "; ".join(instrument.name for instrument in process.instruments.all()),
                _("yes") if process.has_network else _("no"),
                *_participation(process),
            ]
        )
    return response


# The catalogue's download: for each of these roles, the latest figure of the process or of one
# of its agreements (figures of several agreements are not added up: the same people sign
# again).
PARTICIPATION_ROLES = [
    (role, label)
    for role, label in ParticipationFigure.Role.choices
    if role in {"negotiators", "mediators", "signatories"}
]
PARTICIPATION_HEADINGS = (
    gettext_lazy("%(role)s: women"),
    gettext_lazy("%(role)s: in all"),
    gettext_lazy("%(role)s: as of"),
)


def _participation(process):
    figures = [*process.figures.all()]
    for agreement in process.agreements.all():
        figures += agreement.figures.all()
    cells = []
    for role, _label in PARTICIPATION_ROLES:
        latest = max((f for f in figures if f.role == role), key=lambda f: f.as_of, default=None)
        cells += [latest.women, latest.total, latest.as_of.isoformat()] if latest else ["", "", ""]
    return cells


def _linked(process, user):
    """Both directions of the links, to processes this visitor may see, by track."""
    rows = process.links_for(user)
    links = [
        (link.get_kind_display(), link.target)
        if link.source_id == process.pk
        else (ProcessLink.INVERSE[link.kind], link.source)
        for link in rows
    ]
    return sorted(links, key=lambda item: (item[1].track, item[1].name))


@require_safe
@public_page
def detail(request, slug):
    process = Process.for_page(slug, request.user)
    if process is None:
        raise Http404
    # Its agreements, countries and sources as rows of what the page shows of them.
    agreements = process.agreement_lines()
    countries, regions = process.places()
    # The rest of its record is asked for only where it has some (with_rows_present); its
    # engagements and links always, as far as the visitor may see them.
    milestones, party_roles, uses = [], [], []
    if process.has_milestones:
        milestones = process.milestones.all()
    if process.has_parties:
        party_roles = process.party_roles.select_related("party")
    if process.has_instruments:
        uses = process.instrument_uses.select_related("instrument")
    engagements = process.engagements_for(request.user)
    links = _linked(process, request.user)
    tracks = {}
    for label, other in links:
        tracks.setdefault(other.track_label, []).append((label, other))
    # The process's own figures and its agreements', in one query.
    figures = []
    if process.has_figures:
        figures = ParticipationFigure.objects.filter(
            Q(process=process) | Q(agreement__in=[agreement.pk for agreement in agreements])
        ).order_by("as_of", "role")
    timeline = sorted(
        [(m.date, m.title, m.description) for m in milestones]
        + [(a.date, a.name, "") for a in agreements if a.date],
        key=lambda item: item[0],
    )
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "agreements": agreements,
            "countries": countries,
            "regions": regions,
            "sources": process.source_lines(),
            "links": links,
            "tracks": tracks,
            "engagements": engagements,
            "figures": figures,
            "timeline": timeline,
            "parties": _by_role(party_roles),
            "uses": uses,
        },
    )


def _by_role(party_roles):
    grouped = {}
    for row in party_roles:
        grouped.setdefault(row.get_role_display(), []).append(row.party)
    return grouped


@require_safe
@public_page
def insights(request):
    return render(
        request, "processes/insights.html", {"charts": all_charts(), "pax": Dataset.pax_cited()}
    )


@require_safe
@public_page
def instruments(request):
    """What each mediation instrument is, with how many processes the visitor may see use it:
    the glossary the catalogue's filter and each process's instruments link to."""
    visible = Process.objects.visible_to(request.user)
    rows = Instrument.objects.annotate(
        in_use=Count("uses__process", filter=Q(uses__process__in=visible), distinct=True)
    )
    return render(request, "processes/instruments.html", {"instruments": rows})


@require_safe
@public_page
def insights_csv(request, chart):
    if chart not in CHARTS:
        raise Http404
    data = CHARTS[chart]()
    response, writer = csv_response(f"{data.slug}.csv")
    writer.writerow([str(column) for column in data.columns])
    writer.writerows(data.rows)
    return response


# Bulk downloads with their data dictionary (processes.opendata).


@require_safe
@public_page
def open_data(request):
    """The downloads for researchers, with what each column means and where it comes from."""
    return render(
        request, "processes/open_data.html", {"tables": opendata.TABLES, "pax": Dataset.pax_cited()}
    )


@require_safe
@public_page
def open_data_file(request, table, fmt):
    if table not in opendata.TABLES or fmt not in ("csv", "json"):
        raise Http404
    data = opendata.TABLES[table]
    rows = opendata.rows_of(data, request)
    filename = f"wpm-{table}.{fmt}"
    if fmt == "csv":
        response, writer = csv_response(filename)
        writer.writerow([column.name for column in data.columns])
        writer.writerows([opendata.csv_cell(value) for value in row.values()] for row in rows)
        return response
    pax = Dataset.pax()
    document = {
        "dataset": table,
        "title": str(data.title),
        "description": str(data.description),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "pax": None
        if pax is None
        else {
            "name": pax.name,
            "version": pax.version,
            "data_until": pax.data_until,
            "citation": pax.citation,
            "url": pax.url,
        },
        "columns": [
            {"name": column.name, "meaning": str(column.meaning), "source": str(column.source)}
            for column in data.columns
        ],
        "rows": rows,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
