"""The roster in site search: its source of results, and its search documents after a restore."""

from django.db import connections
from django.dispatch import receiver

from wpm.search import grouped, list_url, register
from wpm.signals import data_restored

from .models import Audience, Mediator


def roster(query, user):
    """The roster's own search, on the search document of the visitor's audience: a protected
    profile is found by what the visitor may read of it, and nothing more."""
    audience = Audience.of(user)
    group = grouped(Mediator.objects.visible_to(user).for_cards().search(query, audience))
    group.items = [mediator.as_seen_by(audience) for mediator in group.items]
    group.more_url = list_url("mediators:roster", query)
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
