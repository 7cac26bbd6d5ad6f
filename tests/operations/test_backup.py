"""Backups: everything backed up restores into an empty database, row for row and byte for byte."""

import datetime
import io
import json
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from PIL import Image

from appointments.models import (
    Access,
    Invitation,
    RequestExpertise,
    RequestLanguage,
    RequestRegion,
    Role,
)
from appointments.taxonomy import ensure_request_roles
from mediators.models import ContactMessage, ExpertiseArea, Mediator
from mediators.taxonomy import ensure_expertise_areas
from processes.models import Agreement, Process
from processes.record import Instrument, ParticipationFigure
from processes.taxonomy import ensure_instruments
from tests.factories import (
    ArticleFactory,
    EventFactory,
    PaxReleaseFactory,
    ProcessFactory,
    RequesterFactory,
    RequestFactory,
    VoiceFactory,
)
from wpm.models import ArticleAuthor, Page, PageVersion, SavedSearch, Topic, User
from wpm.roles import ensure_roles

# Restoring needs an empty database: these tests flush it, so they cannot run in a transaction.
pytestmark = pytest.mark.django_db(transaction=True)

# What a backup leaves out on purpose: migrate recreates the first two, the others are sign-ins.
NOT_BACKED_UP = {
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "wpm.PageVersion",  # the page cache's key; a restore writes a new one
}
# Sign-ins, and mail on its way out with the tasks that deliver it: the running site's own.
NOT_BACKED_UP_APPS = {"usersessions", "outbox", "django_tasks_database"}
# Tables the site leaves empty (allauth confirms email addresses with signed links).
EMPTY_IN_PRACTICE = {"account.EmailConfirmation"}


@pytest.fixture(autouse=True)
def _seeds(transactional_db):
    """Transactional tests empty every table; put back what the migrations seed."""
    ensure_expertise_areas(ExpertiseArea)
    ensure_instruments(Instrument)
    ensure_roles(Group, Permission)
    ensure_request_roles(Role)


def backed_up(model):
    return (
        model._meta.label not in NOT_BACKED_UP
        and model._meta.app_label not in NOT_BACKED_UP_APPS
        and not model._meta.proxy
        and model._meta.managed
    )


def database_rows():
    """Every row of every table the backup holds, ordered by primary key.

    Content types and permissions are created again by migrate, perhaps under other ids: rows
    that refer to them are compared by natural key. Many-to-many rows get new ids when loaded,
    so they are compared without.
    """
    keys = {
        ContentType: {row.pk: row.natural_key() for row in ContentType.objects.all()},
        Permission: {row.pk: row.natural_key() for row in Permission.objects.all()},
    }
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if not backed_up(model):
            continue
        relations = [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in keys
        ]
        values = []
        for row in model._base_manager.order_by("pk").values():
            for field in relations:
                if row[field.attname] is not None:
                    row[field.attname] = keys[field.related_model][row[field.attname]]
            if model._meta.auto_created:
                del row["id"]
            values.append(row)
        if model._meta.auto_created:
            values.sort(key=repr)
        rows[model._meta.label] = values
    return rows


