"""A search's first results and its count, read in one query (wpm.pagination.counted_keys)."""

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext

from mediators.models import ExpertiseArea
from wpm.pagination import counted_keys

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
