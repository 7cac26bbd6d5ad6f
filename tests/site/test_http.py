"""What anonymous pages tell browsers and shared caches: gzip, an ETag, a short public lifetime,
and 304s; and that nothing rendered for one visitor is ever marked for sharing."""

import gzip
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mediators.models import Mediator
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import MediatorFactory, ProcessFactory
from tests.mediators.test_contact import contact_data
from wpm.models import PageVersion

pytestmark = pytest.mark.django_db

ROSTER = "/en/mediators/"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def _content():
    MediatorFactory(display_name="Ines Cached")
    ProcessFactory(name="Cached talks")


def _vary(response):
    return {value.strip() for value in response.get("Vary", "").split(",")}


def _is_shareable(response):
    return "public" in response.get("Cache-Control", "") or response.has_header("ETag")


def test_an_anonymous_page_goes_out_gzipped_and_unpacks_to_the_same_page(client):
    plain = client.get(ROSTER)
    packed = client.get(ROSTER, **GZIP)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert int(packed["Content-Length"]) == len(packed.content)
    assert "Accept-Encoding" in _vary(plain)
    assert packed["ETag"] == plain["ETag"], "one validator whatever the encoding"


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/de/",
        ROSTER,
        "/en/processes/",
        "/en/processes/export.csv",
        "/en/search/?q=mediation",
        "/sitemap.xml",
    ],
)
def test_an_anonymous_page_has_an_etag_and_a_short_public_lifetime(client, settings, url):
    for response in (client.get(url), client.get(url)):  # rendered, then from the cache
        assert response.status_code == 200
        assert response["ETag"].startswith('W/"'), response["ETag"]
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", f"max-age={settings.PAGE_MAX_AGE_SECONDS}"}
        assert {"Cookie", "Accept-Encoding"} <= _vary(response)


def test_the_public_lifetime_is_a_setting(client, settings):
    settings.PAGE_MAX_AGE_SECONDS = 5
    assert client.get(ROSTER)["Cache-Control"] == "public, max-age=5"


def test_a_page_the_visitor_has_answers_304_with_no_body(client, django_assert_max_num_queries):
    etag = client.get(ROSTER)["ETag"]
    with django_assert_max_num_queries(PAGE_VERSION):
        response = client.get(ROSTER, HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")
    assert {"Cookie", "Accept-Encoding"} <= _vary(response)


def test_a_304_costs_no_more_queries_than_a_cached_page(client, django_assert_max_num_queries):
    etag = client.get(ROSTER)["ETag"]
    with django_assert_max_num_queries(PAGE_VERSION):
        assert client.get(ROSTER).status_code == 200
    with django_assert_max_num_queries(PAGE_VERSION):
        assert client.get(ROSTER, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_freshly_rendered_page_answers_304_too(client):
    """The cache may have let the page go; if it renders as it was, the visitor keeps her copy."""
    etag = client.get(ROSTER)["ETag"]
    PageVersion.bump()
    response = client.get(ROSTER, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_gzipped_etag_is_matched_as_well(client):
    etag = client.get(ROSTER, **GZIP)["ETag"]
    assert client.get(ROSTER, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(ROSTER, HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304


def test_a_change_to_the_page_changes_its_etag(client):
    first = client.get(ROSTER)
    MediatorFactory(display_name="Nadia Newcomer")
    response = client.get(ROSTER, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Nadia Newcomer" in response.content.decode()
    assert response["ETag"] != first["ETag"]
    assert client.get(ROSTER, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_each_language_has_its_own_etag(client):
    english, german = client.get("/en/"), client.get("/de/")
    assert english["ETag"] != german["ETag"]
    assert client.get("/de/", HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200


def test_a_head_request_carries_the_pages_headers_and_no_body(client):
    page = client.get(ROSTER)
    head = client.head(ROSTER)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]
    assert head["Cache-Control"] == page["Cache-Control"]
    assert client.head(ROSTER, HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304


def test_a_head_request_first_stores_the_page_for_the_get_after_it(client):
    head = client.head(ROSTER)
    assert head.status_code == 200
    page = client.get(ROSTER)
    assert page["ETag"] == head["ETag"]
    assert "Ines Cached" in page.content.decode()


def test_a_signed_in_visitor_gets_a_private_page_and_no_shared_etag(client, member):
    anonymous = client.get(ROSTER)
    for user_client in (client_for(member), client_for(member)):
        response = user_client.get(ROSTER, HTTP_IF_NONE_MATCH=anonymous["ETag"])
        assert response.status_code == 200
        assert "Sign out" in response.content.decode()
        assert not _is_shareable(response)
        assert "private" in response["Cache-Control"]
        assert "Cookie" in _vary(response)
    assert _is_shareable(client.get(ROSTER))


def test_a_page_with_a_message_is_private(client, member):
    profile = member.mediator.get_absolute_url()
    response = client.post(f"{profile}contact/", contact_data(), follow=True)
    assert "Your message has been sent" in response.content.decode()
    assert not _is_shareable(response)
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/login/",
        "/en/mediators/no-such-mediator/",
        "/en/search/?q=" + "x" * 500,
        "/en/processes/?track=not-a-track",
        "/healthz",
    ],
)
def test_forms_errors_and_never_cached_pages_are_not_marked_for_sharing(client, url):
    for response in (client.get(url), client.get(url)):
        assert not _is_shareable(response), (url, response.status_code)


def test_the_contact_form_is_not_marked_for_sharing(client, member):
    url = f"{member.mediator.get_absolute_url()}contact/"
    response = client.get(url, **GZIP)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in gzip.decompress(response.content).decode()
    assert not _is_shareable(response)


def test_with_the_page_cache_off_pages_are_private(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get(ROSTER)
    assert response.status_code == 200
    assert not _is_shareable(response)


def test_a_photo_streams_whole_and_uncompressed(member):
    """A JPEG gains nothing from gzip: it goes out as it is."""
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "navy").save(buffer, format="PNG")
    owner = client_for(member)
    owner.post(
        reverse("mediators:me_photo"), {"photo": SimpleUploadedFile("face.png", buffer.getvalue())}
    )
    name = Mediator.objects.get(user=member).photo.name
    response = owner.get(reverse("photos:photo", args=[name]), **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    body = b"".join(response.streaming_content)
    assert Image.open(BytesIO(body)).format == "JPEG"
    assert response["Cache-Control"] == "private, max-age=3600"


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/robots.txt",
        "/en/search/?q=mediation",
        "/en/processes/insights/",
        "/en/processes/agreements/export.csv",
        "/en/requests/outcomes/",
        "/schemas/mediator-profile/v1.json",
        "/en/advocacy/feed/atom/",
    ],
)
def test_every_page_answers_head_as_it_answers_get(client, url):
    """Link checkers and monitors ask with HEAD: the headers of the page, no body."""
    page = client.get(url)
    head = client.head(url)
    assert (head.status_code, page.status_code) == (200, 200)
    assert head.content == b""
    assert head["Content-Type"] == page["Content-Type"]


def test_a_feed_takes_no_write(client):
    for url in ("/en/advocacy/feed/atom/", "/en/advocacy/feed/rss/", "/en/mediators/feed.atom"):
        for write in (client.post, client.put, client.delete):
            response = write(url)
            assert (response.status_code, response["Allow"]) == (405, "GET, HEAD"), url
