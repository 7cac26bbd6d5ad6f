from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WpmConfig(AppConfig):
    name = "wpm"
    verbose_name = _("Network")

    def ready(self):
        from wpm.pagecache import connect_signals

        # Logins change no public page; the token itself is no content.
        connect_signals(self, ignore=("User", "PageVersion"))
