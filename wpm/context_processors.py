from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
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


def _navigation(current_path: str, links: list = NAVIGATION) -> list[dict[str, Any]]:
    items = []
    for url_name, label, *kwargs in links:
        try:
            url = reverse(url_name, kwargs=kwargs[0] if kwargs else None)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": current_path.startswith(url)})
    return items


def site(request: HttpRequest) -> dict[str, list[dict[str, Any]]]:
    """The site shell: navigation and the same page in every other language."""
    path = request.get_full_path()
    return {
        "navigation": _navigation(request.path),
        "footer_navigation": _navigation(request.path, FOOTER),
        "language_alternates": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
