"""What `check --deploy` says of the site's own settings, beside Django's."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning


@register(Tags.security, deploy=True)
def site_url(app_configs, **kwargs):
    """Mail links to SITE_URL (invitations, proposals, digests and the address that stops
    them): left at its default, each one leads to the server's own loopback."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        CheckWarning(
            f"SITE_URL is {settings.SITE_URL!r}: the links in the site's mail lead there.",
            hint="Set SITE_URL to the site's public https:// address.",
            id="wpm.W001",
        )
    ]
