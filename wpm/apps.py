from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .roles import EDITORS, sync_roles


class WpmConfig(AppConfig):
    name = "wpm"
    verbose_name = _("Network")
    # The network's own content, which editors run.
    role_models = {EDITORS: ["voice", "topic", "article", "articleauthor", "page", "event"]}

    def ready(self):
        from wpm import checks, privacy  # noqa: F401 (registers them, and its receiver)
        from wpm.models import Article, Voice
        from wpm.pagecache import connect_signals
        from wpm.seed.pages import seed_pages
        from wpm.storage import delete_files_with_rows
        from wpm.textsearch import unaccent_on_sqlite

        # Logins change no public page; the token itself is no content.
        connect_signals(self, ignore=("User", "PageVersion"))
        for model in (Voice, Article):
            delete_files_with_rows(model)
        post_migrate.connect(seed_pages, sender=self, dispatch_uid="wpm:seed_pages")
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="wpm:sync_roles")
        post_migrate.connect(render_texts, sender=self, dispatch_uid="wpm:render_texts")
        connection_created.connect(unaccent_on_sqlite, dispatch_uid="wpm:unaccent")
        name_sections_of_other_apps()


def name_sections_of_other_apps():
    """The back office's sections of apps that name them in English only, named in words the
    site's catalogue translates: allauth's sessions and authenticators, the task results."""
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from django.apps import apps

    for model, one, many in (
        (UserSession, _("user session"), _("user sessions")),
        (Authenticator, _("authenticator"), _("authenticators")),
    ):
        model._meta.verbose_name = one
        model._meta.verbose_name_plural = many
    apps.get_app_config("django_tasks_database").verbose_name = _("Tasks")


def render_texts(sender, using="default", **kwargs):
    """Pages, articles and events show the rendering saved with their text."""
    from .markup import render_unrendered
    from .models import ARTICLE_TAGS, Article, Event, Page

    render_unrendered(Article, {"body_rendered": ("body", ARTICLE_TAGS)}, using)
    render_unrendered(Event, {"description_rendered": ("description", ARTICLE_TAGS)}, using)
    render_unrendered(
        Page,
        {
            "body_rendered_en": ("body_en", ARTICLE_TAGS),
            "body_rendered_de": ("body_de", ARTICLE_TAGS),
        },
        using,
    )
