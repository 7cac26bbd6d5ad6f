"""Small queries whose SQL is written once per key and language (wpm.shapes.Shape)."""

import datetime
from unittest import mock

import pytest
from django.db.models import Case, Exists, OuterRef, Q, When
from django.db.models.sql.query import Query
from django.test import override_settings
from django.utils.translation import get_language, override

from processes.models import Agreement
from tests.factories import ArticleFactory, ProcessFactory
from wpm.models import Article, Topic
from wpm.shapes import Shape

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    peace = Topic.objects.create(slug="peace", name_en="Peace", name_de="Frieden")
    women = Topic.objects.create(slug="women", name_en="Women", name_de="Frauen")
    first, second = ArticleFactory(), ArticleFactory()
    first.topics.add(peace, women)
    second.topics.add(women)
    return first, second


def topics_of(pk):
    return Topic.objects.filter(articles=pk).values_list("slug", "name_en")


def test_each_call_gets_the_rows_of_its_own_values(articles):
    first, second = articles
    shape = Shape()
    assert shape.rows(topics_of, [first.pk]) == [("peace", "Peace"), ("women", "Women")]
    assert shape.rows(topics_of, [second.pk]) == [("women", "Women")]
    assert shape.rows(topics_of, [second.pk + first.pk + 1000]) == []


@override_settings(SHAPES_CHECKED=False)
def test_the_sql_is_written_once_per_key_and_language_until_cleared(articles):
    first, second = articles
    shape = Shape()
    with mock.patch.object(Query, "get_compiler", autospec=True, wraps=Query.get_compiler):
        written = Query.get_compiler
        for article in (first, second, first):
            shape.rows(topics_of, [article.pk])
        assert written.call_count == 1
        with override("de"):
            shape.rows(topics_of, [first.pk])
        shape.rows(topics_of, [first.pk], key=("another",))
        assert written.call_count == 3
        # A cleared shape writes its SQL again.
        Shape.clear_all()
        assert shape.rows(topics_of, [first.pk]) == [("peace", "Peace"), ("women", "Women")]
        assert written.call_count == 4


def test_the_reader_language_is_part_of_the_key(articles):
    first, _second = articles
    shape = Shape()

    def named(pk):
        column = "name_de" if get_language() == "de" else "name_en"
        return Topic.objects.filter(articles=pk).values_list(column)

    assert shape.rows(named, [first.pk]) == [("Peace",), ("Women",)]
    with override("de"):
        assert shape.rows(named, [first.pk]) == [("Frieden",), ("Frauen",)]
    assert shape.rows(named, [first.pk]) == [("Peace",), ("Women",)]


def test_a_key_that_misses_what_the_query_depends_on_fails_when_checked(articles):
    first, _second = articles
    shape = Shape()
    wanted = ["peace"]

    def some_topics(pk):
        return Topic.objects.filter(articles=pk, slug__in=wanted).values_list("slug")

    assert shape.rows(some_topics, [first.pk]) == [("peace",)]
    wanted[:] = ["women"]
    with pytest.raises(AssertionError, match="misses something the query depends on"):
        shape.rows(some_topics, [first.pk])
    # Kept apart by its key, the query is right again.
    assert shape.rows(some_topics, [first.pk], key=("women",)) == [("women",)]


def published_by_today(pk):
    return Article.objects.published().filter(pk=pk).values_list("slug")


def recent_or_not(pk):
    recent = Q(published_on__gte=datetime.date(2026, 1, 1))
    return (
        Article.objects.filter(pk=pk)
        .annotate(recent=Case(When(recent, then=True), default=False))
        .values_list("recent")
    )


def of_topics_with_recent_articles(pk):
    return Topic.objects.filter(articles__in=Article.objects.published(), articles=pk).values_list(
        "slug"
    )


def with_a_recent_article(pk):
    recent = Article.objects.filter(
        topics=OuterRef("pk"), published_on__gte=datetime.date(2026, 1, 1)
    )
    return Topic.objects.filter(Exists(recent), articles=pk).values_list("slug")


@pytest.mark.parametrize(
    "build",
    [published_by_today, recent_or_not, of_topics_with_recent_articles, with_a_recent_article],
)
def test_a_day_among_the_parameters_is_refused(articles, build):
    first, _second = articles
    with pytest.raises(ValueError, match="no day or time"):
        Shape().rows(build, [first.pk])


