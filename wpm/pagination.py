"""Pages of a search or a filtered list, counted in the page's own query."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class CountedPaginator(Paginator):
    """Counts the matches with a window over the page's query, not in a query of its own.

    Meant for searches and filters, whose page query reads every match anyway (to rank or sort
    them): a count beside it would read them all a second time. An empty page says nothing of
    the count but on the first page, so a page past the end is counted and refused as Django
    counts and refuses it.
    """

    def __init__(self, object_list, per_page, orphans=0, **kwargs):
        if orphans:
            raise ValueError("A page's own rows cannot tell whether it takes the orphans.")
        super().__init__(object_list.annotate(matches=Window(Count("pk"))), per_page, **kwargs)

    def page(self, number):
        if "count" in self.__dict__:
            return super().page(number)
        # Django's own check of the number, before the count that would bound it is known.
        number = self._validate_number(number, num_pages=float("inf"))
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            return super().page(number)
        self.count = rows[0].matches if rows else 0
        return self._get_page(rows, number, self)
