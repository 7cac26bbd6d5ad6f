"""Error pages speak the visitor's language; a lost database is a friendly 503, not a crash."""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Page not found"), ("de", "Seite nicht gefunden")]
)
def test_not_found_page_in_the_visitors_language(client, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html and html.count("<h1") == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "cannot reach its database"), ("de", "kann ihre Datenbank im Moment nicht erreichen")],
)
def test_a_lost_database_answers_a_friendly_503(language, text):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "mediators.models.MediatorQuerySet.visible_to", side_effect=OperationalError("gone")
    ):
        response = client.get(f"/{language}/mediators/")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert text in response.content.decode()


def test_a_bug_is_a_500_page_not_a_traceback():
    client = Client(raise_request_exception=False)
    with mock.patch("wpm.views.Voice.objects.published", side_effect=ValueError("bug")):
        response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "Traceback" not in html


def _pg_cluster():
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def _fetch(url):
    """Status and body of a GET, as a browser would see them."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.skipif(
    os.environ.get("WPM_OUTAGE_TEST") != "1",
    reason="stops the real PostgreSQL server: .ci/run runs it on its own (WPM_OUTAGE_TEST=1)",
)
@pytest.mark.django_db(transaction=True)
def test_the_site_survives_a_database_restart(live_server):
    assert connection.vendor == "postgresql" and shutil.which("pg_ctlcluster")
    assert _fetch(live_server.url + "/healthz")[0] == 200
    subprocess.run([*_pg_cluster(), "stop", "--", "-m", "fast"], check=True)  # noqa: S603
    try:
        assert _fetch(live_server.url + "/healthz")[0] == 503
        status, body = _fetch(live_server.url + "/de/mediators/")
        assert status == 503
        assert "Datenbank" in body
    finally:
        subprocess.run([*_pg_cluster(), "start"], check=True)  # noqa: S603
        connection.close()
    for _ in range(30):
        if _fetch(live_server.url + "/healthz")[0] == 200:
            break
        time.sleep(1)
    assert _fetch(live_server.url + "/healthz")[0] == 200
    assert _fetch(live_server.url + "/en/mediators/")[0] == 200


def test_an_unknown_host_is_a_bad_request_not_a_crash():
    client = Client(raise_request_exception=False, headers={"host": "evil.example"})
    response = client.get("/en/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/en/advocacy/?topic=%00",
        "/en/search/?q=a%00b",
        "/en/mediators/?q=%00",
        "/photos/%00.jpg",
        "/en/no%00such/",
        "/de/advocacy/?a%00=1",
    ],
)
def test_a_nul_character_in_an_address_is_a_bad_request(client, address):
    """No page, name or filter holds one, and PostgreSQL cannot compare text with it: a view
    that forgot to check failed with a server error (the topic, a photo's name)."""
    response = client.get(address)
    assert response.status_code == 400
    text = "konnte nicht verstanden" if address.startswith("/de/") else "could not be understood"
    assert text in response.content.decode()


def test_the_api_answers_for_its_own_addresses(client):
    for address in ("/api/v1/mediators/%00/", "/api/v1/processes/a%00b/"):
        response = client.get(address)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("language", "title"), [("en", "The form has expired"), ("de", "Das Formular ist abgelaufen")]
)
def test_a_form_sent_without_its_token_is_refused_in_the_visitor_s_language(db, language, title):
    """Django's own page was technical, in English, outside the site."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/accounts/login/", {"login": "a@example.org"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}"' in page and title in page
    assert "DEBUG" not in page


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Too many attempts"), ("de", "Zu viele Versuche")]
)
def test_too_many_attempts_are_said_in_the_visitor_s_language(db, language, title):
    """allauth's own page for its limits was English, outside the site."""
    from django.test import Client

    client = Client()
    for _ in range(8):
        response = client.post(
            f"/{language}/accounts/password/reset/", {"email": "someone@example.org"}
        )
    assert response.status_code == 429
    page = response.content.decode()
    assert f'<html lang="{language}"' in page and title in page


def test_a_page_not_found_leads_to_the_same_address_in_the_other_language(client):
    """Its English link led back to the German page: an address that is not found was left as
    it was."""
    page = client.get("/de/gibt-es-nicht/?q=1")
    assert page.status_code == 404
    assert 'href="/en/gibt-es-nicht/?q=1" hreflang="en"' in page.content.decode()


@pytest.mark.parametrize("address", ["//evil.example/login", "//evil.example/en/"])
def test_a_page_not_found_never_links_off_the_site(client, address):
    """An address of two slashes is another site to a browser: the language switch of its page
    not found led there, so a link to this site could send a visitor elsewhere."""
    page = client.get("/", PATH_INFO=address)
    assert page.status_code == 404
    html = page.content.decode()
    assert 'href="/de/" hreflang="de"' in html
    assert 'href="//' not in html


def _lists_by_date():
    from django.contrib import admin

    return sorted(
        f"{model._meta.app_label}/{model._meta.model_name}"
        for model, model_admin in admin.site._registry.items()
        if model_admin.date_hierarchy
    )


@pytest.mark.parametrize(
    "days",
    ["year=9999", "year=9999&{f}__month=12", "year=9999&{f}__month=12&{f}__day=31", "year=1"],
)
@pytest.mark.parametrize("model", _lists_by_date())
def test_a_date_link_edited_by_hand_shows_the_whole_list(superuser_client, model, days):
    """The last year, month or day of the calendar, or its first year, failed (500) on the
    articles, the events, the mails, the access log and the audit log."""
    from django.contrib import admin

    field = next(
        model_admin.date_hierarchy
        for registered, model_admin in admin.site._registry.items()
        if f"{registered._meta.app_label}/{registered._meta.model_name}" == model
    )
    url = f"/admin/{model}/?{field}__" + days.format(f=field)
    response = superuser_client.get(url, follow=True)
    assert response.status_code == 200
    assert response.context["cl"].model._meta.model_name == model.split("/")[1]
    # A day out of reach is a wrong filter, as a day that does not exist is: the whole list.
    assert response.redirect_chain in ([], [(f"/admin/{model}/?e=1", 302)])
