from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from wpm.roles import FOCAL_POINTS


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Requests and appointments")
    # Focal points handle the requests and vet the requesters (see wpm.roles for what they may
    # do with them). Restricted requests need a permission of its own, given person by person.
    role_models = {
        FOCAL_POINTS: [
            "requester",
            "request",
            "requestlanguage",
            "requestexpertise",
            "requestregion",
        ]
    }

    def ready(self):
        from . import privacy  # noqa: F401  (it plugs into personal data)
        from .taxonomy import seed_roles

        post_migrate.connect(seed_roles, sender=self, dispatch_uid="appointments:seed")
