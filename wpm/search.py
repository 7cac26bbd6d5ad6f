"""Search across the site: mediators, peace processes, articles, pages and events.

Each kind is searched the way its own list searches it, and only among what the visitor may
see. The network's own content (articles, pages, events) is searched here; each app brings
the source of its own kind (``mediators.search``, ``processes.search``), registered when the app
is ready, as it registers its admin. PostgreSQL matches words with full-text search
(wpm.textsearch.CONFIG: no stemming, accents folded; websearch syntax) and titles with trigram
word similarity; SQLite, in development, requires every word somewhere in the searched fields,
accents folded there too.

Every group costs at most a fixed number of queries, whatever the amount of data.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from html import unescape
from operator import add, or_
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Q, Window
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language

from .models import Article, Event, Page, Visitor, Voice
from .names import named
from .pagination import counted_keys
from .textsearch import CONFIG

MAX_QUERY_LENGTH = 200
GROUP_SIZE = 10
EXCERPT_WORDS = 30
# Closing a block leaves a space, so that a heading and its paragraph stay two words.
BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|br|hr)\b[^>]*>", re.I)


@dataclass
class Group:
    """The first results of one kind, how many there are in all, where to see them all, and
    what they matched where the search named a place or a language."""

    items: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""
    matched: str = ""

    @property
    def has_more(self):
        return self.total > len(self.items)


class SearchResults:
    """Each kind's group by its name (``results.mediators``), in the order they are shown."""

    def __init__(self, query, groups):
        self.query = query
        self.groups = list(groups.values())
        vars(self).update(groups)

    @property
    def total(self):
        return sum(group.total for group in self.groups)


# The apps' sources by the name of their group, in the order their apps are installed: each is
# a function of (query, user) that returns a Group with its more_url.
sources: dict[str, Callable[[str, Visitor], Group]] = {}


def register(name, source):
    """Let site search show an app's kind of results, before the network's own content."""
    sources[name] = source


def site_search(query, user):
    """What this visitor may see that matches the query, grouped by kind."""
    query = query.strip()
    everything = {**sources, **CONTENT}
    if not query:
        return SearchResults(query, {name: Group() for name in everything})
    return SearchResults(query, {name: search(query, user) for name, search in everything.items()})


def _language():
    return "de" if (get_language() or "en").startswith("de") else "en"


def _articles(query, user):
    return grouped(
        _matching(
            Article.objects.visible_to(user).filter(language=_language()).for_cards(),
            query,
            {"title": "A", "summary": "B", "body": "C"},
            title="title",
            order=("-published_on", "-pk"),
            stored="search",
        )
    )


def _pages(query, user):
    """Pages have no summary: their first words stand in for one."""
    language = _language()
    group = grouped(
        _matching(
            Page.objects.visible_to(user),
            query,
            {f"title_{language}": "A", f"body_{language}": "C"},
            title=f"title_{language}",
            order=("position", "slug"),
            stored=f"search_{language}",
        )
    )
    for page in group.items:
        page.excerpt = excerpt(page.lead_html(EXCERPT_WORDS))
    return group


def _events(query, user):
    return grouped(
        _matching(
            Event.objects.visible_to(user).for_cards(),
            query,
            {"title": "A", "place": "B", "description": "C"},
            title="title",
            order=("-starts_at", "pk"),
            stored="search",
        )
    )


def _voices(query, user):
    """Voices by their words, who spoke them, and where they are from."""
    place = named(query)
    also = Q(country=place.code) if place and place.kind == "country" else None
    return grouped(
        _matching(
            Voice.objects.visible_to(user),
            query,
            {"name": "A", "role": "B", "organisation": "B", "quote": "C"},
            title="name",
            order=("position", "name"),
            stored="search",
            also=also,
        )
    )


CONTENT = {"voices": _voices, "articles": _articles, "pages": _pages, "events": _events}


def excerpt(html, words=EXCERPT_WORDS):
    """The first words of rendered text, as plain text (the template escapes it again)."""
    text = strip_tags(BLOCK_TAG.sub(" ", str(html)))
    return Truncator(unescape(" ".join(text.split()))).words(words)


def _matching(queryset, query, weights, *, title, order, stored=None, also=None):
    """Rows matching the query in the weighted fields; best first on PostgreSQL, then by order.

    PostgreSQL: the words as a web search over all fields (or the column that stores their
    vector, given as ``stored``), or a title close to the query (a typo). SQLite: every word
    somewhere in the fields. A query that names a country, a region or a language (wpm.names)
    matches any of its names in either language: "Kolumbien" finds a text on Colombia. Rows
    matching ``also`` (a Q) are found as well.
    """
    place = named(query)
    names = [query, *place.names()] if place else []
    if connection.vendor == "postgresql":
        if stored:
            vector = F(stored)
        else:
            vectors = (SearchVector(name, weight=w, config=CONFIG) for name, w in weights.items())
            vector = reduce(add, vectors)
        words = " or ".join(f'"{name}"' for name in names) if names else query
        search = SearchQuery(words, config=CONFIG, search_type="websearch")
        condition = Q(search_document=search) | Q(**{f"{title}__trigram_word_similar": query})
        return (
            queryset.annotate(search_document=vector, search_rank=SearchRank(vector, search))
            .filter(condition | (also or Q(pk__in=[])))
            .order_by("-search_rank", *order)
        )
    # Without regard to accents, as on PostgreSQL (wpm.textsearch.unaccent_on_sqlite).
    contains = [f"{field}__unaccent__icontains" for field in weights]
    if names:
        condition = reduce(or_, (Q(**{lookup: name}) for lookup in contains for name in names))
    else:
        condition = Q()
        for word in query.split():
            condition &= reduce(or_, (Q(**{lookup: word}) for lookup in contains))
    return queryset.filter(condition | also if also is not None else condition).order_by(*order)


def grouped(matching, *, ranked=True, wide=False):
    """The first GROUP_SIZE results and how many match in all.

    Ranked results come in one query: the database reads every match to rank them anyway, and
    counts them on the way. Results in the order of a column (a name) are counted in a query
    of their own, and only when they fill the group: beside a count of every row, PostgreSQL
    15 expects a limited query to stop early and walks the column's index, testing every row
    of the table (36 ms for a country's mediators at 10,000, against 2 ms for both queries).

    Wide rows (profiles, processes) are ranked by their keys alone, and the group's rows read
    by key afterwards: carrying every column of every match through the ranking cost more than
    the ranking ("ceasefire", 2,423 profiles: 7.3 ms, against 2.6 ms for the keys; see
    counted_keys).
    """
    if ranked and wide:
        keys, total = counted_keys(matching, 0, GROUP_SIZE)
        if not keys:
            return Group()
        rows = matching.in_bulk(keys)
        return Group(items=[rows[key] for key in keys if key in rows], total=total)
    if not ranked:
        items = list(matching[:GROUP_SIZE])
        total = matching.count() if len(items) == GROUP_SIZE else len(items)
        return Group(items=items, total=total)
    items = list(matching.annotate(matches=Window(Count("pk")))[:GROUP_SIZE])
    return Group(items=items, total=items[0].matches if items else 0)


def list_url(name, query):
    """The address of a list's own search for the query, for a group's "show all" link."""
    return f"{reverse(name)}?{urlencode({'q': query})}"
