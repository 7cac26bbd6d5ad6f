"""English and German ship complete: every visible string has a German translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
SOURCES = ["wpm", "mediators", "processes", "templates", "manage.py"]


def test_german_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.obsolete_entries() == []


def test_compiled_catalogue_matches_its_source():
    compiled_file = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in compiled_file}
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUE))}
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
