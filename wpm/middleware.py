from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from . import health

type GetResponse = Callable[[HttpRequest], HttpResponseBase]


class HealthCheckMiddleware:
    """/healthz for a probe that names the server by its own address (a balancer's or an
    orchestrator's), not by the site's name: answered here, where the whole stack would refuse
    the host (400) and a healthy server would look down. A probe by the site's name goes the
    usual way, as every other request does."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            try:
                request.get_host()
            except DisallowedHost:
                return health.response()
        return self.get_response(request)


class DatabaseOutageMiddleware:
    """While the database is unreachable, visitors get a friendly 503 page in their language."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A lost connection, not a bug in a query: an integrity error stays a 500.
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        return outage_response()


def outage_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "120"
    return response


class UnreadableAddressMiddleware:
    """An address or query holding a NUL character is a bad request (400): no page, name or
    filter of the site holds one, and PostgreSQL cannot compare text with it, so a view that
    forgot to check failed with a server error (a topic, a photo's name, the back office's
    filters). The API answers for its own addresses, in JSON."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith("/api/") and (
            "\x00" in request.path
            or any(
                "\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()
            )
        ):
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)


# What a staff account reaches before it has two-factor authentication: setting it up, the rest
# of her account (signing out, her addresses and password), and the choice of language.
BEFORE_TWO_FACTOR = ("mfa_", "account_", "set_language")


def _before_two_factor(request: HttpRequest) -> bool:
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return True  # a page not found shows nothing
    return name.startswith(BEFORE_TWO_FACTOR)


class StaffSecurityMiddleware:
    """Staff sessions are short, and a staff account acts as staff only after two-factor
    setup: until then it reaches its own account alone. The back office is not all a staff
    password opens: outside it, staff read drafts and every mediator's staff-only sections."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            if request.session.get_expiry_age() > settings.STAFF_SESSION_AGE:
                request.session.set_expiry(settings.STAFF_SESSION_AGE)
            if (
                settings.STAFF_REQUIRE_MFA
                and not _before_two_factor(request)
                and not is_mfa_enabled(user)
            ):
                messages.warning(
                    request,
                    _("Please turn on two-factor authentication: a staff account needs it first."),
                )
                return redirect("mfa_index")
        return self.get_response(request)


# What gains from compression: text. Photos, PDFs and archives are compressed already.
COMPRESSIBLE = ("text/", "application/json", "application/atom+xml", "application/xml")


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip for the site's text (pages, CSV, feeds, JSON, calendars), leaving the
    photos and documents it streams as they are, with their length."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
