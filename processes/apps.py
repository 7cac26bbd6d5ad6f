from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Peace processes")

    def ready(self):
        from wpm.pagecache import connect_signals

        from . import search  # noqa: F401  (it plugs the app into site search)

        connect_signals(self)
