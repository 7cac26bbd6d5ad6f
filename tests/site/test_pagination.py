"""A search's first results and its count, read in one query (wpm.pagination.counted_keys);
the pages of the public's whole lists, their SQL written once (ShapedPaginator)."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from mediators.models import ExpertiseArea
from tests.factories import MediatorFactory, ProcessFactory
from wpm import pagination, shapes
from wpm.pagination import counted_keys
from wpm.shapes import Shape

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    ExpertiseArea.objects.all().delete()
    rows = [("b", 2), ("a", 2), ("d", 1), ("c", 3), ("e", 1)]
    for slug, position in rows:
        ExpertiseArea.objects.create(
            slug=slug, name_en=f"Area {slug}", name_de=f"Bereich {slug}", position=position
        )
    return ExpertiseArea.objects.all()


def slugs(keys):
    by_key = ExpertiseArea.objects.in_bulk(keys)
    return [by_key[key].slug for key in keys]


def test_keys_come_in_the_querysets_order_with_the_count_of_every_match(areas):
    matching = areas.exclude(slug="e").order_by("-position", "slug")
    with CaptureQueriesContext(connection) as queries:
        keys, total = counted_keys(matching, 0, 3)
    assert len(queries) == 1
    assert slugs(keys) == ["c", "a", "b"]
    assert total == 4


def test_a_later_page_holds_the_rest_and_still_knows_the_count(areas):
    matching = areas.order_by("position", "-slug")
    keys, total = counted_keys(matching, 3, 6)
    assert slugs(keys) == ["a", "c"]
    assert total == 5


def test_the_order_may_read_an_annotation(areas):
    matching = areas.annotate(score=F("position") * Value(-1)).order_by("score", "slug")
    keys, _total = counted_keys(matching, 0, 2)
    assert slugs(keys) == ["c", "a"]


def test_nothing_matching_is_an_empty_page_counted_as_none(areas):
    assert counted_keys(areas.filter(slug="z").order_by("slug"), 0, 10) == ([], 0)
    with CaptureQueriesContext(connection) as queries:
        assert counted_keys(areas.none(), 0, 10) == ([], 0)
    assert not queries


def test_an_order_by_expression_is_refused(areas):
    with pytest.raises(TypeError):
        counted_keys(areas.order_by(F("slug").desc()), 0, 10)


# The pages of the public's whole roster and catalogue (wpm.pagination.ShapedPaginator),
# each request rendered: not the page cache's answer.

CATALOGUE = "/en/processes/"
ROSTER = "/en/mediators/"


@pytest.fixture
def pages_written():
    """How many times a page's SQL was written."""
    Shape.clear_all()
    with mock.patch.object(shapes, "_write", autospec=True, wraps=shapes._write) as written:
        yield written


def names(response, name):
    return [str(row) for row in response.context[name]]


@override_settings(SHAPES_CHECKED=False, PAGE_CACHE_SECONDS=0)
def test_a_page_of_the_public_catalogue_is_written_once_and_read_afresh(client, pages_written):
    for number in range(30):
        ProcessFactory(name=f"Process {number:02d}", start_year=1990 + number)
    first = names(client.get(CATALOGUE), "processes")
    assert first == [f"Process {number:02d}" for number in range(24)]
    assert names(client.get(CATALOGUE), "processes") == first
    assert pages_written.call_count == 1
    # Each page, order and language has its own.
    assert names(client.get(CATALOGUE, {"page": 2}), "processes") == [
        f"Process {number:02d}" for number in range(24, 30)
    ]
    newest = names(client.get(CATALOGUE, {"ordering": "-year"}), "processes")
    assert newest[:2] == ["Process 29", "Process 28"]
    client.get(f"/de{CATALOGUE[3:]}")
    assert pages_written.call_count == 4
    # The rows are read on every request: a new process shows at once.
    ProcessFactory(name="Another process")
    assert names(client.get(CATALOGUE), "processes")[:2] == ["Another process", "Process 00"]
    assert pages_written.call_count == 4, "the same SQL reads the longer list"


@override_settings(SHAPES_CHECKED=False, PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("path", [CATALOGUE, ROSTER])
def test_orders_strung_together_are_read_as_any_query(client, pages_written, path):
    """A list keeps its pages' SQL for the orders its form offers, a few: orders strung
    together would each keep their own, as many as a visitor cares to send."""
    ProcessFactory(name="Open talks")
    MediatorFactory(display_name="Nadia Public")
    for ordering in ["name,name", "name,name,name", ["name", "-name"]]:
        assert client.get(path, {"ordering": ordering}).status_code == 200
    assert pages_written.call_count == 0
    client.get(path, {"ordering": "-name"})
    assert pages_written.call_count == 1


@override_settings(SHAPES_CHECKED=False, PAGE_CACHE_SECONDS=0)
def test_a_list_with_no_orders_to_choose_ignores_one(client, pages_written):
    ProcessFactory().agreements.create(name="An accord")
    for ordering in ["", "name", "name,name"]:
        response = client.get("/en/processes/agreements/", {"ordering": ordering})
        assert names(response, "agreements") == ["An accord"]
    assert pages_written.call_count == 1


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_pages_past_the_first_ones_are_read_as_any_query(client, monkeypatch):
    monkeypatch.setattr(pagination, "SHAPED_PAGES", 1)
    for number in range(30):
        ProcessFactory(name=f"Process {number:02d}")
    assert names(client.get(CATALOGUE, {"page": 2}), "processes") == [
        f"Process {number:02d}" for number in range(24, 30)
    ]
    assert client.get(CATALOGUE, {"page": 3}).status_code == 404


@override_settings(PAGE_CACHE_SECONDS=0)
def test_signed_in_visitors_and_anonymous_ones_in_turn_see_each_their_own_lists(
    client, staff_client, member_client
):
    """Only the public's pages are written once: staff and members, who see more, are asked
    for in between and must see what they may, and the public no more."""
    ProcessFactory(name="Open talks")
    ProcessFactory(name="Secret draft talks", status="draft")
    MediatorFactory(display_name="Nadia Public")
    MediatorFactory(display_name="Mara Members-only", visibility="members")
    for visitor, sees_draft, sees_members in [
        (client, False, False),
        (staff_client, True, True),
        (client, False, False),
        (member_client, False, True),
        (client, False, False),
    ]:
        processes = names(visitor.get(CATALOGUE), "processes")
        assert ("Secret draft talks" in processes) is sees_draft
        assert "Open talks" in processes
        roster = visitor.get(ROSTER).content.decode()
        assert ("Mara Members-only" in roster) is sees_members
        assert "Nadia Public" in roster


@pytest.mark.parametrize(
    "address",
    [
        "/en/mediators/?q=ceasefire&page={big}",
        "/en/mediators/?expertise=process-design&page={big}",
        "/en/processes/?q=ceasefire&page={big}",
        "/en/processes/?track=1&page={big}",
        "/en/mediators/?page={big}",
        "/en/processes/?page={big}",
    ],
)
def test_a_page_number_past_what_the_database_counts_is_not_found(client, address):
    """A page number of thirty nines, past any offset the database takes, was a server error
    on a searched or filtered list."""
    MediatorFactory(bio="Works on ceasefire arrangements.")
    ProcessFactory(name="Ceasefire talks")
    client.raise_request_exception = False
    assert client.get(address.format(big="9" * 30)).status_code == 404