def media_files():
    """Every file in both folders, with its bytes."""
    files = {}
    for name, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        for path in Path(root).rglob("*"):
            if path.is_file():
                files[f"{name}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return files


def empty_media_folders():
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


def image_bytes(color, image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def everything(
    superuser, editor, curator, member, applicant, showcase, protected_showcase, showcase_process
):
    """A database with rows in every table the site uses, and files in both folders."""
    # Times with microseconds, text beyond ASCII.
    member.date_joined = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
    member.name = "Amina Çelik عائشة"
    member.save()
    member.user_permissions.add(Permission.objects.get(codename="view_process"))
    showcase.bio = "Führte Gespräche in دمشق.\n\n- one"
    showcase.save()
    showcase.refresh_search()

    # Processes: figures of a process as well as of an agreement, history that names its author,
    # and the history of a process that was deleted since.
    ParticipationFigure.objects.create(
        process=showcase_process,
        role="mediators",
        total=3,
        women=1,
        source="UN",
        as_of=datetime.date(2017, 1, 1),
    )
    showcase_process._history_user = curator
    showcase_process.summary = "Edited by a curator."
    showcase_process.save()
    gone = ProcessFactory(name="A process deleted since", slug="deleted")
    Agreement.objects.create(process=gone, name="Forgotten accord")
    gone.delete()
    # The PA-X release the catalogue cites.
    PaxReleaseFactory()

    # The network's content, with files in MEDIA_ROOT.
    topic = Topic.objects.create(slug="wps", name_en="Women, peace and security", name_de="WFS")
    english = ArticleFactory(title="At the table", slug="at-the-table")
    english.image.save("table.png", ContentFile(image_bytes("navy")), save=False)
    english.image_alt = "An empty table"
    english.pdf.save("paper.pdf", ContentFile(b"%PDF-1.4\n% a position paper\n"), save=False)
    english.save()
    english.topics.add(topic)
    english.related_processes.add(showcase_process)
    german = ArticleFactory(
        title="Am Tisch", slug="am-tisch", language="de", translation=english, status="draft"
    )
    german.topics.add(topic)
    ArticleAuthor.objects.create(article=english, name="Samira", mediator=showcase)
    ArticleAuthor.objects.create(article=german, name="A guest", position=1)
    voice = VoiceFactory()
    voice.photo.save("voice.jpg", ContentFile(image_bytes("olive", "JPEG")))
    EventFactory()
    Page.objects.create(
        slug="backup-test", title_en="Backups", title_de="Sicherung", body_en="Us.", body_de="Wir."
    )
    ContactMessage.objects.create(
        mediator=showcase,
        name="A diplomat",
        email="diplomat@example.org",
        purpose="mediation",
        message="Could we talk?",
    )
    LogEntry.objects.create(
        user=curator,
        content_type=ContentType.objects.get_for_model(Process),
        object_id=str(showcase_process.pk),
        object_repr=str(showcase_process),
        action_flag=ADDITION,
        change_message="[]",
    )
    # A request for mediators with a criterion of each kind, from a requester staff verified.
    requester = RequesterFactory(organisation="Ministère des affaires étrangères")
    requester.decide("verified", superuser)
    request = RequestFactory(
        requester=requester, process=showcase_process, title="Médiatrice", status="sent"
    )
    RequestLanguage.objects.create(request=request, code="ar", level=6, need="required")
    RequestExpertise.objects.create(
        request=request, area=ExpertiseArea.objects.first(), need="preferred"
    )
    RequestRegion(request=request, country="SD", need="required").save()
    # She is shortlisted for it, and accepts, releasing two parts: the release is recorded.
    invitation = Invitation.objects.create(
        request=request, mediator=showcase, note="Arabic, Sudan", added_by=superuser
    )
    invitation.accept(["profile", "languages"])
    # The network proposes her; the requester looks at the proposal, which is recorded.
    Invitation.objects.filter(pk=invitation.pk).update(proposed_at=invitation.answered_at)
    Access.objects.create(request=request, user=requester.user, kind="viewed")
    # The requester keeps a search of the roster, to hear of its new matches weekly.
    SavedSearch.objects.create(
        user=requester.user,
        feed="mediators:roster_feed",
        query="language=ar",
        title="Roster of mediators · Languages (all of): Arabic",
        language="de",
    )
    # A file no row names any more is kept all the same.
    leftover = Path(settings.MEDIA_ROOT) / "old" / "nested" / "note.txt"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("kept")

    rows = database_rows()
    empty = sorted(
        label for label, values in rows.items() if not values and label not in EMPTY_IN_PRACTICE
    )
    assert empty == [], f"fill these tables in the `everything` fixture: {empty}"
    files = media_files()
    assert any(name.startswith("private/") for name in files)  # the mediators' photos
    assert any(name.startswith("media/articles/") for name in files)
    return rows, files


def test_backup_and_restore_round_trip(everything, tmp_path):
    rows, files = everything
    archive = tmp_path / "backups" / "wpm.tar.gz"
    archive.parent.mkdir()
    out = io.StringIO()

    call_command("backup", str(archive), stdout=out)

    assert f"to {archive}" in out.getvalue()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert list(archive.parent.iterdir()) == [archive]  # no partial file left behind

    call_command("flush", "--no-input")
    empty_media_folders()
    assert not User.objects.exists()
    assert not ExpertiseArea.objects.exists()  # the seeded rows are gone too
    assert media_files() == {}

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    restored = database_rows()
    for label, values in rows.items():
        assert restored[label] == values, label
    assert restored == rows
    assert media_files() == files
    assert f"wpm.User: {len(rows['wpm.User'])}\n" in out.getvalue()
    assert "Restored " in out.getvalue()


def test_a_restore_writes_one_page_version_and_the_next_page_shows_the_data(backup, client):
    """The rows loaded from the archive do not each write a new page version: each rewrote the
    same row in one transaction, and at network scale a restore did not finish in 15 minutes.
    The restore writes one, and a page cached while the database was empty is not served again."""
    assert "Samira Showcase" not in client.get("/en/mediators/").content.decode()
    before = PageVersion.current()

    with CaptureQueriesContext(connection) as queries:
        call_command("restore", str(backup), stdout=io.StringIO())

    writes = [q["sql"] for q in queries if "wpm_pageversion" in q["sql"]]
    assert len(writes) <= 2  # update_or_create: a locking read, then one write
    assert PageVersion.current() != before
    assert "Samira Showcase" in client.get("/en/mediators/").content.decode()


def test_the_manifest_describes_the_backup(everything, tmp_path):
    rows, files = everything
    archive = tmp_path / "wpm.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        dump = json.loads(tar.extractfile("database.json").read())

    assert sorted(names) == sorted(["manifest.json", "database.json", *files])
    assert manifest["django_version"]
    assert datetime.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    applied = MigrationRecorder.Migration.objects.filter(app="processes").order_by("name")
    assert manifest["migrations"]["processes"] == applied.last().name
    assert manifest["counts"]["wpm.User"] == len(rows["wpm.User"])
    assert manifest["counts"]["processes.HistoricalProcess"] > 0
    assert "contenttypes.ContentType" not in manifest["counts"]
    assert manifest["files"] == {
        "media": sum(name.startswith("media/") for name in files),
        "private": sum(name.startswith("private/") for name in files),
    }
    # Portable: no content type ids, and times to the microsecond.
    models = {entry["model"] for entry in dump}
    assert {"contenttypes.contenttype", "auth.permission", "sessions.session"}.isdisjoint(models)
    log = next(entry for entry in dump if entry["model"] == "admin.logentry")
    assert log["fields"]["content_type"] == ["processes", "process"]
    member = next(
        e for e in dump if e["model"] == "wpm.user" and e["fields"]["name"][:5] == "Amina"
    )
    assert member["fields"]["date_joined"] == "2024-05-06T07:08:09.123456+00:00"


def test_backup_refuses_to_overwrite_an_archive_unless_forced(tmp_path):
    archive = tmp_path / "wpm.tar.gz"
    archive.write_text("yesterday's backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive), stdout=io.StringIO())
    assert archive.read_text() == "yesterday's backup"

    call_command("backup", str(archive), "--force", stdout=io.StringIO())
    assert tarfile.is_tarfile(archive)

    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "wpm.tar.gz"), stdout=io.StringIO())


def test_backup_warns_of_files_the_database_names_but_the_folders_lack(showcase, tmp_path):
    (Path(settings.PRIVATE_MEDIA_ROOT) / showcase.photo.name).unlink()
    err = io.StringIO()

    call_command("backup", str(tmp_path / "wpm.tar.gz"), stdout=io.StringIO(), stderr=err)

    assert f"missing: private/{showcase.photo.name}" in err.getvalue()
    assert "1 file(s) the database refers to" in err.getvalue()


@pytest.fixture
def backup(showcase, tmp_path):
    """An archive of a small database, which is then emptied, as are the media folders."""
    archive = tmp_path / "wpm.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", "--no-input")
    empty_media_folders()
    return archive


