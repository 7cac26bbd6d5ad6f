from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "wpm.outbox"
    label = "outbox"
    verbose_name = _("Outgoing mail")

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (connects its receivers)
