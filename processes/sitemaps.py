"""The catalogue's share of the sitemap."""

from wpm.sitemaps import BilingualSitemap

from .models import Process


class ProcessSitemap(BilingualSitemap):
    """Processes the public may see."""

    def items(self):
        return Process.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at
