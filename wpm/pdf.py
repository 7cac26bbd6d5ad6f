"""PDF documents rendered from Django templates, fetching nothing from outside the app.

A document may hold what someone typed (a request's title, a mediator's biography). Whatever
it names, a stylesheet, an image, a font, is looked for among the site's own static files and
nowhere else: no other host, no ``file://``, no ``data:``. A reference the renderer refuses is
logged and left out; the document is made all the same.
"""

import logging
import mimetypes
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("wpm.pdf")

# Relative and site-absolute addresses resolve against this base, a host that cannot exist; the
# fetcher answers for it from the static files.
BASE_URL = "https://static.wpm.invalid/"


# Files the view hands the document itself (a photo read from private storage) are addressed
# as FILES_PATH + their name.
FILES_PATH = "/files/"

type Files = dict[str, tuple[bytes, str]]  # name: (content, content type)


class StaticFilesOnly(URLFetcher):
    """Serves the site's static files and the document's own files to the renderer, and
    refuses every other address."""

    def __init__(self, files: Files | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.files = files or {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        own = f"{parts.scheme}://{parts.netloc}/" == BASE_URL
        name = parts.path.removeprefix(FILES_PATH)
        if own and parts.path.startswith(FILES_PATH) and name in self.files:
            body, content_type = self.files[name]
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        if not own or not parts.path.startswith(settings.STATIC_URL):
            logger.warning("A document referred to %.200s, which is not a static file", url)
            raise ValueError("only the site's static files may be used in a document")
        found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
        if not isinstance(found, str):
            raise FileNotFoundError(parts.path)
        with open(found, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def html_to_pdf(html: str, files: Files | None = None) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly(files))
    return document.write_pdf()


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    files: Files | None = None,
) -> bytes:
    """A PDF of the template, as Django renders it (autoescaped, in the active language),
    with the given files at FILES_PATH + name."""
    return html_to_pdf(render_to_string(template_name, context, request=request), files)
