"""How a page presents itself to whoever links to it: canonical address, Open Graph, feeds."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from PIL import Image

from tests.conftest import client_for
from tests.pages import LANGUAGES, page_ids, page_params

pytestmark = pytest.mark.django_db


CONTENT_PAGES = [
    "/{lang}/",
    "/{lang}/voices/",
    "/{lang}/advocacy/",
    "/{lang}/events/",
    "/en/advocacy/women-at-the-table/",  # an article lives in its own language only
    "/{lang}/events/highlands-dialogue/",
    "/{lang}/pages/toolkit/",
    "/{lang}/processes/highlands-talks/",
]


def _head_of(html):
    return html.split("</head>", 1)[0]


def _meta(head, prop):
    return re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', head)


def _check_head(html, path, language):
    head = _head_of(html)
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', head)
    assert canonical == [f"http://testserver{path.split('?')[0]}"], path
    assert len(re.findall(r'rel="canonical"', html)) == 1
    titles = _meta(head, "og:title")
    assert len(titles) == 1, path
    assert titles[0].strip(), path
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert title.startswith(titles[0] + " · "), path
    assert _meta(head, "og:url") == canonical
    assert _meta(head, "og:type") == ["website"]
    assert len(_meta(head, "og:site_name")) == 1
    description = re.findall(r'<meta name="description" content="([^"]*)">', head)
    assert len(description) == 1 and description[0].strip(), path
    assert _meta(head, "og:description") == description
    assert _meta(head, "og:image") == ["http://testserver/static/img/og-image.png"]
    assert _meta(head, "og:locale") == ["de_DE" if language == "de" else "en_GB"]
    feed = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"', head
    )
    # The network's advocacy everywhere; a list's page adds the feed of its own search.
    assert feed[0] == f"/{language}/advocacy/feed/atom/"
    assert all("/feed.atom" in other for other in feed[1:]) and len(feed) <= 2, path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", CONTENT_PAGES)
def test_content_pages_have_one_canonical_link_and_open_graph(client, content, template, language):
    path = template.format(lang=language)
    response = client.get(path)
    assert response.status_code == 200
    _check_head(response.content.decode(), path, path.split("/")[1])


@pytest.mark.parametrize(("page", "language"), page_params(), ids=page_ids())
def test_every_page_has_one_canonical_link_and_open_graph(page, language, request, legal_pages):
    path = page.url(language, request)
    response = client_for(page.user(request)).get(path)
    assert response.status_code == 200
    _check_head(response.content.decode(), path, language)


def test_open_graph_title_and_description_follow_the_page(client, content):
    head = _head_of(client.get("/en/advocacy/women-at-the-table/").content.decode())
    assert _meta(head, "og:title") == ["Women at the table"]
    assert _meta(head, "og:description") == ["Summary of women-at-the-table."]
    head = _head_of(client.get("/de/pages/toolkit/").content.decode())
    assert _meta(head, "og:title") == ["Werkzeugkasten"]


def test_a_protected_profile_keeps_her_name_out_of_the_head(client, profiles):
    protected = profiles["protected"]
    head = _head_of(client.get(protected.get_absolute_url()).content.decode())
    assert _meta(head, "og:title") == [protected.pseudonym]
    assert "Petra" not in head


def test_pages_may_override_the_image_and_the_canonical_address(rf):
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}T{% endblock %}'
        "{% block og_image %}https://example.org/a.png{% endblock %}"
        "{% block canonical %}https://example.org/a/{% endblock %}"
    )
    head = _head_of(template.render({}, rf.get("/en/")))
    assert _meta(head, "og:image") == ["https://example.org/a.png"]
    assert _meta(head, "og:url") == ["https://example.org/a/"]
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', head) == ["https://example.org/a/"]
    assert _meta(head, "og:title") == ["T"]


def test_the_canonical_link_drops_the_query(client):
    head = _head_of(client.get("/en/processes/?track=1").content.decode())
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', head) == [
        "http://testserver/en/processes/"
    ]


def test_the_open_graph_image_is_small_and_the_right_size():
    path = Path(settings.BASE_DIR) / "static" / "img" / "og-image.png"
    assert path.stat().st_size < 60_000
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


def test_the_open_graph_image_is_served(client):
    response = client.get("/static/img/og-image.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.html
def test_the_head_is_valid_html(request, content, legal_pages, vnu, tmp_path):
    """The <head> of each page passes the Nu Html Checker (the bodies are test_html's concern)."""
    visits = [
        (None, path)
        for path in {template.format(lang=lang) for template in CONTENT_PAGES for lang in LANGUAGES}
    ]
    visits += [(page.user(request), page.url(lang, request)) for page, lang in page_params()]
    documents = {}
    for user, path in visits:
        response = client_for(user).get(path)
        assert response.status_code == 200, path
        head = _head_of(response.content.decode())
        documents[f"{path} {user}"] = f"{head}</head>\n<body><h1>Body</h1></body>\n</html>\n"
    errors = {path: found for path, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}
