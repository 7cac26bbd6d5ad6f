import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import client_for
from tests.pages import page_ids, page_params

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("de-DE,de;q=0.9,en;q=0.5", "/de/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/en/")],
)
def test_root_redirects_by_browser_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("language", "heading"), [("en", "More women"), ("de", "Mehr Frauen")])
def test_home_speaks_the_visitors_language(client, language, heading):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert heading in re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def test_home_shows_navigation_and_language_switch(client):
    html = client.get("/en/").content.decode()
    assert 'aria-label="Main"' in html
    assert '<a href="/en/about/"' in html
    assert 'href="/de/" hreflang="de"' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'href="/en/impressum/"' in html and 'href="/en/privacy/"' in html


def test_language_switch_keeps_the_page(client):
    html = client.get("/en/privacy/").content.decode()
    assert 'href="/de/privacy/" hreflang="de"' in html
    # Each language is offered by its own name, and the other one keeps the search.
    html = client.get("/de/search/?q=Frieden").content.decode()
    assert 'href="/en/search/?q=Frieden" hreflang="en"' in html
    assert "(English)" in html and "(Deutsch)" in html


@pytest.mark.parametrize("query", ["?q=Frieden", "?utm_source=newsletter"])
def test_the_heads_language_links_name_the_canonical_page(client, query):
    """Search engines are told of the page in each language at the address its canonical link
    names, without the query; the switch a reader clicks still keeps her search."""
    html = client.get("/de/search/" + query).content.decode()
    head, body = html.split("</head>")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head).group(1)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', head))
    assert canonical == "http://testserver/de/search/"
    assert alternates == {"en": "http://testserver/en/search/", "de": canonical}
    assert f'href="/en/search/{query}" hreflang="en"' in body


def test_the_navigation_links_to_the_pages_in_the_readers_language(client):
    for language in ("en", "de", "en"):
        html = client.get(f"/{language}/events/").content.decode()
        assert f'<a href="/{language}/events/" aria-current="page">' in html
        assert f'<a href="/{language}/mediators/">' in html


@pytest.mark.parametrize(("page", "language"), page_params(), ids=page_ids())
def test_every_page_answers_with_exactly_one_h1(page, language, request):
    response = client_for(page.user(request)).get(page.url(language, request))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert f'<html lang="{language}">' in html


def test_pages_load_nothing_from_elsewhere(client):
    html = client.get("/en/").content.decode()
    absolute = re.findall(r'(?:src|href|action)="((?:https?:)?//[^/"]*)', html)
    assert absolute, "the page links its language alternates absolutely"
    assert set(absolute) == {"http://testserver"}


def test_no_model_changes_lack_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_responses_carry_the_security_headers(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
