"""Public figures that cannot single anyone out.

A count of people under five, published, can point at a person: two mediators proposed for a
request from a small region is nearly a name. Such counts are shown as "fewer than 5", never
exactly, in pages, tables, charts and downloads alike.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

SMALL_COUNT = 5


def is_small(count: int) -> bool:
    """Too small to publish: more than none, fewer than SMALL_COUNT."""
    return 0 < count < SMALL_COUNT


def public_count(count: int) -> int | None:
    """The count to publish, or None where it must be hidden."""
    return None if is_small(count) else count


def public_count_text(count: int) -> str:
    """The count as the public reads it."""
    if is_small(count):
        return _("fewer than %(threshold)d") % {"threshold": SMALL_COUNT}
    return str(count)


def withheld(counts: Sequence[int]) -> set[int]:
    """Which counts of a breakdown to withhold, by place, where its total is published too:
    every small one, and while those withheld add up to a small count (which the total less the
    counts shown would give away), the smallest count shown as well."""
    hidden = {place for place, count in enumerate(counts) if is_small(count)}
    while hidden and is_small(sum(counts[place] for place in hidden)):
        shown = [place for place, count in enumerate(counts) if place not in hidden and count]
        if not shown:
            break
        hidden.add(min(shown, key=lambda place: counts[place]))
    return hidden


def withheld_text(count: int) -> str:
    """A count withheld, as the public reads it: a small one as small, another as withheld."""
    return public_count_text(count) if is_small(count) else _("withheld")
