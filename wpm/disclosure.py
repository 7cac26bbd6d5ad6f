"""Public figures that cannot single anyone out.

A count of people under five, published, can point at a person: two mediators proposed for a
request from a small region is nearly a name. Such counts are shown as "fewer than 5", never
exactly, in pages, tables, charts and downloads alike.
"""

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
