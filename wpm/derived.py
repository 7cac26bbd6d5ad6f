"""Figures every visitor of one audience shares, worked out once per version of the content.

The roster's and the catalogue's facet counts before anyone filters, the home page's counters
and the insights' tables are the same for every anonymous visitor until content changes, and
counting them reads every row: at 10,000 mediators that was most of a page's time, and it grew
with the network. They are kept in the cache under the content's version (``PageVersion``, which
every write changes in its own transaction, as the page cache is), so the first request after a
change counts afresh and the others read the result. What is kept is data, never a rendering:
each request still renders its page.

Each process also holds what it read for the version in hand, so a page asks Redis only for the
first request after a change. What it holds is keyed by the version like the cache, so it is
never stale; it is forgotten when a new version is seen. A value kept is shared by the requests
of a process: its readers never change it. Without Redis (wpm.cache serves from each process's
memory) each process counts once a version, which costs time, not correctness.
"""

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from .models import PageVersion

# Long enough to outlive any quiet spell; a new version is a new key, so nothing is stale.
KEEP_SECONDS = 24 * 60 * 60

# What this process read for the version last seen, by key (which names the version): a
# request of an older version, finishing late, can add its value but never be served another's.
_held: dict[str, Any] = {}
_held_for: tuple[str, str] | None = None


def kept[T](name: str, compute: Callable[[], T], *parts: Hashable) -> T:
    """compute() for this version of the content, counted once; parts tell the variants apart
    (an audience, a language)."""
    # The day too, as for pages: what is public can depend on the date.
    version = (PageVersion.current(), timezone.localdate().isoformat())
    digest = hashlib.sha256(repr((name, parts, version)).encode()).hexdigest()[:32]
    key = f"derived:{name}:{digest}"
    global _held_for
    if version != _held_for:
        _held.clear()
        _held_for = version
    found = _held.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, KEEP_SECONDS)
        _held[key] = found
    return found


def forget() -> None:
    """Drop what this process holds: the tests, which roll back each test's writes and with
    them the version, call this as they clear the cache."""
    global _held_for
    _held.clear()
    _held_for = None
