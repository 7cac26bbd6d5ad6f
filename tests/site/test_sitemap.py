"""How the site is found: the sitemap and robots.txt."""

import pytest

from mediators.models import Mediator
from processes.models import Agreement, Process
from tests.factories import MediatorFactory, ProcessFactory, VoiceFactory
from tests.site.conftest import _xml
from wpm.sitemaps import BilingualSitemap

pytestmark = pytest.mark.django_db


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _sitemap_pages(client):
    """The addresses the sitemap index lists: one sitemap a section, in pages."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in _xml(response.content).iter(f"{SITEMAP}loc")]


def _sitemap(client):
    """Every page the index lists, read as a crawler would: its text, and its entries with
    their alternates. An address listed twice is a mistake."""
    texts, entries = [], {}
    for address in _sitemap_pages(client):
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200, address
        texts.append(response.content.decode())
        for url in _xml(response.content).findall(f"{SITEMAP}url"):
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.findall(f"{XHTML}link[@rel='alternate']")
            }
            loc = url.findtext(f"{SITEMAP}loc")
            assert loc not in entries, loc
            entries[loc] = links
    return "\n".join(texts), entries


def test_sitemap_lists_public_content_in_both_languages(client, content):
    _, entries = _sitemap(client)
    base = "http://testserver"
    for path in (
        "/",
        "/voices/",
        "/advocacy/",
        "/events/",
        "/mediators/",
        "/processes/",
        "/processes/insights/",
        "/pages/toolkit/",
        "/events/highlands-dialogue/",
        "/processes/highlands-talks/",
        f"/mediators/{content['profiles']['public'].slug}/",
    ):
        en, de = f"{base}/en{path}", f"{base}/de{path}"
        assert en in entries and de in entries, path
        assert entries[en] == {"en": en, "de": de, "x-default": f"{base}{path}"}
        assert entries[de] == entries[en]


@pytest.fixture
def open_data(content):
    """Agreements of a published process and of a draft, and voices published and not."""
    processes = content["processes"]
    return {
        "agreement": Agreement.objects.create(process=processes["published"], name="Open accord"),
        "draft_agreement": Agreement.objects.create(
            process=processes["draft"], name="Secret accord"
        ),
        "voice": VoiceFactory(name="Vera Voice"),
        "draft_voice": VoiceFactory(name="Dora Draft", status="draft"),
    }


def test_sitemap_lists_the_open_data_and_each_public_agreement_and_voice(client, open_data):
    _, entries = _sitemap(client)
    base = "http://testserver"
    for path in (
        "/processes/agreements/",
        "/processes/instruments/",
        "/processes/data/",
        f"/processes/agreements/{open_data['agreement'].pk}/",
        f"/voices/{open_data['voice'].pk}/",
    ):
        en, de = f"{base}/en{path}", f"{base}/de{path}"
        assert entries.get(en) == {"en": en, "de": de, "x-default": f"{base}{path}"}, path
        assert entries.get(de) == entries[en], path
    for hidden in (
        f"/processes/agreements/{open_data['draft_agreement'].pk}/",
        f"/voices/{open_data['draft_voice'].pk}/",
    ):
        assert f"{base}/en{hidden}" not in entries and f"{base}/de{hidden}" not in entries
        assert client.get(f"/en{hidden}").status_code == 404


def test_sitemap_lists_each_article_in_its_own_language_only(client, content):
    _, entries = _sitemap(client)
    base = "http://testserver"
    assert entries[f"{base}/en/advocacy/women-at-the-table/"] == {}
    assert entries[f"{base}/de/advocacy/frauen-am-tisch/"] == {}
    assert f"{base}/de/advocacy/women-at-the-table/" not in entries
    assert f"{base}/en/advocacy/frauen-am-tisch/" not in entries


def test_sitemap_leaves_out_drafts_and_profiles_the_public_may_not_see_by_name(client, content):
    text, _ = _sitemap(client)
    profiles = content["profiles"]
    absent = [
        "draft-article-en",
        "entwurf-artikel-de",
        "secret-draft-event",
        "unfinished-page",
        "draft-process",
        *(profiles[key].slug for key in ("members", "hidden", "protected", "submitted")),
        "petra-protected",
        profiles["protected"].pseudonym,
    ]
    for needle in absent:
        assert needle not in text, needle
    assert profiles["protected"].slug == profiles["protected"].public_name.lower().replace(" ", "-")
    assert profiles["public"].slug in text


def test_sitemap_lists_the_named_pages_at_their_own_address(client, legal_pages):
    _, entries = _sitemap(client)
    assert "http://testserver/en/impressum/" in entries
    assert "http://testserver/de/privacy/" in entries
    assert not any("/pages/impressum/" in loc for loc in entries)


def test_sitemap_and_the_publics_view_agree(client, open_data):
    """Every address the sitemap lists answers the public with a page."""
    _, entries = _sitemap(client)
    for loc in entries:
        response = client.get(loc.removeprefix("http://testserver"))
        assert response.status_code == 200, loc


@pytest.mark.parametrize(("limit", "pages"), [(4, 3), (3, 4)])
def test_a_large_roster_is_listed_in_pages_of_bounded_size(client, monkeypatch, limit, pages):
    """However many profiles there are, no sitemap page lists more than the limit; the index
    points at every page, and every profile is found once in each language, also where a page
    ends between her two languages."""
    monkeypatch.setattr(BilingualSitemap, "limit", limit)
    profiles = MediatorFactory.create_batch(5)
    listed = [a for a in _sitemap_pages(client) if "/sitemap-profiles.xml" in a]
    section = "http://testserver/sitemap-profiles.xml"
    assert listed == [section] + [f"{section}?p={number}" for number in range(2, pages + 1)]
    for address in listed:
        root = _xml(client.get(address.removeprefix("http://testserver")).content)
        assert 0 < len(root.findall(f"{SITEMAP}url")) <= limit
    _, entries = _sitemap(client)  # each address once
    for mediator in profiles:
        for language in ("en", "de"):
            assert f"http://testserver/{language}/mediators/{mediator.slug}/" in entries
    assert client.get(f"/sitemap-profiles.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-profiles.xml?p=last").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_the_sitemap_runs_in_a_fixed_number_of_queries(
    client, count, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(count):
        MediatorFactory()
        Agreement.objects.create(process=ProcessFactory(), name="Accord")
        VoiceFactory()
    with django_assert_max_num_queries(10):  # sections' sizes and dates
        assert client.get("/sitemap.xml").status_code == 200
    for section in ("profiles", "processes", "agreements", "voices"):
        with django_assert_max_num_queries(2):  # its size, and its page
            assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()


def test_no_published_process_or_profile_is_missing_from_the_sitemap(client, content):
    """The sitemap lists every published process and every profile the public sees by name."""
    _, entries = _sitemap(client)
    for process in Process.objects.public():
        assert f"http://testserver/en{process.get_absolute_url()[3:]}" in entries
    for mediator in Mediator.objects.filter(visibility="public", status="approved"):
        assert f"http://testserver/de/mediators/{mediator.slug}/" in entries
