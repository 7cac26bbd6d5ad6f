"""Lists a visitor narrows from the query string (the roster, the catalogue): one view and one
template (templates/includes/filtered_list.html) for them all, and the regional filter that
each offers, on its pages and in the admin."""

import copy
import datetime
import inspect
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, cast
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import admin
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from django_filters.constants import EMPTY_VALUES

from .choices import per_language
from .geography import country_choices, region_choices
from .groupings import grouping_choices
from .names import Named, named
from .pagination import ShapedPaginator
from .places import Place
from .widgets import Select, SelectMultiple


class ListForm(forms.Form):
    """The form of a list's filters (Meta.form). An order is a choice, or choices strung
    together ("name,-year"); a part left empty ("name," or ",") chooses nothing, and with
    nothing chosen the list keeps its own order: an empty part once ordered the roster by a
    column named "" (a server error) and left the catalogue in no order at all."""

    def clean_ordering(self) -> list[str] | None:
        return [part for part in self.cleaned_data.get("ordering") or [] if part] or None


class WholeNumberFilter(django_filters.NumberFilter):
    """A year or a share, in whole numbers: django-filter's number takes decimals, which a
    year cannot be and a share in whole percent was cut to."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # a number, whole


class StableOrdering(django_filters.OrderingFilter):
    """The order a visitor chooses, rows without a value last in either direction, then by
    ``then`` (columns that end with a unique one): each row keeps one place, so that pages
    neither repeat nor skip a row that shares its value with others."""

    def __init__(self, *args: Any, then: tuple[str, ...] = ("pk",), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.then = then

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            expression = F(field.lstrip("-"))
            descending = field.startswith("-")
            ordering.append(
                expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, *self.then)


class ListFilterSet(django_filters.FilterSet):
    """The filters of a list, as django-filter's FilterSet, for less per request.

    django-filter deep-copies every filter and builds a form class, with a field per filter,
    on each request: half a millisecond of every list page. Here the form class is built once
    per filter set, and each request gets shallow copies of the filters, which only learn
    their filter set (the methods named by ``method=`` are its own). So a filter holds nothing
    of one request: what differs per request (choices read from rows, say) belongs to the form,
    through form_kwargs().
    """

    _meta: Any  # django-filter's options, set by its metaclass
    _form_class: type[forms.Form]

    def __init__(
        self,
        data: QueryDict | dict[str, Any] | None = None,
        queryset: QuerySet | None = None,
        *,
        request: HttpRequest | None = None,
        prefix: str | None = None,
    ) -> None:
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = OrderedDict(
            (name, copy.copy(found)) for name, found in self.base_filters.items()
        )
        for found in self.filters.values():
            found.model = queryset.model  # type: ignore[attr-defined]
            found.parent = self  # type: ignore[attr-defined]
            if found.method is not None:  # its method, found on this filter set: the copy's own
                found.method = found.method

    @classmethod
    def get_form_class(cls) -> type[forms.Form]:
        # The class's own, not one a parent class built from its fewer filters.
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            for found in cls.base_filters.values():  # the model gives labels not given
                found.model = cls._meta.model  # type: ignore[attr-defined]
            fields = {name: found.field for name, found in cls.base_filters.items()}
            form_class = cast(
                type[forms.Form], type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            )
            form_class.base_fields = FieldsCopiedForEachForm(form_class.base_fields)
            cls._form_class = form_class
        return form_class

    def form_kwargs(self) -> dict[str, Any]:
        """What the form of this request is given besides the query string."""
        return {}

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            data = self.data if self.is_bound else None
            self._form = self.get_form_class()(data, prefix=self.form_prefix, **self.form_kwargs())
        return self._form


class FieldsCopiedForEachForm(dict[str, forms.Field]):
    """A filter form's fields, which Django deep-copies for each form: each field and its
    widget are copied as Django copies them, but a choice field's choices, which Django
    deep-copies (rebuilding every lazy label through pickle's protocol: the catalogue's form
    took 0.30 ms to build, now 0.21), are copied as a list. They are pairs nobody changes in
    place: a form that needs other choices assigns them."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {}
        for name, field in self.items():
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                copied: Any = forms.Field.__deepcopy__(field, memo)
                choices = copy.copy(vars(field)["_choices"])
                if getattr(choices, "field", None) is field:  # django-filter's, with its empties
                    choices.field = copied
                copied._choices = choices
                fields[name] = copied
            else:
                fields[name] = copy.deepcopy(field, memo)
        return fields


