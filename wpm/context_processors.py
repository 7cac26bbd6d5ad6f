from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import gettext_lazy as _

# The main navigation. A section appears once its app serves the URL name.
NAVIGATION = [
    ("mediators:roster", _("Roster")),
    ("processes:catalogue", _("Processes")),
    ("voices", _("Voices")),
    ("advocacy", _("Advocacy")),
    ("about", _("About")),
]


def _navigation(current_path: str) -> list[dict[str, Any]]:
    items = []
    for url_name, label in NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": current_path.startswith(url)})
    return items


def site(request: HttpRequest) -> dict[str, list[dict[str, Any]]]:
    """The site shell: navigation and the same page in every other language."""
    path = request.get_full_path()
    return {
        "navigation": _navigation(request.path),
        "language_alternates": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