def test_a_value_the_query_changes_or_repeats_cannot_be_stood_in_for(articles):
    with pytest.raises(ValueError, match="reached them 0 times"):
        Shape().rows(
            lambda slug: Topic.objects.filter(slug__contains=slug).values_list("pk"), ["pea"]
        )
    with pytest.raises(ValueError, match="reached them 2 times"):
        Shape().rows(
            lambda slug: Topic.objects.filter(slug=slug).exclude(name_en=slug).values_list("pk"),
            ["peace"],
        )
    with pytest.raises(TypeError, match="whole numbers and text"):
        Shape().rows(lambda flag: Topic.objects.filter(pk__gt=flag).values_list("pk"), [True])


def test_text_values_are_stood_in_for_too(articles):
    shape = Shape()
    by_slug = lambda slug: Topic.objects.filter(slug=slug).values_list("name_en")  # noqa: E731
    assert shape.rows(by_slug, ["peace"]) == [("Peace",)]
    assert shape.rows(by_slug, ["women"]) == [("Women",)]


def test_rows_come_as_values_list_gives_them_on_every_database(articles):
    first, _second = articles
    first.refresh_from_db()

    def days_and_flags(pk):
        def flag(words):
            return Case(When(title__contains=words, then=True), default=False)

        return (
            Article.objects.filter(pk__gte=pk)
            .order_by("pk")
            .values_list("published_on", flag("part"), flag("nowhere"))
        )

    rows = Shape().rows(days_and_flags, [first.pk])
    assert rows == list(days_and_flags(first.pk))
    assert rows[0] == (first.published_on, True, False)
    assert isinstance(rows[0][0], datetime.date)
    assert rows[0][1] is True and rows[0][2] is False


def agreements_of(pk):
    return (
        Agreement.objects.filter(process=pk)
        .select_related("process")
        .only("name", "date", "process__name", "process__slug")
        .annotate(
            provisions=Exists(Agreement.objects.filter(pk=OuterRef("pk"), gender_provisions=True))
        )
        .order_by("name")
    )


def built(agreement):
    """What an agreement holds, its process's too (cached on it), and what it did not read."""
    own = {name: value for name, value in vars(agreement).items() if name != "_state"}
    process = {name: value for name, value in vars(agreement.process).items() if name != "_state"}
    return own, process, agreement.get_deferred_fields()


def test_objects_come_as_their_queryset_gives_them(django_assert_num_queries):
    talks, other = ProcessFactory(), ProcessFactory()
    Agreement.objects.create(process=talks, name="Ceasefire", gender_provisions=True)
    Agreement.objects.create(process=talks, name="Accord", date=datetime.date(2020, 5, 1))
    Agreement.objects.create(process=other, name="Protocol")
    shape = Shape()
    for process in (talks, other, talks):
        with django_assert_num_queries(1):
            found = shape.objects(agreements_of, [process.pk])
            assert [agreement.process.slug for agreement in found] == [process.slug] * len(found)
        assert [built(one) for one in found] == [built(one) for one in agreements_of(process.pk)]
    (accord, ceasefire) = shape.objects(agreements_of, [talks.pk])
    assert (accord.name, accord.date, accord.provisions) == (
        "Accord",
        datetime.date(2020, 5, 1),
        False,
    )
    assert (ceasefire.name, ceasefire.provisions) == ("Ceasefire", True)
    assert not accord._state.adding
    # What the queryset did not read is read when asked for, as from the queryset.
    assert accord.get_deferred_fields() == agreements_of(talks.pk)[0].get_deferred_fields()
    assert accord.stage == ""


@override_settings(SHAPES_CHECKED=False)
def test_objects_are_written_once_per_key_and_language(articles):
    first, second = articles
    shape = Shape()
    by_article = lambda pk: Topic.objects.filter(articles=pk).order_by("slug")  # noqa: E731
    with mock.patch.object(Query, "get_compiler", autospec=True, wraps=Query.get_compiler):
        written = Query.get_compiler
        assert [topic.slug for topic in shape.objects(by_article, [first.pk])] == ["peace", "women"]
        assert [topic.slug for topic in shape.objects(by_article, [second.pk])] == ["women"]
        assert written.call_count == 1
        # Rows and objects of one shape are written apart.
        assert shape.rows(lambda pk: by_article(pk).values_list("slug"), [second.pk]) == [
            ("women",)
        ]
        assert written.call_count == 2


def test_objects_come_from_a_plain_model_queryset_and_rows_from_values(articles):
    first, _second = articles
    with pytest.raises(ValueError, match="plain model queryset"):
        Shape().objects(
            lambda pk: Topic.objects.filter(articles=pk).values_list("slug"), [first.pk]
        )
    with pytest.raises(ValueError, match="plain model queryset"):
        Shape().objects(
            lambda pk: Article.objects.filter(pk=pk).prefetch_related("topics"), [first.pk]
        )
    with pytest.raises(ValueError, match="values_list"):
        Shape().rows(lambda pk: Topic.objects.filter(articles=pk), [first.pk])
