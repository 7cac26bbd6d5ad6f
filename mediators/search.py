"""The roster in site search."""

from wpm.search import grouped, list_url, register

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
