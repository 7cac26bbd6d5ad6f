from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional demo data and seed_demo: development and tests only, never in production."""

    name = "demo"
    verbose_name = _("Demo data (development only)")
