"""Whole pages cached for anonymous visitors, and forgotten the moment content changes.

Only the public's view of a page is cached: a signed-in visitor belongs to another audience
(member, staff) and always gets a page rendered for her. A response is stored only when it is a
plain 200 that sets no cookie and used no CSRF token, so nothing personal is ever shared.

Cached pages are keyed by the address (scheme, host, path and query), the day (content appears on
its publication day) and the token of ``PageVersion``. Every save or delete of a model of the
network's own apps writes a new token in the same transaction; queryset updates and bulk loads
call ``PageVersion.bump()`` themselves, and a restore writes one for all its rows
(``PageVersion.once()``). The next request then misses the cache and renders afresh.

The stored page also tells browsers and shared caches they may keep it for
``PAGE_MAX_AGE_SECONDS`` and then ask again with its ETag, which a cached page answers with a 304
at the cost of a cache hit. Every other answer of a public page (a signed-in visitor's, one with a
message or a form) is marked private, so no shared cache keeps it. The ETag is a page's only
validator: no answer says when it was last modified.
"""

import hashlib
from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from simple_history.models import HistoricalChanges

from .models import PageVersion


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest) -> str:
    address = request.build_absolute_uri()
    parts = (PageVersion.current(), timezone.localdate().isoformat(), get_language(), address)
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _share(response: HttpResponse) -> None:
    """Any cache may keep the anonymous page briefly, then revalidate it by its ETag."""
    # Weak, so the 200 (which gzip would weaken) and an empty 304 carry the same validator. It is
    # the hash of the page's bytes: a new page version, day or language that changes the page
    # changes it, and one that leaves the page as it was lets the visitor keep her copy.
    digest = hashlib.sha256(response.content).hexdigest()[:32]
    response.headers["ETag"] = f'W/"{digest}"'
    patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE_SECONDS)
    # A session cookie marks a signed-in visitor, who must never get the shared copy. Gzip adds
    # Accept-Encoding to the 200 itself, but not to a 304, whose body is too short to compress.
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    _unmodified_unknown(response)


def _keep_private(response: HttpResponseBase) -> HttpResponseBase:
    """A page rendered for one visitor stays in her browser, which asks again before reuse."""
    patch_cache_control(response, private=True, no_cache=True)
    _unmodified_unknown(response)
    return response


def _unmodified_unknown(response: HttpResponseBase) -> None:
    """No page says when it last changed: a feed or a sitemap dates itself by its newest row,
    which stays the same when a row leaves it (a profile withdrawn from public view), and a
    cache holding the old page would then answer a reader's If-Modified-Since with a 304."""
    del response["Last-Modified"]


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 with no body when the visitor already has this very page, else the page itself."""
    # Given a response, Django returns it or a 304, never None.
    return (
        get_conditional_response(request, etag=response.get("ETag"), response=response) or response
    )


type View = Callable[..., HttpResponseBase]


def public_page(view: View) -> View:
    """Serve the anonymous visitor's page from the cache, rendering and storing it on a miss."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _cacheable_request(request):
            if request.method not in {"GET", "HEAD"}:  # a write makes a new version
                return _keep_private(view(request, *args, **kwargs))
            with PageVersion.read_once():
                return _keep_private(_rendered(view(request, *args, **kwargs)))
        with PageVersion.read_once():
            key = _key(request)
            response = cache.get(key)
            if response is not None:
                return _conditional(request, response)
            response = _rendered(view(request, *args, **kwargs))
        if not (isinstance(response, HttpResponse) and _cacheable_response(request, response)):
            return _keep_private(response)
        _share(response)
        cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return _conditional(request, response)

    return wrapped


def _rendered(response: HttpResponseBase) -> HttpResponseBase:
    """The page written out. A template response is rendered here, within read_once(): what
    its template reads of kept figures and choices is of the version the page is stored under,
    and read with the one query of its key."""
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        return response.render()
    return response


public_page_view = method_decorator(public_page, name="dispatch")


def _content_changed(sender: object, **kwargs: object) -> None:
    PageVersion.bump()


def connect_signals(app_config: AppConfig, ignore: Collection[str] = ()) -> None:
    """Every model of the app changes the token when written, but for audit history and the
    models named in ``ignore``, which no public page shows."""
    for model in app_config.get_models():
        if model.__name__ in ignore or issubclass(model, HistoricalChanges):
            continue
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is None:  # set on every many-to-many field once the apps are loaded
                continue
            m2m_changed.connect(
                _content_changed, sender=through, dispatch_uid=f"pagecache:{through._meta.label}"
            )
