"""The catalogue's and the agreements' searches as Atom feeds: what is new that matches."""

from django.db.models import F
from django.db.models.functions import Coalesce, Greatest
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from wpm.formats import day
from wpm.lists import ListFeed

from .filters import AgreementFilter, CatalogueFilter


class CatalogueFeed(ListFeed):
    """Processes newly added to the catalogue that match the search: newly published, whenever
    staff began them."""

    list_name = "processes:catalogue"
    feed_name = "processes:catalogue_feed"
    list_title = _("Peace processes")
    added_field = "published_at"
    subtitle = _("Peace processes newly added to the catalogue that match this search.")

    def get_object(self, request, *args, **kwargs):
        return CatalogueFilter.for_visitor(request)

    def newest(self, queryset):
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at or item.created_at


class AgreementFeed(ListFeed):
    """The newest agreements that match the search."""

    list_name = "processes:agreements"
    feed_name = "processes:agreements_feed"
    list_title = _("Peace agreements")
    added_field = "joined_at"
    subtitle = _("The newest peace agreements that match this search.")

    def get_object(self, request, *args, **kwargs):
        return AgreementFilter.for_visitor(request)

    def followed(self, filterset):
        # An agreement joins the list when it is added, or when staff publish its process,
        # whichever comes later: agreements added to a process before it was published were
        # dated before the digests that could not yet see them, and no digest told of them.
        added = F("added_at")
        return (
            super()
            .followed(filterset)
            .annotate(joined_at=Greatest(added, Coalesce("process__published_at", added)))
        )

    def newest(self, queryset):
        # Those the catalogue added last, as the digest of the same search tells of them: most
        # agreements a PA-X release adds were signed years ago, and by their signing dates they
        # never reached the feed.
        return queryset.order_by("-joined_at", "-pk")

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        if item.date is None:
            return escape(item.process.name)
        signed = _("%(process)s, signed on %(date)s") % {
            "process": item.process.name,
            "date": day(item.date),
        }
        return escape(signed)

    def item_pubdate(self, item):
        return item.joined_at
