"""Small queries of a fixed shape, whose SQL Django writes once rather than on every request.

Django writes a queryset's SQL afresh each time it is evaluated. For the small queries of one
object's page (an article's authors, topics and processes) writing the SQL costs twice what
PostgreSQL takes to answer: 0.74 ms of the 1.33 an article's authors took, with the rule that
says which of their profiles may be linked. A Shape builds its queryset once with stand-ins for
the values that change from one call to the next (the article), keeps its SQL and parameters
under a key of what else the query depends on (the visitor's audience; the language is always
part of it), and runs that SQL with each call's values in place of the stand-ins.

What keeps it right:
- The key is the caller's, and only the caller knows what its query depends on. With
  ``SHAPES_CHECKED`` (on in the test suite) every call also builds and writes its query afresh
  and fails loudly if the SQL or parameters differ from the kept ones: a key that misses what the
  query depends on fails the first test that asks for it two ways.
- A query with a day or a time among its parameters, its subqueries' included, is refused:
  "published by today" kept for a day would be wrong the next.
- Each stand-in must reach the parameters exactly once, as itself: a value the query changes on
  the way (a pattern of a text lookup) cannot be put in its place.

Rows come as values_list() gives them: Django's converters for each column (a day from SQLite's
text, a truth value from its 1 or 0) are found once with the SQL and applied to every row.
``objects()`` gives model instances instead, built from those rows as the queryset builds them:
its select_related() objects and its annotations with them.
"""

import datetime
import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.query import Query
from django.utils.translation import get_language

# Stand-ins no real value equals: keys are positive, and no text holds a NUL.
STAND_INS: dict[type, Callable[[int], int | str]] = {
    int: lambda index: -918_273_645 - index,
    str: lambda index: f"\x00stand-in-{index}",
}

# A converter of a column: Django's, called with the value, the column and the connection.
type Converters = list[tuple[int, list[Callable[..., Any]], Any]]
type Build = Callable[..., QuerySet[Any, Any]]


class Instances(NamedTuple):
    """How a model queryset builds its instances from a row (Django's ModelIterable)."""

    model: Any
    names: list[str]
    start: int
    end: int
    klass_info: dict[str, Any]
    select: list[Any]
    fetch_mode: Any
    annotations: dict[str, int]


class Written(NamedTuple):
    alias: str
    sql: str
    params: tuple[Any, ...]
    places: tuple[int, ...]
    converters: Converters
    instances: Instances | None


class Shape:
    """The SQL of one query, kept per key: ``rows(build, values, key)`` runs the query that
    ``build(*values)`` gives (a values_list() queryset), written once per key and language."""

    # Every shape, for clear_all().
    _all: "weakref.WeakSet[Shape]" = weakref.WeakSet()

    def __init__(self) -> None:
        self._written: dict[Hashable, Written] = {}
        Shape._all.add(self)

    def rows(
        self, build: Build, values: Sequence[int | str], key: tuple[Hashable, ...] = ()
    ) -> list[tuple[Any, ...]]:
        return self._run(self._written_for(build, values, key), build, values)

    def objects(
        self, build: Build, values: Sequence[int | str], key: tuple[Hashable, ...] = ()
    ) -> list[Any]:
        """The model instances of the queryset ``build(*values)`` gives, with the objects of
        its select_related() and its annotations, as the queryset would give them."""
        written = self._written_for(build, values, key, instances=True)
        rows = self._run(written, build, values)
        how = written.instances
        assert how is not None  # noqa: S101 (written for instances above)
        from_db = how.model.from_db
        found = []
        # Built for each call, as Django builds them for each query: they hold the peers of
        # the instances they build.
        populators = get_related_populators(
            how.klass_info, how.select, written.alias, how.fetch_mode
        )
        for row in rows:
            instance = from_db(
                written.alias, how.names, row[how.start : how.end], fetch_mode=how.fetch_mode
            )
            for populator in populators:
                populator.populate(row, instance)
            for name, place in how.annotations.items():
                setattr(instance, name, row[place])
            found.append(instance)
        return found

    @classmethod
    def clear_all(cls) -> None:
        """Make every shape forget the SQL it kept: for a test that changes what builds give
        (a rule patched to leak, to show that the access tests catch it)."""
        for shape in cls._all:
            shape._written.clear()

    def _written_for(
        self,
        build: Build,
        values: Sequence[int | str],
        key: tuple[Hashable, ...],
        *,
        instances: bool = False,
    ) -> Written:
        full_key = (*key, get_language(), tuple(type(value) for value in values), instances)
        written = self._written.get(full_key)
        if written is None:
            written = self._written[full_key] = _write(build, values, instances=instances)
        return written

    def _run(
        self, written: Written, build: Build, values: Sequence[int | str]
    ) -> list[tuple[Any, ...]]:
        alias, sql, kept, places, converters, _instances = written
        params = list(kept)
        for place, value in zip(places, values, strict=True):
            params[place] = value
        if settings.SHAPES_CHECKED:
            _check(build, values, sql, params)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            cells = list(row)
            for place, functions, column in converters:
                for function in functions:
                    cells[place] = function(cells[place], column, connection)
            converted.append(tuple(cells))
        return converted


