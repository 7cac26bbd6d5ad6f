"""Full-text search on PostgreSQL that forgives a typo without paying for it on every search."""

from typing import Any, TypedDict

from django.contrib.postgres.search import SearchVector, TrigramWordSimilarity
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet
from django.db.models.expressions import Expression
from django.db.models.sql.compiler import SQLCompiler

from .names import fold


class _SearchOptions(TypedDict):
    config: str
    search_type: str


# The text search configuration of every stored vector and every search of text as written:
# PostgreSQL's "simple" (no stemming: the roster and the processes are multilingual), with each
# word's accents taken off first (the unaccent dictionary), so that "Bogota" finds "Bogotá" and
# "Bogotá" finds "Bogota". Created by wpm/migrations/0015_folded_search.py.
CONFIG = "wpm_folded"

# Words as typed, in web search syntax.
WEB_SEARCH: _SearchOptions = {"config": CONFIG, "search_type": "websearch"}


class StoredVector(SearchVector):
    """A weighted search vector that PostgreSQL computes when the row is written and keeps in
    it. SQLite has no such search and keeps nothing: development searches the fields."""

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[()]]:
        return "NULL", ()


def unaccent_on_sqlite(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give SQLite, in development, the ``unaccent`` of PostgreSQL's extension, which the
    ``__unaccent`` lookups call: the words folded as the roster folds names (wpm.names.fold),
    so that searches without full-text search find "Bogotá" for "Bogota" there too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, _unaccent, deterministic=True)


def _unaccent(text: str | None) -> str | None:
    return None if text is None else fold(text)


def typo_tolerant[QS: QuerySet[Any]](
    queryset: QS, match: Q, rank: Expression, text_field: str, value: str, *, typos: bool = True
) -> QS:
    """Rows the full-text ``match`` finds, ranked by ``rank``; if it finds none, rows whose
    ``text_field`` holds a word close to ``value`` (a typo), ranked by that closeness.

    Trigram similarity is costly row by row, so it runs only when the words themselves found
    nothing: one cheap query more to know that. With ``typos=False``, the matches alone: a
    caller that learns from its own query that there are none (site search) asks close_to()
    itself, and saves that query whenever the words find something.
    """
    matching = queryset.filter(match)
    if not typos or matching.exists():
        return matching.annotate(rank=rank)
    return close_to(queryset, text_field, value)


def close_to[QS: QuerySet[Any]](queryset: QS, text_field: str, value: str) -> QS:
    """Rows whose ``text_field`` holds a word close to ``value`` (a typo), the closeness as
    their rank."""
    return queryset.filter(**{f"{text_field}__trigram_word_similar": value}).annotate(
        rank=TrigramWordSimilarity(value, text_field)
    )
