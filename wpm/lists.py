"""Lists a visitor narrows from the query string (the roster, the catalogue): one view and one
template (templates/includes/filtered_list.html) for them all, and the regional filter that
each offers, on its pages and in the admin."""

from collections.abc import Iterable
from typing import Any, cast

import django_filters
from django import forms
from django.contrib import admin
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from .choices import per_language
from .geography import country_choices, region_choices
from .groupings import grouping_choices
from .places import Place
from .widgets import Select, SelectMultiple


def filtered(filterset: django_filters.FilterSet) -> QuerySet:
    """The rows the filters keep; none when the query string cannot be understood."""
    if filterset.is_bound and not filterset.is_valid():
        return cast(QuerySet, filterset.queryset).none()
    return filterset.qs


def _value_label(field: forms.Field, value: str) -> str:
    """How a chosen value reads: its choice's label, "yes" for a box, the words searched."""
    if isinstance(field, forms.BooleanField):
        return str(_("yes"))
    if isinstance(field, forms.ChoiceField):
        # Django keeps a choice field's choices as (value, label) pairs, whatever it was given.
        for option, label in cast(Iterable[tuple[Any, Any]], field.choices):
            if isinstance(label, (list, tuple)):  # a group of options
                for inner, text in label:
                    if str(inner) == value:
                        return str(text).lstrip("\N{EN DASH} ")
            elif str(option) == value:
                return str(label).lstrip("\N{EN DASH} ")
    return f"\N{LEFT DOUBLE QUOTATION MARK}{value}\N{RIGHT DOUBLE QUOTATION MARK}"


class FilteredListView(ListView):
    """A list of what the visitor may see, narrowed by a FilterSet read from the query string.
    Filters that cannot be understood answer 400, with the form's errors and no rows; the page
    links keep the filters (query_string)."""

    paginate_by = 24
    feed_name = ""  # the URL name of the list's Atom feed

    def get_filterset(self) -> django_filters.FilterSet:
        """The list's filters, bound to the query string, over what this visitor may see."""
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        self.filterset = self.get_filterset()
        return filtered(self.filterset)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            list_url=self.request.path,  # the form's address, and the list without filters
            query_string=query.urlencode(),
            is_filtered=bool(query),
            chips=self.chips(),
            feed_url=self._feed_url(query.urlencode()),
        )
        return context

    def _feed_url(self, query: str) -> str:
        if not self.feed_name:
            return ""
        return reverse(self.feed_name) + (f"?{query}" if query else "")

    # What the visitor chose, each with the address of the list without it; not the order.
    NOT_CHIPS = ("ordering", "page")

    def chips(self) -> list[dict[str, str]]:
        """The active filters as removable chips: one per chosen value."""
        form = self.filterset.form
        if not self.filterset.is_bound or self.filterset.errors:
            return []
        query = self.request.GET
        chips = []
        for name, field in form.fields.items():
            values = [value for value in query.getlist(name) if value.strip()]
            if name in self.NOT_CHIPS:
                continue
            for value in values:
                rest = query.copy()
                rest.setlist(name, [other for other in values if other != value])
                rest.pop("page", None)
                chips.append(
                    {
                        "label": f"{field.label}: {_value_label(field, value)}",
                        "url": f"{self.request.path}?{rest.urlencode()}",
                    }
                )
        return chips

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        if self.filterset.errors:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


@per_language
def area_choices() -> list[tuple[Any, Any]]:
    """The UN M49 regions and sub-regions, then the groupings of mediation practice."""
    return [*region_choices(), (_("In mediation practice"), grouping_choices())]


class RegionFilter(django_filters.ChoiceFilter):
    """The choice of a region, a sub-region or a grouping of mediation practice (the Horn of
    Africa...), as every filtered list offers it."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", _("Region"))
        super().__init__(choices=area_choices, empty_label=_("Any"), widget=Select, **kwargs)


class CountriesFilter(django_filters.MultipleChoiceFilter):
    """The choice of several countries, any of which a row must have, as filtered lists offer
    it; the list's own method says how a row has a country."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", _("Countries (any of)"))
        super().__init__(choices=country_choices, widget=SelectMultiple, **kwargs)


def unreadable_filters() -> HttpResponse:
    """The answer of a download or a feed to filters it cannot understand."""
    return HttpResponse(
        _("Some filters could not be understood."), status=400, content_type="text/plain"
    )


class RegionListFilter(admin.SimpleListFilter):
    """The admin's region filter: rows with a place (``places``, a model of country rows) in
    the region, found through its foreign key ``placed``."""

    title = _("region")
    parameter_name = "region"
    places: type[Place]
    placed: str

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [*region_choices(), *grouping_choices()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value in dict(self.lookup_choices):
            rows = self.places.objects.in_region(value)
            return queryset.filter(pk__in=rows.values(self.placed))
        return queryset


class ListFeed(Feed):
    """An Atom feed of a filtered list's newest matches, read from the same query string as
    the list, for the anonymous reader a feed reader is: a saved search that tells of what is
    new. Filters that cannot be understood answer 400. One instance serves every request: what
    a request asks for travels as the feed's object, never on the instance."""

    feed_type = Atom1Feed
    length = 20
    list_name = ""  # the list's URL name

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_object(request)
        if filterset.is_bound and not filterset.is_valid():
            return unreadable_filters()
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """The list's filters, bound to the query string, over what the visitor may see."""
        raise NotImplementedError

    def link(self, filterset: django_filters.FilterSet) -> str:
        query = QueryDict(mutable=True)
        if isinstance(filterset.data, QueryDict):
            query = filterset.data.copy()
        query.pop("page", None)
        return reverse(self.list_name) + (f"?{query.urlencode()}" if query else "")

    def newest(self, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError

    def items(self, filterset: django_filters.FilterSet) -> QuerySet:
        return self.newest(filterset.qs)[: self.length]
