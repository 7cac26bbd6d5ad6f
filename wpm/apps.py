from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .roles import EDITORS, sync_roles


class WpmConfig(AppConfig):
    name = "wpm"
    verbose_name = _("Network")
    # The network's own content, which editors run.
    role_models = {EDITORS: ["voice", "topic", "article", "articleauthor", "page", "event"]}

    def ready(self):
        from wpm.pagecache import connect_signals
        from wpm.seed.pages import seed_pages

        # Logins change no public page; the token itself is no content.
        connect_signals(self, ignore=("User", "PageVersion"))
        post_migrate.connect(seed_pages, sender=self, dispatch_uid="wpm:seed_pages")
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="wpm:sync_roles")