def rewrite(archive, target, manifest=None, extra=()):
    """A copy of an archive with another manifest, or with extra members."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        for member, data in extra:
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def assert_nothing_restored():
    assert not User.objects.exists()
    assert not ExpertiseArea.objects.exists()
    assert media_files() == {}


def test_restore_refuses_a_database_that_is_not_empty(showcase, tmp_path):
    archive = tmp_path / "wpm.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    empty_media_folders()

    with pytest.raises(CommandError, match="only fills an empty database") as refusal:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert "(wpm.User)" in str(refusal.value)
    assert media_files() == {}

    # A freshly migrated database holds the seeded rows: the refusal says what to do.
    call_command("flush", "--no-input")
    ensure_expertise_areas(ExpertiseArea)
    with pytest.raises(CommandError, match="flush --no-input") as refusal:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert "(mediators.ExpertiseArea)" in str(refusal.value)
    assert not User.objects.exists()


def test_restore_refuses_to_overwrite_files(backup):
    with tarfile.open(backup) as tar:
        photo = next(name for name in tar.getnames() if name.startswith("private/"))
    existing = Path(settings.PRIVATE_MEDIA_ROOT) / photo.removeprefix("private/")
    existing.parent.mkdir(parents=True)
    existing.write_bytes(b"another photo")

    with pytest.raises(CommandError, match="already exist and would be overwritten"):
        call_command("restore", str(backup), stdout=io.StringIO())

    assert not User.objects.exists()
    assert existing.read_bytes() == b"another photo"


def file_member(name, data=b"escaped"):
    member = tarfile.TarInfo(name)
    member.size = len(data)
    return member, data


def link_member(name, target, kind=tarfile.SYMTYPE):
    member = tarfile.TarInfo(name)
    member.type = kind
    member.linkname = target
    return member, None


@pytest.mark.parametrize(
    "member",
    [
        pytest.param(lambda tmp: file_member("media/../../escaped.txt"), id="dot-dot"),
        pytest.param(lambda tmp: file_member("private/a/../../../escaped.txt"), id="deep-dot-dot"),
        pytest.param(lambda tmp: file_member("../escaped.txt"), id="top-dot-dot"),
        pytest.param(lambda tmp: file_member(str(tmp / "escaped.txt")), id="absolute"),
        pytest.param(lambda tmp: file_member("elsewhere/escaped.txt"), id="unknown-folder"),
        pytest.param(lambda tmp: link_member("media/escaped.txt", "/etc/passwd"), id="symlink"),
        pytest.param(
            lambda tmp: link_member("media/escaped.txt", "database.json", tarfile.LNKTYPE),
            id="hard-link",
        ),
        pytest.param(lambda tmp: link_member("media/articles", str(tmp)), id="symlinked-folder"),
    ],
)
def test_restore_refuses_an_archive_with_a_path_that_escapes(backup, tmp_path, member):
    hostile = rewrite(backup, tmp_path / "hostile.tar.gz", extra=[member(tmp_path)])

    with pytest.raises(CommandError, match="Refusing the archive"):
        call_command("restore", str(hostile), stdout=io.StringIO())

    assert_nothing_restored()
    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/escaped.txt").exists()


def test_restore_refuses_a_backup_made_at_other_migrations(backup, tmp_path):
    def older(manifest):
        manifest["migrations"]["processes"] = "0002_instruments"
        return manifest

    archive = rewrite(backup, tmp_path / "older.tar.gz", manifest=older)

    with pytest.raises(CommandError, match="app 'processes'") as refusal:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert "backup was made at 0002_instruments" in str(refusal.value)
    assert "'mediators'" not in str(refusal.value)
    assert_nothing_restored()


def test_restore_refuses_an_incomplete_archive(backup, tmp_path):
    def one_more_file(manifest):
        manifest["files"]["private"] += 1
        return manifest

    archive = rewrite(backup, tmp_path / "incomplete.tar.gz", manifest=one_more_file)

    with pytest.raises(CommandError, match="archive is incomplete"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert_nothing_restored()


def test_restore_refuses_what_is_not_an_archive(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")

    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", str(not_an_archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="There is no archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())


def test_a_backup_from_the_other_database_rebuilds_the_search(backup, tmp_path, showcase):
    """A SQLite backup restores into PostgreSQL (and back); the search documents follow."""
    vendor = {"sqlite": "postgresql", "postgresql": "sqlite"}

    def other_vendor(manifest):
        manifest["database_vendor"] = vendor[manifest["database_vendor"]]
        return manifest

    archive = rewrite(backup, tmp_path / "other.tar.gz", manifest=other_vendor)

    call_command("restore", str(archive), stdout=io.StringIO())

    with tarfile.open(backup) as tar:
        dump = json.loads(tar.extractfile("database.json").read())
    backed_up_row = next(e for e in dump if e["model"] == "mediators.mediator")["fields"]
    restored = Mediator.objects.get(pk=showcase.pk)
    assert "samira" in restored.search_text_public  # folded, as searches are
    for audience in ("public", "members", "staff"):
        assert (
            getattr(restored, f"search_text_{audience}") == backed_up_row[f"search_text_{audience}"]
        )
        assert getattr(restored, f"search_{audience}") == backed_up_row[f"search_{audience}"]
