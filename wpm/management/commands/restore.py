"""Restore an archive that `manage.py backup` wrote, into an empty, migrated database.

Everything is checked before anything is written: every name in the archive, the manifest, the
migrations, that the database is empty and that no file would be overwritten. The rows are then
loaded and the files written in one transaction: if anything fails, nothing is kept.
"""

import json
import os
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from wpm.models import PageVersion
from wpm.signals import data_restored

from .backup import (
    DATABASE,
    FOLDERS,
    FORMAT_VERSION,
    MANIFEST,
    backed_up_models,
    folder,
    migration_state,
    row_counts,
)

READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)


class Command(BaseCommand):
    help = (
        "Restore a backup archive (from `manage.py backup`) into an empty, migrated database, "
        "and its files into MEDIA_ROOT and PRIVATE_MEDIA_ROOT. It refuses a database that holds "
        "any row, and a database whose migrations differ from the backup's."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to restore.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database to restore into (default: %(default)s).",
        )

    def handle(self, *args, path, database, **options):
        source = Path(path).absolute()
        if not source.is_file():
            raise CommandError(f"There is no archive at {source}.")
        try:
            archive = tarfile.open(source, mode="r:gz")  # noqa: SIM115 (closed below)
        except READ_ERRORS as error:
            raise CommandError(f"{source} is not a backup archive (.tar.gz): {error}") from None
        with archive:
            try:
                members = archive.getmembers()
            except READ_ERRORS as error:
                raise CommandError(f"{source} is damaged: {error}") from None
            manifest_member, database_member, files = self.check_members(members)
            manifest = self.read_manifest(archive, manifest_member)
            self.check_files_complete(manifest, files)
            self.check_migrations(database, manifest)
            self.check_database_empty(database)
            targets = self.check_targets(files)
            written = self.restore(archive, database, database_member, files, targets, manifest)

        if options["verbosity"] == 0:
            return
        counts = row_counts(database)
        for label, count in counts.items():
            if count:
                self.stdout.write(f"  {label}: {count}")
        per_folder = {name: sum(1 for _, f, _ in files if f == name) for name in FOLDERS}
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(counts.values())} rows of {len(counts)} models and "
                f"{len(written)} files ({per_folder['media']} into MEDIA_ROOT, "
                f"{per_folder['private']} into PRIVATE_MEDIA_ROOT) from {source}, "
                f"a backup made at {manifest.get('created_at', 'an unknown time')}."
            )
        )
        self.stdout.write("Sessions are not backed up: everyone signs in again.")

    # Checks: nothing is written until all of them pass.

    def check_members(self, members):
        """Accept only what `backup` writes: two JSON files, and plain files in two folders."""
        manifest = database = None
        files, seen = [], set()
        for member in members:
            name = member.name

            def refuse(reason, name=name):
                raise CommandError(
                    f"Refusing the archive: its member {name!r} {reason}. Nothing was restored."
                )

            if name in seen:
                refuse("appears twice")
            seen.add(name)
            if member.issym() or member.islnk():
                refuse("is a link")
            if not (member.isfile() or member.isdir()):
                refuse("is not a plain file or folder")
            parts = name.split("/")
            if name.startswith("/") or any(part in {"", ".", ".."} for part in parts):
                refuse("is not a plain relative path: it could escape the folders")
            if name == MANIFEST and member.isfile():
                manifest = member
            elif name == DATABASE and member.isfile():
                database = member
            elif parts[0] in FOLDERS and (len(parts) > 1 or member.isdir()):
                if member.isfile():
                    files.append((member, parts[0], parts[1:]))
            else:
                refuse("is not part of a backup")
        if manifest is None or database is None:
            raise CommandError(
                f"The archive has no {MANIFEST} or no {DATABASE}: it was not made by "
                "`manage.py backup`."
            )
        return manifest, database, files

    def read_manifest(self, archive, member):
        try:
            manifest = json.loads(archive.extractfile(member).read())
        except (*READ_ERRORS, ValueError) as error:
            raise CommandError(f"The archive's {MANIFEST} cannot be read: {error}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            raise CommandError(
                f"The archive's {MANIFEST} is not one this version of the application reads "
                f"(format {FORMAT_VERSION} expected)."
            )
        for key in ("migrations", "counts", "files"):
            if not isinstance(manifest.get(key), dict):
                raise CommandError(f"The archive's {MANIFEST} has no {key!r}.")
        return manifest

    def check_files_complete(self, manifest, files):
        for name in FOLDERS:
            found = sum(1 for _, f, _ in files if f == name)
            expected = manifest["files"].get(name)
            if found != expected:
                raise CommandError(
                    f"The archive is incomplete: its manifest lists {expected} files for "
                    f"{FOLDERS[name]}, but it holds {found}."
                )

    def check_migrations(self, using, manifest):
        connection = connections[using]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            pending = ", ".join(sorted({migration.app_label for migration, _ in plan}))
            raise CommandError(
                f"This database is not fully migrated (apps {pending}). Run "
                "`python manage.py migrate` first, then restore."
            )
        ours, theirs = migration_state(using), manifest["migrations"]
        differences = [
            f"app {app!r}: the backup was made at {theirs.get(app) or 'no migration'}, "
            f"this database is at {ours.get(app) or 'no migration'}"
            for app in sorted(set(ours) | set(theirs))
            if ours.get(app) != theirs.get(app)
        ]
        if differences:
            raise CommandError(
                "The backup's migrations differ from this database's, so its data would not "
                "fit:\n  "
                + "\n  ".join(differences)
                + "\nRestore with the release of the application that made the backup, then "
                "upgrade it and migrate as usual."
            )

    def check_database_empty(self, using):
        occupied = []
        for model in backed_up_models(using):
            count = model._base_manager.using(using).count()
            if count:
                occupied.append(f"{count} {model._meta.verbose_name_plural} ({model._meta.label})")
        if occupied:
            raise CommandError(
                "Restore only fills an empty database, and this one holds rows: "
                + ", ".join(occupied)
                + ". Nothing was restored. A new database holds the rows its migrations seed: "
                "if, and only if, this is such a new database, empty it with "
                "`python manage.py flush --no-input` and restore again."
            )

    def check_targets(self, files):
        """Where each file goes; no file may escape its folder, pass through a link or be
        overwritten."""
        targets, existing = [], []
        for _member, name, parts in files:
            root = folder(name)
            target = root.joinpath(*parts)
            if not os.path.normpath(target).startswith(str(root) + os.sep):
                raise CommandError(f"Refusing {'/'.join([name, *parts])!r}: it escapes {root}.")
            for parent in [target, *target.parents]:
                if parent == root:
                    break
                if parent.is_symlink():
                    raise CommandError(
                        f"Refusing to write {target}: {parent} is a link. Nothing was restored."
                    )
            if target.exists() or target.is_symlink():
                existing.append(str(target))
            targets.append(target)
        if existing:
            listed = ", ".join(existing[:5]) + (", ..." if len(existing) > 5 else "")
            raise CommandError(
                f"{len(existing)} file(s) of the archive already exist and would be overwritten: "
                f"{listed}. Restore only into empty folders. Nothing was restored."
            )
        return targets

    # Writing.

    def restore(self, archive, using, database_member, files, targets, manifest):
        written = []
        try:
            with tempfile.TemporaryDirectory(prefix="wpm-restore-") as scratch:
                dump = Path(scratch) / DATABASE
                with open(dump, "wb") as out:
                    shutil.copyfileobj(archive.extractfile(database_member), out)
                with transaction.atomic(using=using), PageVersion.once(using):
                    call_command("loaddata", str(dump), database=using, verbosity=0)
                    self.check_counts(using, manifest)
                    data_restored.send(
                        sender=self.__class__, using=using, vendor=manifest.get("database_vendor")
                    )
                    for (member, _name, _parts), target in zip(files, targets, strict=True):
                        self.write_file(archive, member, target, written)
        except BaseException as error:
            for path in reversed(written):
                path.unlink(missing_ok=True)
            if isinstance(error, CommandError) or not isinstance(error, Exception):
                raise
            raise CommandError(
                f"The restore failed and was undone; the database is empty again: {error}"
            ) from error
        return written

    def check_counts(self, using, manifest):
        restored, expected = row_counts(using), manifest["counts"]
        wrong = [
            f"{label}: {restored.get(label, 0)} instead of {count}"
            for label, count in sorted(expected.items())
            if restored.get(label, 0) != count
        ] + [
            f"{label}: {count} unexpected"
            for label, count in restored.items()
            if count and label not in expected
        ]
        if wrong:
            raise CommandError(
                "The restored rows do not match the manifest: " + "; ".join(wrong) + "."
            )

    @staticmethod
    def write_file(archive, member, target, written):
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(target, flags, 0o666)
        written.append(target)
        with os.fdopen(descriptor, "wb") as out:
            shutil.copyfileobj(archive.extractfile(member), out)
        # As the storage would have stored it.
        if settings.FILE_UPLOAD_PERMISSIONS is not None:
            os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS)
        os.utime(target, (member.mtime, member.mtime))
