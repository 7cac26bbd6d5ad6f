"""Version 1 of the read-only public API: the site's open data, as the public sees it.

Every endpoint answers as to an anonymous visitor, whoever asks: it reads the same queryset
methods and filters as the pages (one home per rule), so nothing a page hides from the public is
here, and lists carry no total that could single out a hidden profile. Lists are paginated by
cursor; answers are cached like pages (weak ETag, 304, short Cache-Control) and may be read from
any origin; each client has a rate limit; errors share one shape (schemas.Error).
"""

import functools
import re
import time
from collections.abc import Callable
from typing import Annotated, Any

import django_filters as filters
import pydantic
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, URLPattern, re_path, resolve
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.pagination import CursorPagination, paginate
from ninja.throttling import AnonRateThrottle
from pydantic_core import PydanticCustomError

from mediators.filters import RosterFilter
from mediators.models import Mediator
from processes.filters import AgreementFilter, CatalogueFilter
from processes.insights import CHARTS, all_charts, published_figures
from processes.models import Agreement, Dataset, Process
from wpm.models import Article, Event, Voice
from wpm.pagecache import public_page
from wpm.ratelimit import allow, client_ip

from .schemas import (
    AgreementOut,
    ArticleOut,
    ChartOut,
    ErrorOut,
    EventOut,
    FigureOut,
    MediatorOut,
    ProcessOut,
    ReleaseOut,
    VoiceOut,
)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
ERRORS: dict[int | str, Any] = {400: ErrorOut, 404: ErrorOut, 405: ErrorOut, 429: ErrorOut}
TOO_LONG = "URI Too Long: the address is longer than the server reads; it answers in plain HTML."


class PerClient(AnonRateThrottle):
    """Each client (by address) may make settings.API_RATE_LIMIT requests a window (a minute
    for "120/m"), counted in the cache as the site's own limits are (wpm.ratelimit), so that a
    lost Redis costs each process its own count, not the API. A client's count is one number,
    added to in the cache: django-ninja's own throttle kept the time of each of her requests,
    read and written back whole by each request (two at once could each write back a list
    without the other), and held the request's state on the one throttle all requests share."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        super().__init__(settings.API_RATE_LIMIT)
        self.clock = clock

    def allow_request(self, request: HttpRequest) -> bool:
        limit, seconds = self._limit()
        window = int(self.clock() // seconds)
        # The address the site counts every limit by: a client's own X-Forwarded-For header
        # does not make it someone else.
        return allow("api", f"{client_ip(request)}:{window}", limit, seconds)

    def wait(self) -> float:
        """Until the next window, in which her count starts again."""
        _limit, seconds = self._limit()
        return seconds - self.clock() % seconds

    def described(self) -> str:
        """The limit in words, for the API's documentation: "120 requests a minute"."""
        limit, seconds = self._limit()
        window = {1: "a second", 60: "a minute", 3600: "an hour", 86400: "a day"}[seconds]
        return f"{limit} request{'' if limit == 1 else 's'} {window}"

    def _limit(self) -> tuple[int, int]:
        limit, seconds = self.parse_rate(settings.API_RATE_LIMIT)
        if limit is None or seconds is None:
            raise ImproperlyConfigured("API_RATE_LIMIT must be a rate, such as 120/m.")
        return limit, seconds


class PublicAPI(NinjaAPI):
    """The open data's API, whose schema names what the server in front of it refuses and the
    operator's rate limit. Any origin may read its every answer (``read_only``)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        # The server in front of the app refuses an address longer than it reads (gunicorn:
        # about 4 KB) before the API sees it; the schema says so rather than hiding it.
        schema = super().get_openapi_schema(*args, **kwargs)
        # The limit the operator set (API_RATE_LIMIT), not the default's.
        info = schema["info"]
        info["description"] = info["description"].replace("{rate}", PerClient().described())
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault("414", {"description": TOO_LONG})
        return schema


api = PublicAPI(
    title="WPM open data",
    version="1",
    description=(
        "The open data of the network's website, read-only: peace processes and agreements "
        "(from PA-X, with the catalogue's filters), women's participation figures and the "
        "insights' tables, the roster of mediators exactly as the public sees it, voices, "
        "articles and events. Lists are paginated by cursor: follow "
        "`next`. Each client may make {rate}. Errors have one shape: "
        '`{"error": {"status", "code", "message", "fields"}}`.'
    ),
    urls_namespace="api",
    throttle=[PerClient()],
)


def _error(request: HttpRequest, status: int, code: str, message: str, fields=None):
    body = {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}
    return api.create_response(request, body, status=status)


READ = ("GET", "HEAD")


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An address of the API, which is only ever read, by any origin: HEAD is answered as GET
    (the server sends no body), any other method with a 405 in the API's error shape. ninja
    answered HEAD to its operations with a 405, and any method they do not take with a
    plain-text one; the schema and its documentation it served to any method, a POST included."""

    @functools.wraps(view)  # ninja's views are exempt from CSRF: nothing here is written
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = _read(view, request, *args, **kwargs)
        # Any origin may read every address, the schema and its documentation too: a tool
        # elsewhere (an OpenAPI editor, a client generator) reads the schema first.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return answer


