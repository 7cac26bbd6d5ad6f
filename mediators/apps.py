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
        post_migrate.connect(
            rebuild_unfolded_search, sender=self, dispatch_uid="mediators:rebuild_search"
        )


# The migrations after which the profiles' search documents are built anew: from 0009 on,
# they hold names folded (lower case, without accents), and the searched words are folded
# too, so a document built before found no name with an accent at all; from 0010 on, they
# hold a name written with an apostrophe also as one word ("oneill" finds "O'Neill").
REBUILD_SEARCH_AFTER = {
    ("mediators", "0009_sort_name"),
    ("mediators", "0010_names_joined_in_search"),
}


def rebuild_unfolded_search(sender, using="default", plan=None, **kwargs):
    """The migrate that upgrades a site past REBUILD_SEARCH_AFTER rebuilds every profile's
    search documents, with the code that builds them now (rebuild_search), as a new site's
    pages are seeded: after the migrations, never by one."""
    applied = {
        (migration.app_label, migration.name)
        for migration, backwards in plan or []
        if not backwards
    }
    if applied & REBUILD_SEARCH_AFTER and using == "default":  # the database the command reads
        from django.core.management import call_command

        call_command("rebuild_search", verbosity=0)
