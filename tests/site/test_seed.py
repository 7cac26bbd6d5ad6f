"""What a new site starts with: created after migrate, never over what staff changed since."""

import ast
import hashlib
import json
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from mediators.models import ExpertiseArea, Mediator
from mediators.taxonomy import AREAS
from processes.record import Instrument
from processes.taxonomy import INSTRUMENTS
from tests.factories import MediatorFactory
from wpm.models import Page
from wpm.roles import CURATORS, EDITORS, actions_of, role_models
from wpm.seed.pages import PAGES, SLUGS

# Each page as a new site gets it: sha256 of the JSON list [slug, position, title_en, title_de,
# body_en, body_de]. Pinned when migration wpm/0005 created them from the Python module that held
# the texts then, so that moving them changed no word; a deliberate change of a text changes its
# line here (privacy: the requests', mails' and backups' periods, after 0005; every line when the
# menu setting, which nothing read, left the list in wpm/0018, the texts unchanged).
PAGES_A_NEW_SITE_GETS = {
    "about": "cb964e39a7ce1f2891b0c79bb66a48821b801cac4d6f3fd16f22979356932cc2",
    "join": "ad08285c3a2f261e9bd7166266a06bf2bf57976b88ec63046862885654b8bfc8",
    "peace-mediation": "a871bc456e14ff3f94ba97aaf251e087696d4b3cf6df27e302687963a783aba6",
    "track-1-mediation": "2c93362be7f1b464245eb70fd8eae6fb3a993e4c66abe08ed373e6930f89aa51",
    "impressum": "2f2eac4002b9c8645f640ea96004d8aa1474e2c97c56e5ca975e46a4ea28ffd3",
    "privacy": "74a68bcc486cf1bf3808d91d0b5c6c1f06b88244178acb67243f655aa38e2773",
}
FIELDS = ("slug", "position", "title_en", "title_de", "body_en", "body_de")


def digest(values):
    return hashlib.sha256(json.dumps(list(values), ensure_ascii=False).encode()).hexdigest()


def seeded():
    return {
        "pages": set(Page.objects.values_list("slug", flat=True)),
        "areas": set(ExpertiseArea.objects.values_list("slug", flat=True)),
        "instruments": set(Instrument.objects.values_list("slug", flat=True)),
        "roles": {group.name: group.permissions.count() for group in Group.objects.all()},
    }


A_NEW_SITE = {
    "pages": set(PAGES_A_NEW_SITE_GETS),
    "areas": {slug for slug, *_names in AREAS},
    "instruments": {slug for slug, *_names in INSTRUMENTS},
    "roles": {name: len(models) * len(actions_of(name)) for name, models in role_models().items()},
}


def test_the_page_files_hold_the_pinned_texts():
    assert {page.slug: digest(page) for page in PAGES} == PAGES_A_NEW_SITE_GETS


@pytest.mark.django_db
def test_the_pages_a_new_site_gets_are_the_files():
    for page in PAGES:
        stored = Page.objects.get(slug=page.slug)
        assert digest(getattr(stored, field) for field in FIELDS) == digest(page)
        assert stored.status == "published"


@pytest.mark.django_db(transaction=True)
def test_migrate_seeds_a_new_site_and_flush_leaves_it_empty():
    call_command("flush", "--no-input", verbosity=0)
    assert seeded() == {"pages": set(), "areas": set(), "instruments": set(), "roles": {}}

    call_command("migrate", verbosity=0)

    assert seeded() == A_NEW_SITE
    editors = Group.objects.get(name=EDITORS).permissions
    assert editors.filter(codename="change_page", content_type__app_label="wpm").exists()
    curators = Group.objects.get(name=CURATORS).permissions
    milestones = curators.filter(content_type__app_label="processes", codename="delete_milestone")
    assert milestones.exists()


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_keeps_what_staff_changed_and_deleted():
    """A site migrated before the seeds moved out of the migrations keeps its staff's work."""
    executor = MigrationExecutor(connection)
    # Back to before the migrations that used to seed the pages and sync the roles.
    target = ("wpm", "0004_privacy_consent")
    executor.migrate([target])
    # Staff's work, written with the models of then (today's would write a page version).
    then = executor.loader.project_state(target).apps
    about = {"title_en": "About us, as staff wrote it", "body_en": "Ours."}
    then.get_model("wpm", "Page").objects.filter(slug="about").update(**about)
    then.get_model("wpm", "Page").objects.filter(slug="privacy").delete()
    then.get_model("mediators", "ExpertiseArea").objects.filter(slug="power-sharing").delete()
    instruments = then.get_model("processes", "Instrument").objects
    instruments.filter(slug="negotiation").update(name_en="Negotiations")
    delete_page = then.get_model("auth", "Permission").objects.get(codename="delete_page")
    then.get_model("auth", "Group").objects.get(name=EDITORS).permissions.remove(delete_page)

    call_command("migrate", verbosity=0)

    leaves = MigrationLoader(connection).graph.leaf_nodes()
    assert MigrationExecutor(connection).migration_plan(leaves) == []
    assert Page.objects.filter(slug="about", **about).exists()
    assert set(Page.objects.values_list("slug", flat=True)) == set(SLUGS) - {"privacy"}
    assert not ExpertiseArea.objects.filter(slug="power-sharing").exists()
    assert Instrument.objects.get(slug="negotiation").name_en == "Negotiations"
    # The roles alone follow the code: they are what wpm.roles says after every migrate.
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="delete_page").exists()


