"""English and German ship complete: every visible string has a German translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
# django-allauth's strings in the site's register (see test_german_speaks_to_the_reader_as_sie...)
ALLAUTH_CATALOGUE = ROOT / "locale" / "allauth" / "de" / "LC_MESSAGES" / "django.po"
SOURCES = ["wpm", "mediators", "processes", "appointments", "demo", "templates", "manage.py"]


def test_german_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.obsolete_entries() == []


@pytest.mark.parametrize("catalogue", [CATALOGUE, ALLAUTH_CATALOGUE])
def test_compiled_catalogue_matches_its_source(catalogue):
    compiled_file = polib.mofile(str(catalogue.with_suffix(".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in compiled_file}
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(str(catalogue))}
    assert compiled == source, "run 'make messages' to compile the catalogue"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_visible_string_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources finds no string the catalogue lacks."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "de", "--no-location"],
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    known = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    missing = sorted(entry.msgid for entry in extracted if entry.msgid not in known)
    assert missing == [], "run 'make messages' and translate these"


# Words in Django's English catalogues that its German ones lack and that no page of ours shows.
NOT_SHOWN = {
    ("Task", "Ready"),  # the task framework's states: no tasks run here
    ("Task", "Running"),
    ("Task", "Failed"),
    ("Task", "Successful"),
    (None, "Haitian Creole"),  # languages: only English and German are offered
    (None, "“%(value)s” is not a valid binary value."),  # no binary fields
    (None, "No %s matches the given query."),  # a 404's reason, never shown to the visitor
    ("ordinal is 1", "{}st"),  # humanize's ordinals: not used
}


def _catalogue_dirs():
    """Django's own catalogues and those of every installed app that has them."""
    import django
    from django.apps import apps

    yield Path(django.__file__).parent / "conf" / "locale"
    for config in apps.get_app_configs():
        yield Path(config.path) / "locale"


def test_the_words_django_lacks_in_german_are_in_ours():
    """An upgrade of Django or an app can bring words its German catalogue does not have yet;
    ours has them (wpm/translations.py), or the page that shows them would mix languages."""
    ours = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(CATALOGUE))}
    gaps = set()
    for directory in _catalogue_dirs():
        english = directory / "en" / "LC_MESSAGES" / "django.po"
        german = directory / "de" / "LC_MESSAGES" / "django.po"
        if not (english.exists() and german.exists()) or "django_countries" in str(directory):
            continue  # django-countries falls back to the official names, which it has in German
        translated = {(e.msgctxt, e.msgid) for e in polib.pofile(str(german)) if e.translated()}
        gaps |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(english))} - translated
    assert sorted(gaps - ours - NOT_SHOWN, key=str) == []


@pytest.mark.django_db
def test_a_select_box_offers_its_empty_choice_in_german(client):
    from tests.factories import MediatorFactory

    mediator = MediatorFactory(accepts_contact=True)
    page = client.get(f"/de/mediators/{mediator.slug}/contact/").content.decode()
    assert '<option value="" selected>- Bitte auswählen -</option>' in page
    assert "Select an option" not in page


# The familiar "du" in German: its pronouns, its verb forms and the imperatives no noun shares.
DU = re.compile(
    r"\b(du|dich|dir|dein|deine[mnrs]?|hast|bist|kannst|musst|möchtest|solltest|wirst|gib|"
    r"klicke?|wähle|bestätige|kontaktiere|überprüfe|lass|rufe)\b",
    re.IGNORECASE,
)


def _msgids():
    """Every string the site may show: ours and those of every installed app's catalogue."""
    for directory in [ROOT / "locale", *_catalogue_dirs()]:
        german = directory / "de" / "LC_MESSAGES" / "django.po"
        if german.exists():
            yield from polib.pofile(str(german))


def test_german_speaks_to_the_reader_as_sie_everywhere():
    """The account pages come from django-allauth, whose German says "du": the site's German
    says "Sie" throughout, in what allauth shows too (locale/allauth)."""
    from django.utils import translation

    familiar = set()
    with translation.override("de"):
        for entry in _msgids():
            if entry.msgid_plural:
                shown = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            elif entry.msgctxt:
                shown = [translation.pgettext(entry.msgctxt, entry.msgid)]
            else:
                shown = [translation.gettext(entry.msgid)]
            familiar |= {text for text in shown if DU.search(text)}
    assert sorted(familiar) == []


GERMAN = {"accept-language": "de"}


@pytest.mark.django_db
def test_the_audit_log_says_in_german_what_an_edit_changed(superuser):
    """It listed the stored form of Django's own edits, JSON, in every language."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from tests.conftest import client_for
    from tests.factories import ProcessFactory

    process = ProcessFactory()
    LogEntry.objects.create(
        user=superuser,
        content_type=ContentType.objects.get_for_model(process),
        object_id=str(process.pk),
        object_repr=str(process),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Name"]}}]',
    )
    page = client_for(superuser).get("/admin/admin/logentry/", headers=GERMAN)
    html = page.content.decode()
    assert "Name geändert." in html
    assert "[{&quot;changed" not in html


@pytest.mark.django_db
def test_a_request_s_history_is_titled_in_german(superuser, showcase_request):
    """A history that cannot be reverted is simple-history's "View history", which its German
    lacks, with its column "Changes"."""
    from tests.conftest import client_for

    url = f"/admin/appointments/request/{showcase_request.pk}/history/"
    html = client_for(superuser).get(url, headers=GERMAN).content.decode()
    assert "Änderungshistorie: " in html and ">Änderungen</th>" in html
    assert "View history" not in html and ">Changes<" not in html


@pytest.mark.django_db
def test_the_back_office_names_every_section_in_german(superuser):
    """allauth's sessions and authenticators and the task results were named in English."""
    from tests.conftest import client_for

    html = client_for(superuser).get("/admin/", headers=GERMAN).content.decode()
    for german in ("Benutzersitzungen", "Authentifikatoren", "Aufgabenergebnisse"):
        assert german in html
    for english in (
        "User Sessions",
        "User sessions",
        "Authenticators",
        "Task Results",
        "Tasks Database",
    ):
        assert english not in html
