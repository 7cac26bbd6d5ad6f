from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# The main navigation. A section appears once its app serves the URL name; an entry may add the
# URL's arguments, as the network's explainer of peace mediation (a page, linked to Track 1's) does.
NAVIGATION = [
    ("mediators:roster", _("Roster")),
    ("processes:catalogue", _("Processes")),
    ("page", _("Mediation"), {"slug": "peace-mediation"}),
    ("voices", _("Voices")),
    ("advocacy", _("Advocacy")),
    ("events", _("Events")),
    ("about", _("About")),
]


# The footer's links beyond the legal pages, on the same terms.
FOOTER = [
    ("events", _("Events")),
    ("appointments:apply", _("Request mediators")),
    ("appointments:outcomes", _("From request to appointment")),
]


# The links' addresses, worked out once per language (and script prefix) a process serves:
# the chrome of every page needs them, and they change only with the code.
_ADDRESSES: dict[tuple[int, str | None, str], list[tuple[str, Any]]] = {}


def _addresses(links: list) -> list[tuple[str, Any]]:
    key = (id(links), get_language(), get_script_prefix())
    if key not in _ADDRESSES:
        found = []
        for url_name, label, *kwargs in links:
            try:
                found.append((reverse(url_name, kwargs=kwargs[0] if kwargs else None), label))
            except NoReverseMatch:
                continue
        _ADDRESSES[key] = found
    return _ADDRESSES[key]


def _navigation(current_path: str, links: list = NAVIGATION) -> list[dict[str, Any]]:
    return [
        {"url": url, "label": label, "current": current_path.startswith(url)}
        for url, label in _addresses(links)
    ]


# Each language by its own name ("Deutsch"), as the language switcher offers it.
LANGUAGE_NAMES = {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}


def _in_language(request: HttpRequest, path: str, code: str) -> str:
    """The same page in another language. The site's addresses differ between languages only
    in their prefix ("/en/", "/de/"), so an address under one has the other's prefix, one that
    is not found too (its page says so in the other language, where Django's translate_url
    left the address as it was); any other address is left to translate_url. An address that
    would leave the site (//host/..., which a page not found keeps as it was asked) is the
    home page in that language instead."""
    current = getattr(request, "LANGUAGE_CODE", None)
    prefix = f"/{current}/"
    if current and path.startswith(prefix):
        return f"/{code}/{path.removeprefix(prefix)}"
    url = translate_url(path, code)
    if not url.startswith("/") or url.startswith("//"):
        return f"/{code}/"
    return url


def site(request: HttpRequest) -> dict[str, list[dict[str, Any]]]:
    """The site shell: navigation and the same page in every other language. The language
    switch keeps the query (a filtered list stays filtered); the head's hreflang links name
    the page as its canonical link does, without it (``page``)."""
    path = request.get_full_path()
    return {
        "navigation": _navigation(request.path),
        "footer_navigation": _navigation(request.path, FOOTER),
        "language_alternates": [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": _in_language(request, path, code),
                "page": _in_language(request, request.path, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }
