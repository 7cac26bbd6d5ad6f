"""The catalogue in site search."""

from wpm.search import grouped, list_url, register

from .models import Process


def catalogue(query, user):
    """The catalogue's own search, among the processes the visitor may see."""
    group = grouped(Process.objects.visible_to(user).search(query).for_catalogue())
    group.more_url = list_url("processes:catalogue", query)
    return group


register("processes", catalogue)
