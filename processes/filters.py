import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wpm.choices import Track
from wpm.derived import kept
from wpm.lists import (
    CountriesFilter,
    ListFilterSet,
    ListForm,
    RegionFilter,
    StableOrdering,
    WholeNumberFilter,
    named_place,
    read_per_form,
)
from wpm.widgets import CheckboxInput, NumberInput, Select, TextInput

from .models import Agreement, ConflictLevel, Engagement, Process, ProcessCountry, Stage
from .record import Instrument, ParticipationFigure, ProcessInstrument


def instrument_choices():
    """The mediation instruments as the catalogue's filter offers them, in the page's
    language. They are rows staff manage, read once per version of the content (a change to
    one writes a new version), not on every request."""
    return kept(
        "instrument-choices",
        lambda: [(instrument.slug, str(instrument)) for instrument in Instrument.objects.all()],
        get_language(),
    )


class CatalogueForm(ListForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "instrument" in self.fields:  # the catalogue's, not the agreements'
            self.fields["instrument"].choices = read_per_form(instrument_choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("The end year must not come before the start year."))
        return data


class PlacedByProcess:
    """The region and country filters of rows placed by the countries of their process:
    ``process_field`` names the process of a row ("pk" for a process itself)."""

    process_field = "pk"

    def _placed(self, queryset, places):
        return queryset.filter(**{f"{self.process_field}__in": places.values("process")})

    def filter_region(self, queryset, name, value):
        return self._placed(queryset, ProcessCountry.objects.in_region(value))

    def filter_country(self, queryset, name, values):
        """Rows in any of the countries."""
        if not values:
            return queryset
        return self._placed(queryset, ProcessCountry.objects.filter(country__in=values))


def with_women(queryset, role=None, share=None):
    """Processes with women among a role at the table (any role without one), present or at
    least a share of them, by a figure of the process or of one of its agreements."""
    figures = ParticipationFigure.objects.filter(total__gt=0)
    if role:
        figures = figures.filter(role=role)
    if share is None:
        figures = figures.filter(women__gt=0)
    else:
        # As the share is shown, a half rounded up (processes.record.share_of): 37.5 % is
        # 38 %, and at least 38 % lists it. In whole numbers: 200 * women + total >=
        # 2 * total * share.
        figures = figures.alias(doubled=F("women") * 200 + F("total")).filter(
            doubled__gte=F("total") * 2 * int(share)
        )
    return queryset.filter(
        Q(pk__in=figures.values("process")) | Q(pk__in=figures.values("agreement__process"))
    )


class CatalogueFilter(PlacedByProcess, ListFilterSet):
    """The catalogue's filters, all in the query string so a search can be shared."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=200, widget=TextInput
    )
    # Columns of the process itself: no join, so no DISTINCT over the wide rows.
    track = django_filters.MultipleChoiceFilter(
        label=_("Track"),
        choices=Track.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    level = django_filters.MultipleChoiceFilter(
        label=_("Conflict level"),
        field_name="conflict_level",
        choices=ConflictLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    stage = django_filters.MultipleChoiceFilter(
        label=_("Stage"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    region = RegionFilter(method="filter_region")
    country = CountriesFilter(method="filter_country")
    instrument = django_filters.MultipleChoiceFilter(
        label=_("Instruments (any of)"),
        # Ours, not a visitor's: the filter form shows it as markup.
        help_text=format_lazy(
            '<a href="{}">{}</a>', reverse_lazy("processes:instruments"), _("What they are")
        ),
        method="filter_instrument",  # its choices are the form's (CatalogueForm)
        widget=forms.CheckboxSelectMultiple,
    )
    year_from = WholeNumberFilter(
        label=_("Active from (year)"),
        method="filter_year_from",
        min_value=1900,
        max_value=2100,
        widget=NumberInput,
    )
    year_to = WholeNumberFilter(
        label=_("Active until (year)"),
        method="filter_year_to",
        min_value=1900,
        max_value=2100,
        widget=NumberInput,
    )
    women_mediators = django_filters.BooleanFilter(
        label=_("With women mediators"), method="filter_women_mediators", widget=CheckboxInput
    )
    women_in = django_filters.ChoiceFilter(
        label=_("Women among the"),
        choices=ParticipationFigure.Role.choices,
        empty_label=_("Any role"),
        method="filter_noop",
        widget=Select,
    )
    women_share = WholeNumberFilter(
        label=_("Women's share at least (%)"),
        method="filter_noop",
        min_value=1,
        max_value=100,
        widget=NumberInput,
    )
    network = django_filters.BooleanFilter(
        label=_("With network mediators engaged"),
        method="filter_network",
        widget=CheckboxInput,
    )
    ordering = StableOrdering(
        label=_("Sort by"),
        fields=(("name", "name"), ("start_year", "year")),
        then=("name", "pk"),
        # The descending orders' labels by their choice, as the roster's (mediators.filters).
        field_labels={
            "name": _("Name"),
            "-name": _("Name (descending)"),
            "start_year": _("Start year"),
            "-year": _("Start year (descending)"),
        },
        empty_label=_("Relevance or name"),
        widget=Select,
    )

    class Meta:
        model = Process
        fields: list[str] = []
        form = CatalogueForm

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.place = None  # what the search named, if it named a place (filter_search)

    @classmethod
    def for_visitor(cls, request):
        """The catalogue's filters, bound to the query string, over what the visitor may see:
        the list, its download and its feed read them alike."""
        visible = Process.objects.visible_to(request.user)
        return cls(request.GET or None, queryset=visible, user=request.user)

    def filter_search(self, queryset, name, value):
        self.place = named_place(value, ("country", "region"))
        if self.place is None:
            return queryset.search(value)
        if self.place.kind == "country":
            return self.filter_country(queryset, name, [self.place.code])
        return self.filter_region(queryset, name, self.place.code)

    def filter_instrument(self, queryset, name, instruments):
        """Processes that use any of the instruments (their slugs)."""
        if not instruments:
            return queryset
        uses = ProcessInstrument.objects.filter(instrument__slug__in=instruments)
        return queryset.filter(pk__in=uses.values("process"))

    def filter_year_from(self, queryset, name, value):
        return queryset.filter(Q(end_year__isnull=True) | Q(end_year__gte=value))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)

    def filter_noop(self, queryset, name, value):
        return queryset  # women_in and women_share work together (filter_queryset)

    def filter_queryset(self, queryset):
        """Women's participation: women present among a role at the table (a figure of the
        process or of one of its agreements), or at least a share of them."""
        queryset = super().filter_queryset(queryset)
        role = self.form.cleaned_data.get("women_in")
        share = self.form.cleaned_data.get("women_share")
        if not role and share is None:
            return queryset
        return with_women(queryset, role, share)

    def filter_women_mediators(self, queryset, name, value):
        if not value:
            return queryset
        return with_women(queryset, ParticipationFigure.Role.MEDIATORS)

    def filter_network(self, queryset, name, value):
        if not value:
            return queryset
        engaged = Engagement.objects.visible_to(self.user).values("process")
        return queryset.filter(pk__in=engaged)

    @property
    def qs(self):
        """Best matches first when searching (the search orders them), else by name; an order
        the visitor chooses wins over either (its filter comes after the search)."""
        queryset = super().qs
        cleaned = getattr(self.form, "cleaned_data", {})
        if not cleaned.get("ordering") and (not cleaned.get("q") or self.place):
            queryset = queryset.order_by("name", "pk")
        return queryset


class AgreementFilter(PlacedByProcess, ListFilterSet):
    """The agreements' filters (PA-X data), all in the query string."""

    process_field = "process"

    q = django_filters.CharFilter(
        label=_("Name contains"),
        field_name="name",
        # Without regard to accents: "Acuerdo de Bogota" finds "Acuerdo de Bogotá".
        lookup_expr="unaccent__icontains",
        max_length=200,
        widget=TextInput,
    )
    year_from = WholeNumberFilter(
        label=_("From (year)"),
        field_name="date__year",
        lookup_expr="gte",
        min_value=1900,
        max_value=2100,
        widget=NumberInput,
    )
    year_to = WholeNumberFilter(
        label=_("Until (year)"),
        field_name="date__year",
        lookup_expr="lte",
        min_value=1900,
        max_value=2100,
        widget=NumberInput,
    )
    stage = django_filters.MultipleChoiceFilter(
        label=_("Stage"), choices=Stage.choices, widget=forms.CheckboxSelectMultiple
    )
    level = django_filters.MultipleChoiceFilter(
        label=_("Conflict level"),
        field_name="conflict_level",
        choices=ConflictLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = RegionFilter(method="filter_region")
    country = CountriesFilter(method="filter_country")
    gender = django_filters.BooleanFilter(
        label=_("With provisions on women, girls and gender"),
        field_name="gender_provisions",
        widget=CheckboxInput,
        method="filter_gender",
    )
    process = django_filters.CharFilter(
        label=_("Process (its address)"),
        field_name="process__slug",
        max_length=200,
        widget=TextInput,
    )

    class Meta:
        model = Agreement
        fields: list[str] = []
        form = CatalogueForm

    @classmethod
    def for_visitor(cls, request):
        """The filters, bound to the query string, over the agreements of the processes the
        visitor may see: the list, its download and its feed read them alike."""
        visible = Agreement.objects.visible_to(request.user).with_process()
        return cls(request.GET or None, queryset=visible)

    def filter_gender(self, queryset, name, value):
        return queryset.filter(gender_provisions=True) if value else queryset

    @property
    def qs(self):
        # The newest first, those without a date last (PostgreSQL puts them first otherwise).
        return super().qs.order_by(F("date").desc(nulls_last=True), "name", "pk")


def facet_counts(queryset, **fields):
    """How many processes the queryset holds, and how many have each value of each field, in
    one query: facet_counts(qs, level="conflict_level") is (40, {"level": {"intra": 12, ...}}).
    Values no process has, and values that are no choice of the field, are left out.

    The query counts each combination of the fields' values (a few dozen rows at most) and
    the sums are made here: one aggregate per value, filtered, cost more to build than to run.
    It counts rows, not keys: a key to count would be read from each row, where the fields
    alone can come from an index (the agreements' facets, agreement_facets_idx).
    """
    choices = {
        name: {value for value, _label in queryset.model._meta.get_field(field).flatchoices}
        for name, field in fields.items()
    }
    counts = {name: {} for name in fields}
    total = 0
    rows = queryset.order_by().values_list(*fields.values()).annotate(matches=Count("*"))
    for *values, matches in rows:
        total += matches
        for name, value in zip(fields, values, strict=True):
            if value in choices[name]:
                counts[name][value] = counts[name].get(value, 0) + matches
    return total, counts
