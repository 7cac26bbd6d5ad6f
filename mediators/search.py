"""The roster in site search: its source of results, and its search documents after a restore."""

from urllib.parse import urlencode

from django.db import connections
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from wpm.lists import filtered
from wpm.names import named
from wpm.search import grouped, list_url, register
from wpm.signals import data_restored

from .choices import LanguageLevel
from .filters import RosterFilter
from .models import Audience, Mediator


def roster(query, user):
    """The roster's own search, on the search document of the visitor's audience: a protected
    profile is found by what the visitor may read of it, and nothing more. A search that names
    a language, a country or a region is the roster's filter for it, with the same rule."""
    audience = Audience.of(user)
    visible = Mediator.objects.visible_to(user).for_cards()
    place = named(query)
    if place is not None:
        return _named(place, visible, audience)
    group = grouped(visible.search(query, audience, typos=False), wide=True)
    if not group.items:
        # Typos are looked for only now: asking first cost a query whenever the words found.
        group = grouped(visible.close_to(query, audience), wide=True)
    group.items = [mediator.as_seen_by(audience) for mediator in group.items]
    group.more_url = list_url("mediators:roster", query)
    return group


def _named(place, visible, audience):
    """The mediators the roster's filter finds for a language, a country or a region, each
    card saying why."""
    value = place.code if place.kind == "region" else [place.code]
    filterset = RosterFilter({place.kind: value}, queryset=visible, audience=audience)
    group = grouped(filtered(filterset), ranked=False)
    group.items = [mediator.as_seen_by(audience) for mediator in group.items]
    name = place.name  # in the active language, for the group and each card
    if place.kind == "language":
        group.matched = _("Mediators who speak %(language)s") % {"language": name}
        for profile in group.items:
            levels = dict(profile.mediator.summary.get("languages", []))
            level = LanguageLevel(levels[place.code]).label if place.code in levels else ""
            profile.matched = _("speaks %(language)s: %(level)s") % {
                "language": name,
                "level": level,
            }
    else:
        group.matched = _("Mediators with experience in %(place)s") % {"place": name}
        for profile in group.items:
            profile.matched = _("experience in %(place)s") % {"place": name}
    group.more_url = f"{reverse('mediators:roster')}?{urlencode({place.kind: place.code})}"
    return group


register("mediators", roster)


@receiver(data_restored)
def rebuild_search_documents(sender, using, vendor, **kwargs):
    """The search documents are built differently on SQLite and PostgreSQL: an archive from the
    other database gets them rebuilt."""
    if vendor == connections[using].vendor:
        return
    for mediator in Mediator.objects.all():
        mediator.refresh_search()
