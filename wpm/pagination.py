"""Pages of a search or a filtered list, counted in the page's own query."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


# Bare: Django's Paginator takes no type arguments at run time.
class CountedPaginator(Paginator):
    """Counts the matches with a window over the page's query, not in a query of its own.

    Meant for searches and filters, whose page query reads every match anyway (to rank or sort
    them): a count beside it would read them all a second time. An empty page says nothing of
    the count but on the first page, so a page past the end is counted and refused as Django
    counts and refuses it.
    """

    def __init__(
        self, object_list: QuerySet[Any], per_page: int, orphans: int = 0, **kwargs: Any
    ) -> None:
        if orphans:
            raise ValueError("A page's own rows cannot tell whether it takes the orphans.")
        super().__init__(object_list.annotate(matches=Window(Count("pk"))), per_page, **kwargs)

    def page(self, number: int | str) -> Page[Any]:
        if "count" in self.__dict__:
            return super().page(number)
        # Django's own check of the number, before the count that would bound it is known.
        # _validate_number and _get_page are Django's private helpers, left out of the stubs.
        checked: int = self._validate_number(  # type: ignore[attr-defined]
            number, num_pages=float("inf")
        )
        bottom = (checked - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and (checked > 1 or not self.allow_empty_first_page):
            return super().page(checked)
        # Every row carries the window's count of all matches (annotated in __init__).
        self.count = rows[0].matches if rows else 0
        return self._get_page(rows, checked, self)  # type: ignore[attr-defined]
