"""The catalogue's share of the sitemap."""

from wpm.sitemaps import BilingualSitemap

from .models import Agreement, Process


class ProcessSitemap(BilingualSitemap):
    """Processes the public may see."""

    def items(self):
        return Process.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class AgreementSitemap(BilingualSitemap):
    """Agreements of the processes the public may see. No date: an agreement keeps none of
    when it last changed, and a wrong one misleads a crawler more than none."""

    def items(self):
        return Agreement.objects.visible_to(None).only("pk").order_by("pk")
