"""Atom and RSS feeds of the published articles in the language of the address."""

import datetime
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Article

FEED_LENGTH = 20


def _language() -> str:
    """The language of the address: /en/... or /de/..."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


# Bare: Django's Feed takes no type arguments at run time.
class ArticleRssFeed(Feed):
    """The newest published articles in the reader's language; never a draft."""

    def author_name(self) -> str:
        """Atom asks a feed for its author (RFC 4287), though an article may name none."""
        return str(_("Women in Peace Mediation Network"))

    title = _("Advocacy · Women in Peace Mediation Network")
    description = _(
        "Position papers, statements, news, publications and interviews of the "
        "Women in Peace Mediation Network."
    )

    def link(self) -> str:
        return reverse("advocacy")

    def feed_url(self) -> str:
        return reverse("feed_rss")

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .filter(language=_language())
            .order_by("-published_on", "-pk")
            .prefetch_related("topics", "authors")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        """The summary is plain text; both formats carry it as HTML, so it is escaped once."""
        return escape(item.summary)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime.datetime:
        """Midnight of the publication date, in the site's time zone."""
        return datetime.datetime.combine(
            item.published_on, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )

    def item_updateddate(self, item: Article) -> datetime.datetime:
        """The last edit, never earlier than the publication date."""
        return max(item.updated_at, self.item_pubdate(item))

    def item_author_name(self, item: Article) -> str | None:
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item: Article) -> Sequence[str]:
        return [topic.name for topic in item.topics.all()]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description

    def feed_url(self) -> str:
        return reverse("feed_atom")
