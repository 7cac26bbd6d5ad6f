"""The roster's share of the sitemap."""

from wpm.sitemaps import BilingualSitemap

from .models import Mediator


class ProfileSitemap(BilingualSitemap):
    """Profiles the public may see under their own name.

    A protected profile is left out altogether: her pseudonymous page is public, but search
    engines need not be pointed at it.
    """

    def items(self):
        return Mediator.objects.named_to(None).only("slug").order_by("slug")