def read_per_form[T](read: Callable[[], T]) -> Callable[[], T]:
    """Choices that read() gives, read when a form first needs them (a feed may not), then the
    same for the rest of that form: its check of the chosen values, its boxes and its chips."""
    read_already: list[T] = []

    def choices() -> T:
        if not read_already:
            read_already.append(read())
        return read_already[0]

    return choices


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


# What a visitor chose that is no filter: the order and the page.
NOT_FILTERS = ("ordering", "page")


def searched(filterset: django_filters.FilterSet, data: QueryDict) -> QueryDict:
    """The parameters of ``data`` the list reads (its filters and its order), without the page:
    what its page links, its feed and a saved search keep. A campaign's ``utm_source`` or any
    other parameter the list ignores neither follows a reader from page to page nor makes the
    list count as searched."""
    fields = filterset.filters.keys() | filterset.form.fields.keys()
    kept = QueryDict(mutable=True)
    for name, values in data.lists():
        if name in fields and name != "page":
            kept.setlist(name, values)
    return kept


def offered_order(filterset: django_filters.FilterSet) -> str | None:
    """The one order the visitor chose among those the form offers ("" for none), or None for
    anything else: orders can be strung together ("name,name,..."), and a list's pages keep
    their SQL per order (wpm.pagination.ShapedPaginator), which must stay a few."""
    chosen = filterset.data.getlist("ordering") if isinstance(filterset.data, QueryDict) else []
    field = cast(forms.ChoiceField | None, filterset.form.fields.get("ordering"))
    if not chosen or field is None:  # none chosen, or none to choose: the list's own order
        return ""
    # Django keeps a choice field's choices as (value, label) pairs, whatever it was given.
    offered = {str(value) for value, _label in cast(Iterable[tuple[Any, Any]], field.choices)}
    return chosen[0] if len(chosen) == 1 and chosen[0] in offered else None


def chosen_filters(filterset: django_filters.FilterSet) -> list[tuple[str, str, str]]:
    """Each value the visitor chose, as (field name, value, how it reads: "Region: Sahel"),
    in the form's order; none for filters that cannot be understood."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    data = filterset.data
    if not isinstance(data, QueryDict):  # filters built in code, not read from an address
        data = QueryDict(urlencode(filterset.data or {}, doseq=True))
    chosen = []
    for name, field in filterset.form.fields.items():
        if name in NOT_FILTERS:
            continue
        for value in data.getlist(name):
            if value.strip():
                chosen.append((name, value, f"{field.label}: {_value_label(field, value)}"))
    return chosen


class FilteredListView(ListView):
    """A list of what the visitor may see, narrowed by a FilterSet read from the query string.
    Filters that cannot be understood answer 400, with the form's errors, summed up at the top
    as every failed form's are, and no rows; the page links keep the filters (query_string)."""

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
        query = searched(self.filterset, self.request.GET)
        context.update(
            filterset=self.filterset,
            # The page's form: its errors put "Error:" in the title and sum up at the top.
            form=self.filterset.form,
            list_url=self.request.path,  # the form's address, and the list without filters
            query_string=query.urlencode(),
            is_filtered=bool(query),
            chips=self.chips(),
            feed_url=self._feed_url(query.urlencode()),
            feed_name=self.feed_name,
        )
        return context

    def _feed_url(self, query: str) -> str:
        if not self.feed_name:
            return ""
        return reverse(self.feed_name) + (f"?{query}" if query else "")

    def counted_paginator(
        self, queryset: QuerySet, per_page: int, count: int, *, whole: bool, **kwargs: Any
    ) -> Paginator:
        """A paginator of ``count`` matches, counted by the list itself. The whole list (no
        filter, ``whole``) has the same query for every anonymous visitor: its first pages'
        SQL is written once per order and language (ShapedPaginator)."""
        public = whole and not self.request.user.is_authenticated
        order = offered_order(self.filterset) if public else None
        if order is not None:
            key = (type(self).__name__, order)
            return ShapedPaginator(queryset, per_page, count=count, key=key, **kwargs)
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = count
        return paginator

    def chips(self) -> list[dict[str, str]]:
        """The active filters as removable chips: one per chosen value."""
        chips = []
        for name, value, label in chosen_filters(self.filterset):
            rest = searched(self.filterset, self.request.GET)
            rest.setlist(name, [other for other in rest.getlist(name) if other != value])
            chips.append({"label": label, "url": f"{self.request.path}?{rest.urlencode()}"})
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


