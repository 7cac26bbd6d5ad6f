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
            "invitation",
            "access",
        ]
    }

    def ready(self):
        from processes.insights import CHARTS
        from wpm.pagecache import connect_signals

        from . import privacy  # noqa: F401  (it plugs into personal data)
        from .numbers import CHARTS as REQUEST_CHARTS
        from .taxonomy import seed_roles

        # The insights show what became of the requests beside the figures on processes.
        CHARTS.update(REQUEST_CHARTS)
        # The public numbers count requests and their answers: a change to them is news to
        # the page cache; who applied, who looked and what was released are on no public page.
        connect_signals(self, ignore={"Requester", "Access", "Release"})

        post_migrate.connect(seed_roles, sender=self, dispatch_uid="appointments:seed")