def _read(
    view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    if request.method not in READ:
        response = _error(
            request,
            405,
            "method_not_allowed",
            _("The open data is only read: ask for it with GET or HEAD."),
        )
        response["Allow"] = ", ".join(READ)
        return response
    if request.method == "GET":
        return view(request, *args, **kwargs)
    request.method = "GET"  # ninja finds an operation by the method
    try:
        return view(request, *args, **kwargs)
    finally:
        request.method = "HEAD"  # for whatever leaves out the body


# ninja's root, which it reverses to find its own addresses; and every other address.
ROOT, ELSEWHERE = "api-root", "elsewhere"


def urlpatterns() -> list[URLPattern]:
    """The API's addresses, each only read (``read_only``), then any other under them
    (``elsewhere``), which answers in the API's shape too. ninja lists each as a pattern of
    its own; anything else would be an address left out of the rule, and fails at start."""
    patterns = []
    for pattern in api.urls[0]:
        if not isinstance(pattern, URLPattern):
            raise ImproperlyConfigured(f"The API's address {pattern} is not a plain pattern.")
        # The root is no endpoint: ninja's raised Django's 404, the site's HTML page.
        callback = read_only(elsewhere if pattern.name == ROOT else pattern.callback)
        patterns.append(URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name))
    patterns.append(re_path(r"^(?P<address>.*)$", read_only(elsewhere), name=ELSEWHERE))
    return patterns


def elsewhere(request: HttpRequest, address: str = "") -> HttpResponse:
    """An address under the API's that is no endpoint: one that lacks only its final slash is
    sent on to it, as the pages are (APPEND_SLASH); any other is not found, in the API's error
    shape. Django answered the site's HTML page, and a redirect no script on another origin
    could follow."""
    if settings.APPEND_SLASH and _an_endpoint(request, request.path_info + "/"):
        return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return _error(request, 404, "not_found", _("Nothing public has this address."))


def _an_endpoint(request: HttpRequest, path: str) -> bool:
    try:
        found = resolve(path, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return found.url_name not in (ROOT, ELSEWHERE)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", _("Nothing public has this address."))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        name = ".".join(str(step) for step in error.get("loc", [])[1:]) or "request"
        fields.setdefault(name, []).append(str(error.get("msg", "invalid")))
    return _error(request, 400, "invalid", _("Some parameters could not be read."), fields)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(request, 429, "rate_limited", _("Too many requests: please slow down."))
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "error", str(exc))


def _page_size(value: Any) -> Any:
    """A page size as written in the address: digits for a number from 1 to MAX_PAGE_SIZE.
    Read leniently, "+0.0", "1_0" or " 1" were sizes, and 0, -1 or 1,000 were quietly made
    1 or 100."""
    if isinstance(value, str) and not (
        WHOLE_NUMBER.fullmatch(value) and 1 <= int(value) <= MAX_PAGE_SIZE
    ):
        message = _("Give a whole number of results a page, from 1 to %(most)d.")
        # In the reader's language already: nothing in it for pydantic to fill in.
        raise PydanticCustomError("page_size", message % {"most": MAX_PAGE_SIZE})
    return value