def named_place(words: str, kinds: tuple[str, ...]) -> Named | None:
    """What a list's search names, when its words are the name of a country, a region or a
    language (of the kinds the list filters by) in English or German: the list then filters
    by it, as site search does ("Kolumbien" finds what is in Colombia, not what says so)."""
    place = named(words)
    return place if place is not None and place.kind in kinds else None


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
    feed_name = ""  # the feed's own URL name
    list_title: Any = ""  # the list's name, as a saved search names it
    added_field = ""  # when a row joined the list, for the digest of a saved search

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_object(request)
        if filterset.is_bound and not filterset.is_valid():
            return unreadable_filters()
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """The list's filters, bound to the query string, over what the visitor may see."""
        raise NotImplementedError

    def author_name(self) -> str:
        """Atom asks a feed for its author (RFC 4287): the network speaks."""
        return str(_("Women in Peace Mediation Network"))

    def item_updateddate(self, item: Any) -> datetime.datetime | None:
        """Atom asks every entry for its date (RFC 4287): the one it shows, else when its row
        joined the list."""
        return self.item_pubdate(item) or getattr(item, self.added_field, None)

    def title(self, filterset: django_filters.FilterSet) -> str:
        """The search's name, as a saved search has it, and the network's: feeds of two
        searches of one list can be told apart in a reader."""
        return f"{self.search_title(filterset)} · {self.author_name()}"

    def search_title(self, filterset: django_filters.FilterSet) -> str:
        """The list's name and what was chosen: "Roster of mediators · Region: Sahel; ..."."""
        chosen = "; ".join(label for _name, _value, label in chosen_filters(filterset))
        title = f"{self.list_title} · {chosen}" if chosen else str(self.list_title)
        return Truncator(title).chars(300)

    def link(self, filterset: django_filters.FilterSet) -> str:
        return reverse(self.list_name) + self._search(filterset)

    def feed_url(self, filterset: django_filters.FilterSet) -> str:
        """The address subscribed to, with its search: Atom's rel="self"."""
        return reverse(self.feed_name) + self._search(filterset)

    def _search(self, filterset: django_filters.FilterSet) -> str:
        if not isinstance(filterset.data, QueryDict):
            return ""
        query = searched(filterset, filterset.data)
        return f"?{query.urlencode()}" if query else ""

    def newest(self, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError

    def items(self, filterset: django_filters.FilterSet) -> list[Any]:
        return self.shown(filterset, self.newest(self.followed(filterset))[: self.length])

    def followed(self, filterset: django_filters.FilterSet) -> QuerySet:
        """The rows the feed and a saved search's digest tell of: those the filters keep."""
        return filtered(filterset)

    def shown(self, filterset: django_filters.FilterSet, rows: QuerySet) -> list[Any]:
        """The rows as the reader of the feed may see them."""
        return list(rows)

    def for_reader(self, user: Any, query: str) -> django_filters.FilterSet:
        """The list's filters read from a saved query string, over what the user may see."""
        request = HttpRequest()
        request.GET = QueryDict(query)
        request.user = user
        return self.get_object(request)

    def added_between(
        self, user: Any, query: str, since: datetime.datetime, until: datetime.datetime, limit: int
    ) -> tuple[int, list[tuple[str, str]]]:
        """How many rows that the saved query matches, for this user today, joined the list
        after one moment and up to another, and the newest of them as (title, address)."""
        filterset = self.for_reader(user, query)
        added = self.followed(filterset).filter(
            **{f"{self.added_field}__gt": since, f"{self.added_field}__lte": until}
        )
        total = added.count()
        if not total:
            return 0, []
        rows = self.shown(filterset, self.newest(added)[:limit])
        return total, [(str(self.item_title(row)), self.item_link(row)) for row in rows]


def watched_list(feed_name: str) -> ListFeed | None:
    """The list feed of this URL name, which a saved search follows; None for any other."""
    try:
        view = resolve(reverse(feed_name)).func
    except NoReverseMatch:
        return None
    view = inspect.unwrap(view)  # the feed itself, within the check of the request's method
    return view if isinstance(view, ListFeed) else None
