from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WpmConfig(AppConfig):
    name = "wpm"
    verbose_name = _("Network")

    def ready(self):
        from wpm.pagecache import connect_signals
        from wpm.roles import sync_roles
        from wpm.seed.pages import seed_pages

        # Logins change no public page; the token itself is no content.
        connect_signals(self, ignore=("User", "PageVersion"))
        post_migrate.connect(seed_pages, sender=self, dispatch_uid="wpm:seed_pages")
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="wpm:sync_roles")