class Cursor(CursorPagination):
    """Cursor pagination that reads its parameters as strictly as the filters: each at most
    once, where the library would quietly take one of several, and a page size within its
    bounds, where the library would quietly bring it within them. ``answer``, if given, writes
    each object of a page as its answer (a schema's answer(), schemas.Answer)."""

    # What a position can be in each order the lists use: a key, or an address.
    POSITIONS = {"pk": re.compile(r"[0-9]{1,18}"), "slug": slug_re}

    class Input(CursorPagination.Input):
        page_size: Annotated[int | None, pydantic.BeforeValidator(_page_size)] = pydantic.Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Results a page: {PAGE_SIZE} unless given, {MAX_PAGE_SIZE} at most.",
        )

    def __init__(
        self, *, answer: Callable[[Any, HttpRequest], dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(max_page_size=MAX_PAGE_SIZE, **kwargs)
        self.answer = answer

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        repeated = [name for name in ("cursor", "page_size") if len(request.GET.getlist(name)) > 1]
        if repeated:
            raise FilterError({name: [_("Give this parameter once.")] for name in repeated})
        self._check_cursor(request.GET.get("cursor"))
        page = super().paginate_queryset(queryset, pagination, request, **params)
        if self.answer is not None:
            items = page[self.items_attribute]
            page[self.items_attribute] = [self.answer(item, request) for item in items]
        return page

    def _check_cursor(self, encoded: str | None) -> None:
        """A cursor is read before the library reads it: one made by hand, well encoded but
        holding another position (not a key), a negative or huge offset or a direction that
        is neither, reached the query as it was and failed there (a server error)."""
        unreadable = FilterError({"cursor": [_("This cursor cannot be read.")]})
        try:
            cursor = self.Cursor.from_encoded_param(encoded)
        except (ValidationError, pydantic.ValidationError) as error:
            raise unreadable from error
        if cursor.p is not None and not self.POSITIONS[self._order_attribute].fullmatch(cursor.p):
            raise unreadable


def _an_address(slug: str) -> None:
    """Nothing is at a slug no page could have (a NUL character in it, say, which PostgreSQL
    cannot even compare): 404 before any query."""
    if not slug_re.fullmatch(slug):
        raise Http404


class FilterError(Exception):
    def __init__(self, fields: dict[str, list[str]]):
        super().__init__("invalid filters")
        self.fields = fields


@api.exception_handler(FilterError)
def invalid_filter(request: HttpRequest, exc: FilterError) -> HttpResponse:
    return _error(request, 400, "invalid_filter", _("Some filters could not be read."), exc.fields)


def as_public(request: HttpRequest) -> HttpRequest:
    """The API answers everyone as the public: a signed-in browser's session changes nothing."""
    request.user = AnonymousUser()
    return request


def filtered(filterset: Any) -> Any:
    """The filtered list; FilterError naming each filter that cannot be read. The API is
    stricter than the pages' forms: a yes-or-no filter is true or left out (the pages' forms
    read "false" as "any", which would list the rows with and without alike), a filter of one
    value is given once, and no order is taken, as the list comes in its cursor's."""
    problems: dict[str, list[str]] = {}
    query = filterset.data or {}
    for name, found in filterset.base_filters.items():
        values = query.getlist(name) if hasattr(query, "getlist") else []
        if values and isinstance(found, filters.OrderingFilter):
            problems[name] = [_("The list comes in a fixed order: leave this out.")]
        elif len(values) > 1 and not isinstance(found, MULTIPLE):
            problems[name] = [_("Give this filter once.")]
        elif isinstance(found, filters.BooleanFilter) and any(v not in BOOLEANS for v in values):
            problems[name] = [_("Use true, or leave the filter out.")]
        # The pages' forms send an empty value for "any", and read "1.0", "+1", " 1" or "1_0"
        # (as ten) as numbers; the API documents digits only.
        elif isinstance(found, filters.NumberFilter) and not all(
            map(WHOLE_NUMBER.fullmatch, values)
        ):
            problems[name] = [_("Give a whole number, or leave the filter out.")]
        elif "" in values and found.extra.get("choices"):
            problems[name] = [_("Choose one of its values, or leave the filter out.")]
    if problems:
        raise FilterError(problems)
    if filterset.is_bound and not filterset.is_valid():
        raise FilterError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset.qs


cached = decorate_view(public_page)

MULTIPLE = (filters.MultipleChoiceFilter, filters.ModelMultipleChoiceFilter)
BOOLEANS = ("true",)


def filter_parameters(filterset: Any) -> dict[str, Any]:
    """A list's filters (a django-filter FilterSet, which reads them) as documented query
    parameters of its operation, each with the label the page's filter form shows."""
    parameters = []
    for name, found in filterset.base_filters.items():
        if isinstance(found, filters.OrderingFilter):
            continue  # the list comes in its cursor's order (filtered())
        schema: dict[str, Any] = {"type": "string"}
        if isinstance(found, filters.NumberFilter):
            schema = {"type": "integer"}
            bounds = {
                "minimum": found.extra.get("min_value"),
                "maximum": found.extra.get("max_value"),
            }
            schema |= {key: bound for key, bound in bounds.items() if bound is not None}
        elif isinstance(found, filters.BooleanFilter):
            schema = {"type": "string", "enum": list(BOOLEANS)}
        elif isinstance(found, MULTIPLE):
            schema = {"type": "array", "items": {"type": "string"}}
        choices = found.extra.get("choices")
        if isinstance(choices, list | tuple) and choices:
            values = [str(value) for value, _label in choices]
            if schema["type"] == "array":
                schema["items"]["enum"] = values
            else:
                schema["enum"] = values
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": schema,
                "description": str(found.label or name),
            }
        )
    return {"parameters": parameters}


# Peace processes and agreements.

