"""Search across the site: mediators, peace processes, articles, pages and events.

Each kind is searched the way its own list searches it, and only among what the visitor may
see: mediators with the roster's search (the search document of the visitor's audience, so a
protected profile is found by what the public may read of it and nothing more), processes
with the catalogue's. PostgreSQL matches words with full-text search
(config "simple", websearch syntax) and titles with trigram word similarity; SQLite, in
development, requires every word somewhere in the searched fields.

Every group costs at most a fixed number of queries, whatever the amount of data.
"""

import re
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

from mediators.models import Audience, Mediator
from processes.models import Process

from .models import Article, Event, Page

MAX_QUERY_LENGTH = 200
GROUP_SIZE = 10
EXCERPT_WORDS = 30
# Closing a block leaves a space, so that a heading and its paragraph stay two words.
BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|br|hr)\b[^>]*>", re.I)


@dataclass
class Group:
    """The first results of one kind, how many there are in all, and where to see them all."""

    items: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def has_more(self):
        return self.total > len(self.items)


@dataclass
class SearchResults:
    query: str
    mediators: Group
    processes: Group
    articles: Group
    pages: Group
    events: Group

    @property
    def groups(self):
        return [self.mediators, self.processes, self.articles, self.pages, self.events]

    @property
    def total(self):
        return sum(group.total for group in self.groups)


def site_search(query, user):
    """What this visitor may see that matches the query, grouped by kind."""
    query = query.strip()
    if not query:
        return SearchResults(query, *(Group() for _ in range(5)))
    language = "de" if (get_language() or "en").startswith("de") else "en"
    return SearchResults(
        query=query,
        mediators=_mediators(query, user),
        processes=_processes(query, user),
        articles=_group(
            _matching(
                Article.objects.visible_to(user).filter(language=language),
                query,
                {"title": "A", "summary": "B", "body": "C"},
                title="title",
                order=("-published_on", "-pk"),
            )
        ),
        pages=_pages(
            _group(
                _matching(
                    Page.objects.visible_to(user),
                    query,
                    {f"title_{language}": "A", f"body_{language}": "C"},
                    title=f"title_{language}",
                    order=("position", "slug"),
                    stored=f"search_{language}",
                )
            )
        ),
        events=_group(
            _matching(
                Event.objects.visible_to(user),
                query,
                {"title": "A", "place": "B", "description": "C"},
                title="title",
                order=("-starts_at", "pk"),
            )
        ),
    )


def _mediators(query, user):
    """The roster's own search, on the search document of the visitor's audience."""
    audience = Audience.of(user)
    group = _group(Mediator.objects.visible_to(user).for_cards().search(query, audience))
    group.items = [mediator.as_seen_by(audience) for mediator in group.items]
    group.more_url = _list_url("mediators:roster", query)
    return group


def _processes(query, user):
    """The catalogue's own search, among the processes the visitor may see."""
    group = _group(Process.objects.visible_to(user).search(query).for_catalogue())
    group.more_url = _list_url("processes:catalogue", query)
    return group


def _pages(group):
    """Pages have no summary: their first words stand in for one."""
    for page in group.items:
        page.excerpt = excerpt(page.lead_html(EXCERPT_WORDS))
    return group


def excerpt(html, words=EXCERPT_WORDS):
    """The first words of rendered text, as plain text (the template escapes it again)."""
    text = strip_tags(BLOCK_TAG.sub(" ", str(html)))
    return Truncator(unescape(" ".join(text.split()))).words(words)


def _matching(queryset, query, weights, *, title, order, stored=None):
    """Rows matching the query in the weighted fields; best first on PostgreSQL, then by order.

    PostgreSQL: the words as a web search over all fields (or the column that stores their
    vector, given as ``stored``), or a title close to the query (a typo). SQLite: every word
    somewhere in the fields.
    """
    if connection.vendor == "postgresql":
        if stored:
            vector = F(stored)
        else:
            vectors = (SearchVector(name, weight=w, config="simple") for name, w in weights.items())
            vector = reduce(add, vectors)
        search = SearchQuery(query, config="simple", search_type="websearch")
        return (
            queryset.annotate(search_document=vector, search_rank=SearchRank(vector, search))
            .filter(Q(search_document=search) | Q(**{f"{title}__trigram_word_similar": query}))
            .order_by("-search_rank", *order)
        )
    for word in query.split():
        queryset = queryset.filter(
            reduce(or_, (Q(**{f"{name}__icontains": word}) for name in weights))
        )
    return queryset.order_by(*order)


def _group(matching):
    """The first GROUP_SIZE results and how many match in all, in one query: the database
    reads every match to rank them anyway, and counts them on the way."""
    items = list(matching.annotate(matches=Window(Count("pk")))[:GROUP_SIZE])
    return Group(items=items, total=items[0].matches if items else 0)


def _list_url(name, query):
    return f"{reverse(name)}?{urlencode({'q': query})}"
