"""The roster's search as an Atom feed: mediators newly listed who match it."""

import datetime

from django.db.models import F
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from wpm.lists import ListFeed

from .filters import RosterFilter
from .models import Mediator, named_rule


class RosterFeed(ListFeed):
    """Newly listed mediators who match the search, as the visitor may see them, each with the
    day she was listed, never the hour.

    The public's feed and digests leave a protected profile out, as the sitemap does: anyone
    may poll a feed, and the day she joined, set beside anything public about her, could link
    her pseudonym to her name. Her pseudonymous card stays on the roster.
    """

    list_name = "mediators:roster"
    feed_name = "mediators:roster_feed"
    list_title = _("Roster of mediators")
    added_field = "reviewed_at"
    subtitle = _("Mediators newly listed in the network's roster who match this search.")

    def get_object(self, request, *args, **kwargs):
        return RosterFilter.for_visitor(request)

    def followed(self, filterset):
        return super().followed(filterset).filter(named_rule(filterset.audience))

    def newest(self, queryset):
        # The cards' columns, and the dates an entry shows.
        shown = queryset.only(*Mediator.CARD_FIELDS, "reviewed_at", "created_at")
        return shown.order_by(F("reviewed_at").desc(nulls_last=True), "-pk")

    def shown(self, filterset, rows):
        return [mediator.as_seen_by(filterset.audience) for mediator in rows]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return escape(item.headline)

    def item_link(self, item):
        return item.mediator.get_absolute_url()

    def item_pubdate(self, item):
        day = (item.mediator.reviewed_at or item.mediator.created_at).date()
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