processes = Router(tags=["Peace processes"])


@processes.get(
    "/processes/",
    response={200: list[ProcessOut], **ERRORS},
    openapi_extra=filter_parameters(CatalogueFilter),
)
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE, answer=ProcessOut.answer)
def list_processes(request: HttpRequest):
    """The catalogue's processes, with the catalogue's filters (track, region, country,
    stage, level, instrument, q, ...) as query parameters."""
    return filtered(CatalogueFilter.for_visitor(as_public(request))).for_answers()


@processes.get("/processes/{slug}/", response={200: ProcessOut, **ERRORS})
@cached
def get_process(request: HttpRequest, slug: str):
    _an_address(slug)
    visible = Process.objects.visible_to(as_public(request).user).for_answers()
    return get_object_or_404(visible, slug=slug)


@processes.get(
    "/agreements/",
    response={200: list[AgreementOut], **ERRORS},
    openapi_extra=filter_parameters(AgreementFilter),
)
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE, answer=AgreementOut.answer)
def list_agreements(request: HttpRequest):
    """The agreements of the public processes, with the agreements list's filters."""
    return filtered(AgreementFilter.for_visitor(as_public(request)))


@processes.get("/agreements/{agreement_id}/", response={200: AgreementOut, **ERRORS})
@cached
def get_agreement(request: HttpRequest, agreement_id: int):
    visible = Agreement.objects.visible_to(as_public(request).user).with_process()
    return get_object_or_404(visible, pk=agreement_id)


@processes.get("/figures/", response={200: list[FigureOut], **ERRORS})
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE)
def list_figures(request: HttpRequest):
    """Women's participation: per role, how many people and how many women, of the public
    processes and their agreements, with the source of each figure."""
    return published_figures().select_related("process", "agreement__process")


@processes.get("/insights/", response={200: list[ChartOut], **ERRORS})
@cached
def list_insights(request: HttpRequest):
    """The figures of "Women at the table", each as the table the page shows beside it."""
    return all_charts()


@processes.get("/insights/{slug}/", response={200: ChartOut, **ERRORS})
@cached
def get_insight(request: HttpRequest, slug: str):
    if slug not in CHARTS:
        raise Http404
    return CHARTS[slug]()


@processes.get("/sources/pax/", response={200: ReleaseOut, **ERRORS})
@cached
def pax_release(request: HttpRequest):
    """Which PA-X release the processes, agreements and insights rest on, up to which date,
    and how to cite it; a 404 before any import."""
    release = Dataset.pax()
    if release is None:
        raise Http404
    return release


# The roster.

roster = Router(tags=["Mediators"])


@roster.get(
    "/mediators/",
    response={200: list[MediatorOut], **ERRORS},
    openapi_extra=filter_parameters(RosterFilter),
)
@cached
# In the order of the addresses, which a protected profile takes from her pseudonym: in the order
# of the rows, she kept her place between the same neighbours when she turned protected, and
# the next page's cursor held her row's key, linking her name to her pseudonym.
@paginate(Cursor, ordering=("slug",), page_size=PAGE_SIZE, answer=MediatorOut.answer)
def list_mediators(request: HttpRequest):
    """The roster as the public sees it, with the roster's filters (language, level,
    expertise, region, track, q, ...), in the order of the addresses. A protected profile is
    its pseudonym card."""
    return filtered(RosterFilter.for_visitor(as_public(request))).only(*Mediator.CARD_FIELDS)


@roster.get("/mediators/{slug}/", response={200: MediatorOut, **ERRORS})
@cached
def get_mediator(request: HttpRequest, slug: str):
    _an_address(slug)
    visible = Mediator.objects.visible_to(as_public(request).user).only(*Mediator.CARD_FIELDS)
    return MediatorOut.answer(get_object_or_404(visible, slug=slug), request)


# The network's own content.

content = Router(tags=["Voices, articles and events"])


@content.get("/voices/", response={200: list[VoiceOut], **ERRORS})
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE)
def list_voices(request: HttpRequest):
    """Testimonials published with their authors' consent."""
    return Voice.objects.visible_to(as_public(request).user)


@content.get("/articles/", response={200: list[ArticleOut], **ERRORS})
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE)
def list_articles(request: HttpRequest):
    """The network's advocacy: position papers, statements, news and interviews."""
    return Article.objects.visible_to(as_public(request).user)


@content.get("/events/", response={200: list[EventOut], **ERRORS})
@cached
@paginate(Cursor, ordering=("pk",), page_size=PAGE_SIZE)
def list_events(request: HttpRequest):
    """The network's events, past and upcoming."""
    return Event.objects.visible_to(as_public(request).user)


api.add_router("", processes)
api.add_router("", roster)
api.add_router("", content)
