from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from wpm.roles import CURATORS


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Peace processes")
    # The catalogue, which curators run.
    role_models = {
        CURATORS: [
            "process",
            "processcountry",
            "processlink",
            "party",
            "processparty",
            "instrument",
            "processinstrument",
            "source",
            "agreement",
            "engagement",
            "participationfigure",
            "milestone",
        ]
    }

    def ready(self):
        from wpm.pagecache import connect_signals

        from . import privacy, search  # noqa: F401  (they plug into site search and personal data)
        from .taxonomy import seed_instruments

        connect_signals(self)
        post_migrate.connect(seed_instruments, sender=self, dispatch_uid="processes:seed")
        post_migrate.connect(render_texts, sender=self, dispatch_uid="processes:render_texts")


def render_texts(sender, using="default", **kwargs):
    """Process pages show the rendering saved with the description."""
    from wpm.markup import render_unrendered

    from .models import DESCRIPTION_TAGS, Process

    render_unrendered(Process, {"description_rendered": ("description", DESCRIPTION_TAGS)}, using)
