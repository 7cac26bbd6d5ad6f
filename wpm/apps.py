from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WpmConfig(AppConfig):
    name = "wpm"
    verbose_name = _("Network")
