from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MediatorsConfig(AppConfig):
    name = "mediators"
    verbose_name = _("Mediators")

    def ready(self):
        from wpm.pagecache import connect_signals

        from . import privacy, search  # noqa: F401  (they plug into site search and personal data)
        from .models import connect_search_signals
        from .taxonomy import seed_areas

        # Private messages change no public page.
        connect_signals(self, ignore=("ContactMessage",))
        connect_search_signals()
        post_migrate.connect(seed_areas, sender=self, dispatch_uid="mediators:seed")
