from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from processes import pax


class Command(BaseCommand):
    help = (
        "Import peace processes and agreements from the PA-X Peace Agreements Database (CSV). "
        "Safe to run again: unchanged records are not written, and staff edits are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The PA-X CSV file (default: settings.PAX_CSV_PATH, set by WPM_PAX_CSV).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also overwrite the fields staff have edited, and forget those edits.",
        )

    def handle(self, *args, path=None, overwrite=False, verbosity=1, **options):
        path = path or settings.PAX_CSV_PATH
        self.verbosity = verbosity
        self.stdout.write(f"Importing {path}")
        try:
            summary = pax.import_file(path, overwrite=overwrite, progress=self.progress)
        except pax.PaxFileError as error:
            raise CommandError(f"Nothing was imported from {path}: {error}") from error
        release = f"version {summary.version}" if summary.version else "version not stated"
        layout = f"the columns of version {summary.layout}" if summary.layout else "other columns"
        until = f", data to {summary.data_until:%Y-%m-%d}" if summary.data_until else ""
        self.stdout.write(f"PA-X {release} ({layout}{until}).")
        for skipped in summary.skipped:
            self.stdout.write(self.style.WARNING(f"Skipped {skipped}"))
        if summary.damaged:
            self.stdout.write(
                self.style.WARNING(
                    f"Cells a spreadsheet export broke, left out: {len(summary.damaged)}."
                )
            )
            for damaged in summary.damaged:
                self.stdout.write(self.style.WARNING(f"  {damaged}"))
        self.stdout.write(f"Processes: {summary.processes}.")
        self.stdout.write(f"Agreements: {summary.agreements}.")
        style = self.style.WARNING if summary.skipped else self.style.SUCCESS
        self.stdout.write(style(f"Rows skipped: {len(summary.skipped)}."))

    def progress(self, done, total):
        if self.verbosity >= 1:
            self.stdout.write(f"  {done}/{total} rows")
