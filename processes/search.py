"""The catalogue in site search."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from wpm.names import named
from wpm.search import grouped, list_url, register

from .models import Process, ProcessCountry


def catalogue(query, user):
    """The catalogue's own search, among the processes the visitor may see; a search that
    names a country or a region ("Somalia", "Kolumbien", "Horn of Africa") finds the processes
    there."""
    visible = Process.objects.visible_to(user)
    place = named(query)
    if place is not None and place.kind in ("country", "region"):
        rows = (
            ProcessCountry.objects.filter(country=place.code)
            if place.kind == "country"
            else ProcessCountry.objects.in_region(place.code)
        )
        matching = visible.filter(pk__in=rows.values("process")).order_by("name", "pk")
        group = grouped(matching.for_catalogue(), ranked=False)
        group.matched = _("Processes in %(place)s") % {"place": place.name}
        group.more_url = f"{reverse('processes:catalogue')}?{urlencode({place.kind: place.code})}"
        return group
    group = grouped(visible.search(query, typos=False).for_catalogue(), wide=True)
    if not group.items:
        # Typos are looked for only now: asking first cost a query whenever the words found.
        group = grouped(visible.close_to(query).for_catalogue(), wide=True)
    group.more_url = list_url("processes:catalogue", query)
    return group


register("processes", catalogue)
