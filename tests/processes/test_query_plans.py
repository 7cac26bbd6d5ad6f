"""PostgreSQL answers the roster's filters and search, the catalogue's search, the agreements'
counts and a process page's links from indexes.

The plans are those of the real queries (a page of results) on realistic data: thousands of demo
mediators and hundreds of processes, with fresh statistics, as the planner sees them in
production. A sequential scan here would make a page slower with every profile or process added.
"""

import io
import re
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from demo.mediators import seed_mediators
from demo.processes import seed_processes
from mediators.filters import RosterFilter
from mediators.models import Audience, Mediator
from processes.filters import AgreementFilter, CatalogueFilter, facet_counts
from processes.models import Agreement, Process, ProcessLink
from tests.conftest import seed_as_migrate_does

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="query plans are PostgreSQL's; CI runs the suite on PostgreSQL too",
    ),
]

MEDIATORS = 3000
PROCESSES = 400
PAGE = 24


def page_plan(filterset):
    queryset = filterset.qs
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.order_by(*ordering)[:PAGE].explain()


def scans(plan):
    sequential = re.findall(r"Seq Scan on (\w+)", plan)
    indexes = set(re.findall(r"Index (?:Only )?Scan (?:using|on) (\w+)", plan))
    return sequential, indexes


@pytest.fixture(scope="module")
def realistic(django_db_setup, django_db_blocker):
    """The data, written once for the whole module: each test reads it inside a transaction of
    its own, which rolls back what it changed. After the module the tables are emptied, as after
    a transactional test, and the next test seeds again what migrate seeds."""
    with django_db_blocker.unblock():
        seed_as_migrate_does()
        seed_mediators(MEDIATORS, io.StringIO())
        seed_processes(PROCESSES, io.StringIO())
        with connection.cursor() as cursor:
            # As autovacuum leaves a live database: fresh statistics, and the rows written just
            # now moved from the GIN indexes' pending lists into the indexes proper.
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT gin_clean_pending_list(index.oid) FROM pg_class index"
                " JOIN pg_am method ON method.oid = index.relam"
                " WHERE method.amname = 'gin' AND index.relkind = 'i'"
            )
        visible = Mediator.objects.visible_to(AnonymousUser()).filter(visibility="public")
        surnames = (mediator.display_name.split()[-1] for mediator in visible.order_by("pk"))
        yield next(name for name in surnames if name.isalpha())
        call_command("flush", interactive=False, verbosity=0)


