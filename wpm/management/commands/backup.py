"""Back up everything: the whole database as portable JSON, and every uploaded file.

The archive (a .tar.gz) holds:

- ``manifest.json``: when and by which Django it was made, the latest applied migration of each
  app, the number of rows of each model and the number of files;
- ``database.json``: the database, written by ``dumpdata`` with natural foreign keys, so that it
  loads into an empty, migrated database on SQLite or PostgreSQL alike;
- ``media/...``: every file under MEDIA_ROOT; ``private/...``: every file under PRIVATE_MEDIA_ROOT.

``manage.py restore`` reads it back. This module also holds what the two commands share.
"""

import datetime
import json
import os
import secrets
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers import json as json_serializer
from django.core.serializers import register_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
# Where each folder's files go in the archive.
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}

# What the archive leaves out, and why. Everything else in the database is backed up.
EXCLUDED = {
    # Rebuilt by `migrate` (and by `flush`) from the code; rows that refer to them (a group's
    # permissions, the audit log's content types) are written with natural keys instead.
    "contenttypes": "recreated by migrate",
    "auth.permission": "recreated by migrate",
    # Sign-ins: keys that would let whoever holds the archive act as a signed-in member, and the
    # IP addresses and browsers they came from. A restore signs everyone out.
    "sessions": "sign-ins: a restore signs everyone out",
    "usersessions": "sign-ins: a restore signs everyone out",
    # A cache key, not content: a restore writes a new one, so no page cached before it is served.
    "wpm.pageversion": "the page cache's key: a restore writes a new one",
    # Mail on its way out holds sign-in links and contact messages until it leaves; the queue
    # belongs to the running site, and a restored site starts with an empty one.
    "outbox": "mail on its way out: a restored site starts with an empty queue",
    "django_tasks_database": "background tasks of the running site",
}

# dumpdata's JSON rounds times to milliseconds; this format keeps every microsecond, so that a
# restored row equals the row that was backed up. The file it writes is ordinary JSON that
# `loaddata` reads with its own "json" format.
SERIALIZATION_FORMAT = "wpm-backup-json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime) or (
            isinstance(o, datetime.time) and o.utcoffset() is None
        ):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
        self.json_kwargs["ensure_ascii"] = True  # the same bytes whatever the system's encoding


Deserializer = json_serializer.Deserializer

register_serializer(SERIALIZATION_FORMAT, __name__)


def is_excluded(model):
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def backed_up_models(using=DEFAULT_DB_ALIAS):
    """The models whose rows the archive holds, as dumpdata chooses them."""
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and router.allow_migrate_model(using, model)
        and not is_excluded(model)
    ]


def row_counts(using=DEFAULT_DB_ALIAS):
    return {
        model._meta.label: model._base_manager.using(using).count()
        for model in backed_up_models(using)
    }


