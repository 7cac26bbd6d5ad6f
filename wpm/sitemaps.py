"""The sitemap: what the public may see, in both languages, with hreflang alternates.

Nothing draft, hidden, members-only or protected is listed. Each app owns the sitemap of its pages
(``mediators.sitemaps``, ``processes.sitemaps``), built on ``BilingualSitemap``; the URL
configuration collects them with the network's own below.

/sitemap.xml is an index of one sitemap per section, each in pages of a bounded size: however
large the roster grows, no response lists more than ``BilingualSitemap.limit`` addresses.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from .models import Article, Event, Page, Voice


class EveryLanguage:
    """The (item, language) pairs a sitemap lists, read from the database a page at a time:
    Django reads every item of the section for each page and for the index."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def count(self):
        items = len(self.items) if isinstance(self.items, list) else self.items.count()
        return items * len(self.languages)

    def __getitem__(self, pairs):
        per_item = len(self.languages)
        first = pairs.start // per_item
        items = self.items[first : -(-pairs.stop // per_item)]
        listed = [(item, language) for item in items for language in self.languages]
        skip = pairs.start - first * per_item
        return listed[skip : skip + pairs.stop - pairs.start]


class BilingualSitemap(Sitemap):
    """Every item in English and German, each pointing at the other and at x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = 1000  # addresses a page; 500 items in two languages

    @property
    def paginator(self):
        return Paginator(EveryLanguage(self.items(), self._languages()), self.limit)

    def get_latest_lastmod(self):
        """The index's date for the section, in one query: Django's reads every item."""
        if not hasattr(self, "lastmod"):
            return None
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class StaticSitemap(BilingualSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "voices",
            "advocacy",
            "events",
            "mediators:roster",
            "processes:catalogue",
            "processes:agreements",
            "processes:insights",
            "processes:instruments",
            "processes:open_data",
        ]

    def location(self, item):
        return reverse(item)


# Pages with an address of their own (about/, impressum/, privacy/) are listed there, not under
# pages/<slug>/, where the same page is served too.
NAMED_PAGES = {"about", "impressum", "privacy"}


class PageSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug")

    def location(self, item):
        if item.slug in NAMED_PAGES:
            return reverse(item.slug)
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(BilingualSitemap):
    """An article exists in one language; its translation, if any, is an article of its own."""

    alternates = False
    x_default = False
    paginator = Sitemap.paginator  # each article in its own language only

    def items(self):
        return Article.objects.published().order_by("-published_on", "-pk")

    def get_languages_for_item(self, item):
        return [item.language]

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.updated_at


class VoiceSitemap(BilingualSitemap):
    """Each published voice's page of its own. No date: a voice keeps none of when it changed."""

    def items(self):
        return Voice.objects.visible_to(None).only("pk").order_by("pk")


class EventSitemap(BilingualSitemap):
    def items(self):
        return Event.objects.published().order_by("-starts_at", "pk")