def test_the_roster_filters_and_search_use_indexes(realistic):
    surname = realistic
    # A rare facet or a search is found through the public's search vector, which holds the
    # facets too; a common facet may instead walk the names in order until a page is full (at
    # DB_RANDOM_PAGE_COST, a language a few in a hundred speak is common enough).
    search = {"mediator_search_public_idx"}
    cases = {
        "": set(),
        f"q={surname}": search,
        "language=sw": set(),
        "language=en&level=4": set(),
        "expertise=process-design": set(),
        "track=1": set(),
        "region=002": set(),
        "country=CO": search,
        "background=law&background=diplomacy": set(),
        "available=on": set(),
        f"q={surname}&language=en&expertise=process-design": search,
        "q=ceasefire&language=en&expertise=process-design": search,
    }
    visible = Mediator.objects.visible_to(AnonymousUser())
    problems = []
    for params, expected in cases.items():
        roster = RosterFilter(QueryDict(params), queryset=visible, audience=Audience.PUBLIC)
        assert not roster.errors, params
        plan = page_plan(roster)
        sequential, indexes = scans(plan)
        if sequential or not indexes or not expected <= indexes:
            problems.append(f"?{params}: sequential {sequential}, indexes {sorted(indexes)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("params", ["region=002", "language=fr", "track=1&background=law"])
def test_a_roster_filtered_by_name_counts_its_matches_in_a_query_of_their_own(
    realistic, client, params
):
    """Beside a count of every match (a window), PostgreSQL 15 expects a page's query to stop
    early and walks the names' index, testing every profile on the way: 27 ms for a region at
    10,000 mediators. A list counts its matches apart, with its options, whether by name or
    ranked by a search: a search's count tells whether its words found anything."""
    visible = Mediator.objects.visible_to(AnonymousUser())
    roster = RosterFilter(QueryDict(params), queryset=visible, audience=Audience.PUBLIC)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/mediators/?{params}")
    assert response.context["paginator"].count == roster.qs.count() > 0
    pages = [q["sql"] for q in queries.captured_queries if "LIMIT 24" in q["sql"]]
    assert pages and not any("OVER ()" in sql for sql in pages), pages

    searched = QueryDict(f"q=ceasefire&{params}")
    roster = RosterFilter(searched, queryset=visible, audience=Audience.PUBLIC)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/mediators/?{searched.urlencode()}")
    assert response.context["paginator"].count == roster.qs.count() > 0
    pages = [q["sql"] for q in queries.captured_queries if "LIMIT 24" in q["sql"]]
    assert pages and not any("OVER ()" in sql for sql in pages), pages


def _name_words():
    """How many times each word of the processes' names is used."""
    names = Process.objects.values_list("name", flat=True)
    return Counter(word for name in names for word in name.split())


def test_the_catalogue_search_uses_its_index(realistic):
    visible = Process.objects.visible_to(AnonymousUser())
    names = _name_words()
    word = min((word for word in names if word.isalpha()), key=names.get)  # a rare one
    catalogue = CatalogueFilter(QueryDict(f"q={word}"), queryset=visible, user=AnonymousUser())
    sequential, indexes = scans(page_plan(catalogue))
    assert "process_search_document_idx" in indexes, (word, sequential, indexes)
    assert "processes_process" not in sequential


def test_a_common_word_is_found_through_the_index_too(realistic):
    """Testing every process's search document costs far more than PostgreSQL's default
    random_page_cost lets it see: at DB_RANDOM_PAGE_COST it reads the matches by the index even
    when many processes hold the word (site search: 5 ms against 1 ms)."""
    visible = Process.objects.visible_to(AnonymousUser())
    names = _name_words()
    word = max((word for word in names if word.isalpha()), key=names.get)  # a common one
    catalogue = CatalogueFilter(QueryDict(f"q={word}"), queryset=visible, user=AnonymousUser())
    assert catalogue.qs.count() > PROCESSES / 10, word
    sequential, indexes = scans(page_plan(catalogue))
    assert "process_search_document_idx" in indexes, (word, sequential, indexes)
    assert "processes_process" not in sequential


def test_pages_query_as_for_data_in_memory():
    """(settings: DB_RANDOM_PAGE_COST)"""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_the_catalogue_reads_its_first_page_in_order_from_an_index(realistic):
    visible = Process.objects.visible_to(AnonymousUser())
    catalogue = CatalogueFilter(None, queryset=visible, user=AnonymousUser())
    sequential, indexes = scans(page_plan(catalogue))
    assert "process_by_name_idx" in indexes, (sequential, indexes)
    assert "processes_process" not in sequential


def test_a_process_page_reads_only_the_processes_it_links_to(realistic):
    """The other end of each link is tested as it is joined, by its primary key: a list of
    every visible process, built for each page, would grow with the catalogue."""
    process = Process.objects.public().filter(links_in__source__status="published").first()
    links = ProcessLink.objects.linked(process.pk, process.pk, AnonymousUser())
    assert links, "the demo catalogue links its processes"
    plan = links.explain()
    assert not re.search(r"Seq Scan on processes_process\b", plan), plan
    # An index scan or a bitmap heap scan: either way, the indexes of the processes' table it
    # reads by are its primary key alone.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'processes_process'")
        own = {name for (name,) in cursor.fetchall()}
    used = set(re.findall(r"Index (?:Only )?Scan (?:using|on) (\w+)", plan)) & own
    assert used == {"processes_process_pkey"}, plan


def test_pages_query_without_parallel_workers():
    """A page's queries are small: starting parallel workers for them cost more than it saved
    (settings: DB_PARALLEL_WORKERS)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.django_db(transaction=True)  # VACUUM cannot run in a test's transaction
def test_the_agreements_are_counted_from_an_index_alone(realistic):
    """The agreements list counts its matches by stage and level on every filtered request:
    read from agreement_facets_idx alone, not from every agreement's row (a third of the
    query's cost at the bench's 6,000 agreements)."""
    with connection.cursor() as cursor:
        # As autovacuum leaves a live table: an index-only scan trusts its visibility map.
        cursor.execute("VACUUM ANALYZE processes_agreement")
    visible = Agreement.objects.visible_to(AnonymousUser()).with_process()
    problems = []
    for params in ["", "region=002&gender=on", "year_from=2000&stage=comprehensive"]:
        agreements = AgreementFilter(QueryDict(params), queryset=visible)
        assert not agreements.errors, params
        with CaptureQueriesContext(connection) as queries:
            total, _counts = facet_counts(agreements.qs, stage="stage", level="conflict_level")
        assert total > 0, params
        (query,) = queries.captured_queries
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {query['sql']}")
            plan = "\n".join(line for (line,) in cursor.fetchall())
        if (
            "processes_agreement" in scans(plan)[0]
            or "Only Scan using agreement_facets" not in plan
        ):
            problems.append(f"?{params}:\n{plan}")
    assert not problems, "\n".join(problems)


def test_the_agreements_first_page_is_read_newest_first_from_an_index(realistic):
    """Newest first, the undated last: without agreement_newest_idx PostgreSQL sorted every
    match for a page of fifty (2 ms against 0.6 for the bench's filtered list)."""
    visible = Agreement.objects.visible_to(AnonymousUser()).with_process()
    for params in ["", "gender=on"]:
        agreements = AgreementFilter(QueryDict(params), queryset=visible)
        plan = agreements.qs[:50].explain()
        assert "agreement_newest_idx" in scans(plan)[1], (params, plan)