def migration_state(using=DEFAULT_DB_ALIAS):
    """The latest applied migration of each installed app, as the database records them."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    installed = {config.label for config in apps.get_app_configs()}
    latest = {}
    for app_label, name in applied:
        if app_label in installed and name > latest.get(app_label, ""):
            latest[app_label] = name
    return dict(sorted(latest.items()))


def folder(name):
    """MEDIA_ROOT or PRIVATE_MEDIA_ROOT, read when the command runs."""
    return Path(getattr(settings, FOLDERS[name])).resolve()


def storage_folders():
    """For each storage on the file system, the folder of the archive its files belong in."""
    return {str(folder(name)): name for name in FOLDERS}


class Command(BaseCommand):
    help = (
        "Back up the whole database and every uploaded file (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) "
        "into one .tar.gz archive that `manage.py restore` reads. The archive holds personal "
        "data: store it encrypted, away from the server."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. wpm-2026-01-31.tar.gz.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite the archive if it already exists."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database to back up (default: %(default)s).",
        )

    def handle(self, *args, path, force, database, **options):
        target = Path(path).absolute()
        if target.is_dir():
            raise CommandError(f"{target} is a folder: give the name of the archive to write.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        if target.exists() and not force:
            raise CommandError(f"{target} already exists. Use --force to overwrite it.")

        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
        try:
            # Only the owner may read it: the archive holds personal data and password hashes.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive,
            ):
                manifest, missing = self.write_archive(archive, database)
            if target.exists() and not force:
                raise CommandError(f"{target} appeared while the backup ran; it was kept.")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)

        for line in missing[:20]:
            self.stderr.write(self.style.WARNING(f"  missing: {line}"))
        if missing:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(missing)} file(s) the database refers to were not in MEDIA_ROOT or "
                    "PRIVATE_MEDIA_ROOT; the archive was written without them. Check that the "
                    "backup runs with the application's own settings."
                )
            )
        if options["verbosity"] >= 2:
            for label, count in manifest["counts"].items():
                self.stdout.write(f"  {label}: {count}")
        if options["verbosity"] == 0:
            return
        rows = sum(manifest["counts"].values())
        files = manifest["files"]
        size = target.stat().st_size
        size = f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows of {len(manifest['counts'])} models, "
                f"{files['media']} files from MEDIA_ROOT and {files['private']} from "
                f"PRIVATE_MEDIA_ROOT to {target} ({size})."
            )
        )

    def write_archive(self, archive, using):
        connection = connections[using]
        with tempfile.TemporaryDirectory(prefix="wpm-backup-") as scratch:
            dump = Path(scratch) / DATABASE
            outermost = not connection.in_atomic_block
            with transaction.atomic(using=using):
                if outermost:
                    self.take_snapshot(connection)
                with open(dump, "w", encoding="utf-8") as stream:
                    call_command(
                        "dumpdata",
                        format=SERIALIZATION_FORMAT,
                        exclude=list(EXCLUDED),
                        use_natural_foreign_keys=True,
                        use_base_manager=True,
                        database=using,
                        verbosity=0,
                        stdout=stream,
                    )
                counts = row_counts(using)
                migrations = migration_state(using)
                referenced = self.referenced_files(using)

            # The files after the database: a file the database refers to was there when it was
            # read, unless it was deleted since (a replaced photo).
            archive.add(dump, arcname=DATABASE)
            stored = {name: [] for name in FOLDERS}
            for name in FOLDERS:
                root = folder(name)
                for relative in self.files_in(root):
                    arcname = f"{name}/{relative}"
                    try:
                        archive.add(root / relative, arcname=arcname, recursive=False)
                    except FileNotFoundError:
                        continue  # deleted while the backup ran
                    stored[name].append(arcname)
            # The manifest comes last, to count what the archive really holds.
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
                "django_version": django.get_version(),
                "database_vendor": connection.vendor,
                "migrations": migrations,
                "counts": counts,
                "files": {name: len(names) for name, names in stored.items()},
                "excluded": EXCLUDED,
            }
            manifest_path = Path(scratch) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
            archive.add(manifest_path, arcname=MANIFEST)
        missing = sorted(referenced.difference(*stored.values()))
        return manifest, missing

    @staticmethod
    def take_snapshot(connection):
        """Read every table as of one moment, even while the site keeps writing."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # SQLite: the transaction sees one snapshot from its first read on (WAL journal).

    def files_in(self, root):
        """Every regular file under a folder, as POSIX paths relative to it."""
        if not root.is_dir():
            return
        nested = {folder(name) for name in FOLDERS} - {root}
        for directory, subdirectories, filenames in os.walk(root, onerror=self.unreadable):
            here = Path(directory)
            # A folder configured inside the other is backed up once, under its own name.
            subdirectories[:] = sorted(d for d in subdirectories if here / d not in nested)
            for filename in sorted(filenames):
                path = here / filename
                if path.is_symlink() or not path.is_file():
                    self.stderr.write(
                        self.style.WARNING(f"Skipped {path}: not a regular file (a link?).")
                    )
                    continue
                yield path.relative_to(root).as_posix()

    @staticmethod
    def unreadable(error):
        raise CommandError(
            f"Cannot read {error.filename}: {error.strerror}. No archive was written."
        )

    @staticmethod
    def referenced_files(using):
        """Archive names of the files the database's file fields name, where we know the folder."""
        folders = storage_folders()
        referenced = set()
        for model in backed_up_models(using):
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.FileField):
                    continue
                location = getattr(field.storage, "location", None)
                name = folders.get(str(Path(location).resolve())) if location else None
                if name is None:
                    continue
                values = (
                    model._base_manager.using(using)
                    .exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
                referenced.update(f"{name}/{value}" for value in values)
        return referenced
