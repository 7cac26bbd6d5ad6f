from functools import cache

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, models
from django.db.models import Case, ExpressionWrapper, F, Q, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wpm.choices import Track
from wpm.derived import kept
from wpm.groupings import grouping_countries
from wpm.lists import (
    CountriesFilter,
    ListFilterSet,
    ListForm,
    RegionFilter,
    StableOrdering,
    filtered,
    named_place,
    read_per_form,
)
from wpm.widgets import CheckboxInput, Select, SelectMultiple, TextInput

from .choices import Background, LanguageLevel, language_choices
from .documents import AllFacets, facet_lexeme
from .models import (
    AUDIENCE_NAMES,
    Audience,
    ExpertiseArea,
    Mediator,
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
)


def expertise_choices():
    """The areas of expertise as the roster offers them, in the page's language. They are rows
    staff manage, read once per version of the content (a change to an area writes a new one),
    not on every request."""
    return kept(
        "expertise-choices",
        lambda: [(area.slug, area.name) for area in ExpertiseArea.objects.all()],
        get_language(),
    )


class ShownOrdering(StableOrdering):
    """Orders by values every listed profile shows the viewer (RosterFilter.qs annotates them,
    None where a profile hides it), those without one last in either direction, then by name:
    a place in the list never tells what a profile hides."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, then=("sort_name", "pk"), **kwargs)


class RosterForm(ListForm):
    def __init__(self, *args, expertise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = expertise or read_per_form(expertise_choices)


@cache
def _counted_options():
    """The counts of the options over "matches" (RosterFilter.option_counts: each matching
    profile's key, and whether she shows the visitor her details): the same SQL for every
    search and filter, written once. A profile has a value once at most: rows count profiles."""
    quote = connection.ops.quote_name

    def column(model, name):
        return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"

    def counted(name, value, model, *, shown, join=""):
        """How many of the matches have each value of one kind of their rows."""
        matches = '"matches" WHERE "shown"' if shown else '"matches"'
        # Only names of the code's own are put in: the statement has no values.
        return (
            f"SELECT '{name}', {value}, COUNT(*) FROM {quote(model._meta.db_table)}{join}"  # noqa: S608
            f' WHERE {column(model, "mediator")} IN (SELECT "mediator" FROM {matches}) GROUP BY 2'
        )

    through = Mediator.expertise.through
    areas = (
        f" INNER JOIN {quote(ExpertiseArea._meta.db_table)}"
        f" ON {column(ExpertiseArea, 'id')} = {column(through, 'expertisearea')}"
    )
    parts = [
        # A pseudonym shows her expertise: every match counts there.
        counted("expertise", column(ExpertiseArea, "slug"), through, shown=False, join=areas),
        counted("track", column(MediatorTrack, "track"), MediatorTrack, shown=True),
        counted(
            "background", column(MediatorBackground, "background"), MediatorBackground, shown=True
        ),
        "SELECT 'total', '', COUNT(*) FROM \"matches\"",
    ]
    return " UNION ALL ".join(parts)


class RosterFilter(ListFilterSet):
    """The roster's filters. Each one matches only what the visitor's audience may see."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=200, strip=True, widget=TextInput
    )
    expertise = django_filters.MultipleChoiceFilter(
        label=_("Expertise (all of)"),
        method="filter_expertise",
        widget=forms.CheckboxSelectMultiple,
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Languages (all of)"),
        choices=language_choices,
        method="filter_languages",
        widget=SelectMultiple,
    )
    level = django_filters.ChoiceFilter(
        label=_("Minimum level"),
        choices=LanguageLevel.choices,
        method="filter_noop",
        empty_label=_("Any level"),
        widget=Select,
    )
    region = RegionFilter(method="filter_region")
    country = CountriesFilter(label=_("Countries of experience (any of)"), method="filter_country")
    track = django_filters.MultipleChoiceFilter(
        label=_("Track experience (all of)"),
        choices=Track.choices,
        method="filter_track",
        widget=forms.CheckboxSelectMultiple,
    )
    background = django_filters.MultipleChoiceFilter(
        label=_("Professional background (any of)"),
        choices=Background.choices,
        method="filter_background",
        widget=forms.CheckboxSelectMultiple,
    )
    available = django_filters.BooleanFilter(
        label=_("Available now"),
        method="filter_available",
        widget=CheckboxInput,
    )
    ordering = ShownOrdering(
        label=_("Sort by"),
        fields=(("sort_name", "name"), ("shown_experience", "experience")),
        # Each order's label, the descending ones by their choice: django-filter would write
        # those once, in the language of the first request, as "... (descending)".
        field_labels={
            "sort_name": _("Name"),
            "-name": _("Name (descending)"),
            "shown_experience": _("Years of experience"),
            "-experience": _("Years of experience (descending)"),
        },
        empty_label=_("Relevance or name"),
        widget=Select,
    )

    class Meta:
        model = Mediator
        fields: list[str] = []
        form = RosterForm

    @classmethod
    def for_visitor(cls, request):
        """The roster's filters, bound to the query string, over the listed profiles the
        visitor may see, as her audience sees them: the list and its feed read them alike."""
        visible = Mediator.objects.visible_to(request.user).for_cards()
        return cls(request.GET or None, queryset=visible, audience=Audience.of(request.user))

    def __init__(self, *args, audience=Audience.PUBLIC, expertise=None, **kwargs):
        """``expertise``: the areas to offer, where the caller knows them (else all)."""
        super().__init__(*args, **kwargs)
        self.audience = audience
        self.expertise = expertise
        # On PostgreSQL each profile's search vector for this audience holds its facets too
        # (mediators.documents.facets_of), so that one index answers the search and every filter at
        # once, in time that grows with the matches rather than with the roster.
        self.indexed = connection.vendor == "postgresql"
        self.facets = []
        self.words = ""
        self.place = None  # what the search named, if it named a place (filter_search)
        # Whether a search whose words find nothing looks for words close to them (a typo),
        # which costs a query to know; a caller that learns it from its own counts asks
        # with_typos() only then.
        self.typos = True

    def form_kwargs(self):
        return {"expertise": self.expertise}

    def _facet(self, queryset, *lexemes):
        """Any of the lexemes: one group of the query the index answers."""
        self.facets.append(lexemes)
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.indexed:
            return queryset
        audience = AUDIENCE_NAMES[self.audience]
        if self.facets:
            queryset = queryset.filter(**{f"search_{audience}": AllFacets(self.facets)})
        if self.words:
            queryset = queryset.search(self.words, self.audience, typos=self.typos)
        return queryset

    def with_typos(self):
        """The matches again, found by words close to those searched (a typo) where the words
        themselves find nothing: for a caller that searched without (``typos`` False) and
        found none."""
        self.typos = True
        del self._qs  # django-filter's matches, kept by qs
        return filtered(self)

    # Elsewhere (SQLite), the filters join the related rows. Privacy: the public sees only
    # pseudonym, regions and expertise of a protected profile, so any filter on another
    # attribute must not match one for a public visitor.
    def _open_profiles(self):
        if self.audience == Audience.PUBLIC:
            return Q(visibility=Mediator.Visibility.PUBLIC)
        return Q()

    def _section_visible(self, section):
        return Q(**{f"{section}_audience__lte": self.audience})

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        self.place = named_place(value, ("country", "region", "language"))
        if self.place is not None:
            return self._filter_place(queryset, name, self.place)
        if self.indexed:
            self.words = value  # searched with the facets, at the end (filter_queryset)
            return queryset
        return queryset.search(value, self.audience)

    def _filter_place(self, queryset, name, place):
        if place.kind == "country":
            return self.filter_country(queryset, name, [place.code])
        if place.kind == "region":
            return self.filter_region(queryset, name, place.code)
        return self.filter_languages(queryset, name, [place.code])

    @property
    def chosen(self):
        """What the visitor asked for, by filter: the cleaned values, with the place her
        search named as if she had chosen it (the cards say why they match)."""
        chosen = dict(getattr(self.form, "cleaned_data", {}))
        if self.place is not None:
            kind = self.place.kind
            code = self.place.code
            chosen[kind] = code if kind == "region" else [*(chosen.get(kind) or []), code]
        return chosen

    def filter_expertise(self, queryset, name, slugs):
        through = Mediator.expertise.through
        for slug in slugs:
            if self.indexed:
                queryset = self._facet(queryset, facet_lexeme("expertise", slug))
                continue
            queryset = queryset.filter(
                pk__in=through.objects.filter(expertisearea__slug=slug).values("mediator")
            )
        return queryset

    def filter_languages(self, queryset, name, values):
        level = int(self.form.cleaned_data.get("level") or LanguageLevel.A1)
        for code in values:
            if self.indexed:
                queryset = self._facet(queryset, facet_lexeme("language", code, level))
                continue
            queryset = queryset.filter(
                self._open_profiles(),
                pk__in=MediatorLanguage.objects.filter(code=code, level__gte=level).values(
                    "mediator"
                ),
            )
        return queryset

    def filter_region(self, queryset, name, value):
        countries = grouping_countries(value)
        if countries is not None:  # a grouping is its countries, which a pseudonym hides
            return self.filter_country(queryset, name, countries)
        if self.indexed:
            return self._facet(queryset, facet_lexeme("region", value))
        experience = RegionalExperience.objects.in_region(value)
        return queryset.filter(
            self._section_visible("regions"), pk__in=experience.values("mediator")
        )

    def filter_country(self, queryset, name, values):
        """Experience in any of the countries."""
        if not values:
            return queryset
        if self.indexed:
            return self._facet(queryset, *(facet_lexeme("country", code) for code in values))
        return queryset.filter(
            self._open_profiles(),
            self._section_visible("regions"),
            pk__in=RegionalExperience.objects.filter(country__in=values).values("mediator"),
        )

    def filter_track(self, queryset, name, values):
        for track in values:
            if self.indexed:
                queryset = self._facet(queryset, facet_lexeme("track", track))
                continue
            queryset = queryset.filter(
                self._open_profiles(),
                pk__in=MediatorTrack.objects.filter(track=track).values("mediator"),
            )
        return queryset

    def filter_background(self, queryset, name, values):
        if self.indexed:
            return self._facet(queryset, *(facet_lexeme("background", value) for value in values))
        backgrounds = MediatorBackground.objects.filter(background__in=values)
        return queryset.filter(self._open_profiles(), pk__in=backgrounds.values("mediator"))

    def filter_available(self, queryset, name, value):
        if not value:
            return queryset
        if self.indexed:
            return self._facet(queryset, facet_lexeme("available"))
        return queryset.filter(
            self._open_profiles(),
            self._section_visible("availability"),
            availability=Mediator.Availability.AVAILABLE,
        )

    def option_counts(self, matching):
        """How many profiles match, and how many of the matches show each area of expertise,
        track and background to the visitor, in one query: (30, {"track": {"1": 12, ...}, ...}).
        A count holds exactly the profiles that ticking its box would keep (a pseudonym shows
        only her expertise), so no count tells what a list cannot.

        The matches are found once, as a table the counts read (_counted_options): written as
        a subquery of each count, the search was written three times over and run three times
        ("ceasefire" with a language and an area among 10,000 profiles: 19 ms, now 10 ms, most
        of it Django's writing of the SQL).
        """
        # Whether a match shows the visitor her details, asked of the matches themselves: a
        # list of every open profile to meet them cost PostgreSQL more than the counting.
        open_profiles = self._open_profiles()
        shown = (
            ExpressionWrapper(open_profiles, output_field=models.BooleanField())
            if open_profiles
            else Value(True)
        )
        matches = matching.order_by().annotate(shown=shown).values_list("pk", "shown")
        found = 0
        counts = {"expertise": {}, "track": {}, "background": {}}
        try:
            sql, params = matches.query.sql_with_params()
        except EmptyResultSet:  # a filter no profile can meet (an unknown grouping)
            return found, counts
        # Only the ORM's SQL and the code's own names are put in; every value is a parameter.
        statement = (
            f'WITH "matches" ("mediator", "shown") AS MATERIALIZED ({sql}) {_counted_options()}'
        )
        with connections[matching.db].cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        for field, value, number in rows:
            if field == "total":
                found = number
            else:
                counts[field][value] = number
        return found, counts

    @property
    def narrows(self):
        """Whether the visitor searches or filters: then the page's query reads every match."""
        if not self.is_bound or not self.is_valid():
            return False
        ignored = {"ordering", "level"}  # a level narrows only with languages
        return any(value for name, value in self.form.cleaned_data.items() if name not in ignored)

    @property
    def ranked(self):
        """Whether the matches come best first, the words searched: then the page's query reads
        every match to rank them. Otherwise they come by name, or in the order she chose."""
        cleaned = getattr(self.form, "cleaned_data", {})
        return bool(cleaned.get("q")) and self.place is None and not cleaned.get("ordering")

    @property
    def qs(self):
        """Best matches first when searching (the search orders them), else by name; an order
        the visitor chooses comes last, over either: on PostgreSQL the words are searched after
        every other filter, the ordering included."""
        queryset = super().qs
        cleaned = getattr(self.form, "cleaned_data", {})
        if cleaned.get("ordering"):
            # Her years of experience are part of her details, which a protected profile
            # hides from the public (Mediator.as_seen_by).
            shown = F("years_experience")
            if self.audience == Audience.PUBLIC:
                shown = Case(
                    When(self._open_profiles(), then=shown),
                    default=Value(None),
                    output_field=models.PositiveSmallIntegerField(),
                )
            queryset = queryset.annotate(shown_experience=shown)
            return self.filters["ordering"].filter(queryset, cleaned["ordering"])
        if not self.ranked:
            return queryset.order_by("sort_name", "pk")
        return queryset