def _write(build: Build, values: Sequence[int | str], *, instances: bool) -> Written:
    stand_ins = []
    for index, value in enumerate(values):
        if type(value) not in STAND_INS:
            raise TypeError(f"A shape stands in for whole numbers and text, not {value!r}.")
        stand_ins.append(STAND_INS[type(value)](index))
    queryset = build(*stand_ins)
    # Django's own state of the queryset, which the stubs do not name.
    state: Any = queryset
    if instances and (
        state._iterable_class is not ModelIterable
        or state._prefetch_related_lookups
        or state._known_related_objects
    ):
        raise ValueError("A shape's objects come from a plain model queryset, not prefetching.")
    if not instances and state._iterable_class is ModelIterable:
        raise ValueError(
            "A shape's rows come from a values_list() queryset; objects() builds instances."
        )
    for part in (queryset.query.where, *queryset.query.annotations.values()):
        for value in _values(part):
            if isinstance(value, TIMES):
                raise ValueError(f"A shape keeps no day or time among its parameters: {value!r}.")
    compiler = queryset.query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = [
        (place, functions, column)
        for place, (functions, column) in compiler.get_converters(columns).items()
    ]
    places = []
    for stand_in in stand_ins:
        found = [index for index, param in enumerate(params) if param == stand_in]
        if len(found) != 1:
            raise ValueError(
                f"A stand-in must reach the query's parameters once, as itself: {stand_in!r} "
                f"reached them {len(found)} times."
            )
        places.append(found[0])
    how = None
    if instances:
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        how = Instances(
            model=info["model"],
            names=[column[0].target.attname for column in compiler.select[start:end]],
            start=start,
            end=end,
            klass_info=info,
            select=compiler.select,
            fetch_mode=state._fetch_mode,
            annotations=dict(compiler.annotation_col_map or {}),
        )
    return Written(queryset.db, sql, tuple(params), tuple(places), converters, how)


TIMES = (datetime.date, datetime.time, datetime.timedelta)


def _values(node: Any) -> Iterator[Any]:
    """The values a condition or expression compares with, as given: on SQLite a day is
    already text among the written parameters."""
    for child in getattr(node, "children", ()):
        yield from _values(child)
    for side in ("lhs", "rhs"):
        if hasattr(node, side):
            value = getattr(node, side)
            if hasattr(value, "resolve_expression") or hasattr(value, "children"):
                yield from _values(value)
            elif isinstance(value, (list, tuple, set)):
                yield from value
            else:
                yield value
    if hasattr(node, "value"):
        yield node.value
    if hasattr(node, "get_source_expressions") and not hasattr(node, "lhs"):
        for source in node.get_source_expressions():
            if source is not None:
                yield from _values(source)
    # A subquery (a queryset among the values, or Subquery and Exists around one): its own.
    inner = node if isinstance(node, Query) else getattr(node, "query", None)
    if isinstance(inner, Query):
        yield from _values(inner.where)
        for annotation in inner.annotations.values():
            yield from _values(annotation)


def _check(build: Build, values: Sequence[int | str], sql: str, params: list[Any]) -> None:
    queryset = build(*values)
    fresh_sql, fresh_params = queryset.query.get_compiler(queryset.db).as_sql()
    if (fresh_sql, list(fresh_params)) != (sql, params):
        raise AssertionError(
            "A shape's kept query differs from the one its queryset writes now: its key "
            f"misses something the query depends on.\nKept: {sql} {params}\n"
            f"Now: {fresh_sql} {list(fresh_params)}"
        )