@pytest.mark.django_db
def test_rebuild_search_rebuilds_every_profiles_search_data():
    mediators = MediatorFactory.create_batch(3)
    for mediator in mediators:
        mediator.expertise.add(ExpertiseArea.objects.get(slug="process-design"))
    built = dict(Mediator.objects.values_list("pk", "summary"))
    assert all(summary["expertise"] for summary in built.values())
    Mediator.objects.update(summary={}, search_text_public="", search_text_staff="")

    out = StringIO()
    call_command("rebuild_search", stdout=out)

    assert dict(Mediator.objects.values_list("pk", "summary")) == built
    assert all(Mediator.objects.values_list("search_text_staff", flat=True))
    assert "3 mediators" in out.getvalue()


@pytest.mark.django_db
def test_rebuild_search_says_nothing_when_asked_for_silence():
    """The migrate that upgrades a site calls it so: its output is migrate's, which -v0 hushes."""
    MediatorFactory()
    out = StringIO()
    call_command("rebuild_search", verbosity=0, stdout=out)
    assert out.getvalue() == ""


# Migrations carry their own data.

PROJECT_APPS = [
    config
    for config in apps.get_app_configs()
    if Path(config.path).resolve().parent == Path(settings.BASE_DIR).resolve()
]
PROJECT = {config.name.partition(".")[0] for config in PROJECT_APPS}


def migration_files():
    for config in PROJECT_APPS:
        yield from sorted(Path(config.path, "migrations").glob("0*.py"))


def imports(tree):
    """(module, how) for every import: "import" names a module, "from" takes names out of it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, "import") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", "from"


def test_migrations_import_no_project_code_they_would_run():
    """A migration that runs code imports only Django and the standard library. The others may
    name a project module only as the autodetector writes it (`import wpm.models`), for what a
    field refers to: its class, validators, upload path, storage, manager or default."""
    assert {"wpm", "mediators", "processes"} <= PROJECT
    wrong = []
    for path in migration_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        runs_code = any(
            isinstance(node, ast.Attribute) and node.attr in {"RunPython", "RunSQL"}
            for node in ast.walk(tree)
        )
        for module, how in imports(tree):
            top = module.partition(".")[0]
            if top == "django" or top in sys.stdlib_module_names:
                continue
            if runs_code or (top in PROJECT and how == "from"):
                wrong.append(f"{path.parent.parent.name}/{path.name}: {how} {module}")
    assert wrong == []


def test_the_privacy_policy_a_new_site_gets_names_the_periods_the_site_keeps_data():
    """It named only the contact messages' period: requests were kept for two years after
    closing, sent mail for a month and backups for their own time, without a word."""
    (privacy,) = [page for page in PAGES if page.slug == "privacy"]
    english = " ".join(privacy.body_en.split())
    german = " ".join(privacy.body_de.split())
    assert f"after {settings.CONTACT_RETENTION_DAYS} days" in english
    assert f"({settings.REQUEST_RETENTION_DAYS} days) after a request is closed" in english
    assert f"kept for {settings.MAIL_RETENTION_DAYS} days" in english
    assert "backups are encrypted" in english and "deleted after 30 days" in english
    assert f"nach {settings.CONTACT_RETENTION_DAYS} Tagen" in german
    assert f"({settings.REQUEST_RETENTION_DAYS} Tage) nach Abschluss einer Anfrage" in german
    assert f"bleiben {settings.MAIL_RETENTION_DAYS} Tage gespeichert" in german
    assert "Sicherungen sind verschlüsselt" in german
