"""Import of the PA-X Peace Agreements Database: a process per PA-X process, an agreement per row.

PA-X (Bell & Badanjak 2019) records official agreements, so every process it brings is on Track 1.
Records are matched by their PA-X ids. A field whose name is in a record's ``edited_fields`` was
changed by staff and keeps the staff value, unless the import is told to overwrite it.
"""

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django_countries import countries

from wpm.choices import Track
from wpm.models import PageVersion

from .models import Agreement, ConflictLevel, ConflictType, Process, ProcessCountry, Stage
from .record import Source

SOURCE_TITLE = "PA-X Peace Agreements Database v9 (Bell & Badanjak 2019)"
SOURCE_URL = "https://www.peaceagreements.org/"
AGREEMENT_URL = "https://www.peaceagreements.org/agreements/{}/"
PROGRESS_EVERY = 250
# The largest value a PositiveIntegerField holds on every database we support.
MAX_ID = 2_147_483_647

LEVELS = {
    "Inter": ConflictLevel.INTER,
    "Intra": ConflictLevel.INTRA,
    "InterIntra": ConflictLevel.INTER_INTRA,
    "IntraLocal": ConflictLevel.LOCAL,
}
TYPES = {
    "Government": ConflictType.GOVERNMENT,
    "Territory": ConflictType.TERRITORY,
    "Government/territory": ConflictType.BOTH,
    "Inter-group": ConflictType.INTER_GROUP,
    "Other": ConflictType.OTHER,
}
STAGES = {
    "Pre": Stage.PRE_NEGOTIATION,
    "Cea": Stage.CEASEFIRE,
    "SubPar": Stage.FRAMEWORK,
    "SubComp": Stage.COMPREHENSIVE,
    "Imp": Stage.IMPLEMENTATION,
    "Ren": Stage.RENEWAL,
    "Oth": Stage.OTHER,
}


class PaxFileError(Exception):
    """The file as a whole cannot be read, so nothing is imported."""


class RowError(ValueError):
    """A row cannot be read; the message says why."""


# Reading the file.


def _pax_id(value):
    """PA-X ids are positive whole numbers."""
    if not value:
        raise ValueError("missing")
    if not (value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID):
        raise ValueError(f"{value!r} is not a PA-X id (a whole number)")
    return int(value)


def _date(value):
    """PA-X writes dates as dd/mm/yyyy."""
    if not value:
        raise ValueError("missing")
    parts = value.split("/")
    try:
        if len(parts) != 3 or not all(part.isascii() and part.isdigit() for part in parts):
            raise ValueError
        day, month, year = map(int, parts)
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a date in dd/mm/yyyy form") from None


def _code(mapping):
    """A reader of a coded column: every code must be one the codebook defines."""

    def parse(value):
        if not value:
            raise ValueError("missing")
        if value not in mapping:
            raise ValueError(f"unknown code {value!r}")
        return mapping[value]

    return parse


def _text(model, name, required=True):
    """A reader of a text column that must fit the model field it goes into."""
    limit = model._meta.get_field(name).max_length

    def parse(value):
        if required and not value:
            raise ValueError("missing")
        if len(value) > limit:
            raise ValueError(f"longer than {limit} characters")
        return value

    return parse


# The columns whose values must be valid for a row to be imported, and how each is read.
PARSERS = {
    "AgtId": _pax_id,
    "PP": _pax_id,
    "PPName": _text(Process, "name"),
    "Agt": _text(Agreement, "name"),
    "Dat": _date,
    "Agtp": _code(LEVELS),
    "Contp": _code(TYPES),
    "Stage": _code(STAGES),
    "Reg": _text(Agreement, "pax_region", required=False),
}
REQUIRED_COLUMNS = (*PARSERS, "GeWom", "Loc1ISO", "Loc2ISO", "UcdpCon")


@dataclass(frozen=True)
class Row:
    """One agreement as PA-X records it."""

    line: int
    agreement_id: int
    process_id: int
    process_name: str
    name: str
    date: date
    stage: str
    conflict_level: str
    conflict_type: str
    region: str
    gender_provisions: bool
    country_codes: frozenset
    ucdp_ids: tuple


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}"


def _country_codes(record):
    """ISO alpha-2 codes of the locations; codes django-countries does not know are left out."""
    codes = (countries.alpha2(record[column].strip()) for column in ("Loc1ISO", "Loc2ISO"))
    return frozenset(code for code in codes if code)


def parse_row(line, record):
    """The agreement a CSV record describes, or RowError naming every value that cannot be read."""
    columns = sum(1 for key in record if key is not None)
    values = sum(1 for key, value in record.items() if key is not None and value is not None)
    values += len(record.get(None, ()))
    if values != columns:
        raise RowError(f"has {values} values where the header has {columns} columns")
    parsed, problems = {}, []
    for column, parse in PARSERS.items():
        try:
            parsed[column] = parse(record[column].strip())
        except ValueError as error:
            problems.append(f"{column}: {error}")
    if problems:
        raise RowError("; ".join(problems))
    return Row(
        line=line,
        agreement_id=parsed["AgtId"],
        process_id=parsed["PP"],
        process_name=parsed["PPName"],
        name=parsed["Agt"],
        date=parsed["Dat"],
        stage=parsed["Stage"],
        conflict_level=parsed["Agtp"],
        conflict_type=parsed["Contp"],
        region=parsed["Reg"],
        gender_provisions=record["GeWom"].strip() == "1",
        country_codes=_country_codes(record),
        # PA-X writes "NA" where no UCDP conflict applies.
        ucdp_ids=tuple(re.findall(r"\d+", record["UcdpCon"])),
    )


def _records(reader):
    """Each record with the line it starts on: quoted fields may run over several lines."""
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        yield line, record


def _read(reader):
    if not reader.fieldnames:
        raise PaxFileError("the file is empty")
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        raise PaxFileError(f"missing column(s): {', '.join(missing)}")
    rows, skipped, first_lines = [], [], {}
    for line, record in _records(reader):
        try:
            row = parse_row(line, record)
        except RowError as error:
            skipped.append(Skipped(line, str(error)))
            continue
        if row.agreement_id in first_lines:
            first = first_lines[row.agreement_id]
            skipped.append(Skipped(line, f"AgtId {row.agreement_id} repeats line {first}"))
            continue
        first_lines[row.agreement_id] = line
        rows.append(row)
    return rows, skipped


def read_file(path):
    """The rows of a PA-X CSV file and the rows skipped; PaxFileError if the file is unusable."""
    try:
        # utf-8-sig also reads UTF-8 with the byte-order mark spreadsheet programs write.
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            try:
                return _read(reader)
            except csv.Error as error:
                message = f"not a readable CSV file (line {reader.line_num}): {error}"
                raise PaxFileError(message) from error
    except OSError as error:
        raise PaxFileError(f"cannot open {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise PaxFileError(f"not UTF-8 text: {error.reason}") from error


# Writing the records.


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created, changed):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Summary:
    processes: Counts = field(default_factory=Counts)
    agreements: Counts = field(default_factory=Counts)
    skipped: list = field(default_factory=list)


def may_write(record, name, overwrite):
    """Staff edits win over the import, unless it overwrites them (which forgets the edit)."""
    if name not in record.edited_fields:
        return True
    if overwrite:
        record.edited_fields = [edited for edited in record.edited_fields if edited != name]
    return overwrite


def apply(record, values, overwrite):
    """Set the imported values the import may write on a record; whether any value changed."""
    changed = False
    for name, value in values.items():
        attname = record._meta.get_field(name).attname
        if may_write(record, name, overwrite) and getattr(record, attname) != value:
            setattr(record, attname, value)
            changed = True
    return changed


def _most_common(values):
    """The most frequent value; a tie goes to the latest one, as values come in date order."""
    values = list(values)
    counts = Counter(values)
    last_seen = {value: index for index, value in enumerate(values)}
    return max(counts, key=lambda value: (counts[value], last_seen[value]))


def process_values(rows):
    """What PA-X says of a process, derived from its agreements."""
    rows = sorted(rows, key=lambda row: (row.date, row.agreement_id))
    ucdp_ids = {ucdp_id for row in rows for ucdp_id in row.ucdp_ids}
    return {
        "name": _most_common(row.process_name for row in rows),
        "track": Track.TRACK_1,
        "status": Process.Status.PUBLISHED,
        "conflict_level": _most_common(row.conflict_level for row in rows),
        "conflict_type": _most_common(row.conflict_type for row in rows),
        "stage": rows[-1].stage,
        "start_date": rows[0].date,
        "start_year": rows[0].date.year,
        "ucdp_ids": ", ".join(sorted(ucdp_ids, key=int)),
    }


def agreement_values(row, process):
    """What PA-X says of an agreement."""
    return {
        "process": process.pk,
        "name": row.name,
        "date": row.date,
        "stage": row.stage,
        "conflict_level": row.conflict_level,
        "pax_region": row.region,
        "gender_provisions": row.gender_provisions,
        "source_url": AGREEMENT_URL.format(row.agreement_id),
    }


class Slugs:
    """The slugs in use, so that each new process gets a free one."""

    def __init__(self):
        self.taken = set(Process.objects.values_list("slug", flat=True))

    def new(self, name, pax_id):
        base = slugify(name)[:200].strip("-") or f"pax-{pax_id}"
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


class PaxImport:
    """One import run: creates what is new, updates what changed and does not write the rest."""

    def __init__(self, overwrite=False, progress=None):
        self.overwrite = overwrite
        self.progress = progress or (lambda done, total: None)
        self.summary = Summary()

    def run(self, rows):
        """Import the rows all or nothing: a failure half-way leaves the database as it was.
        Cached pages are forgotten once, for all the rows written, the bulk ones included."""
        with transaction.atomic(), PageVersion.once():
            processes = self.import_processes(rows)
            self.import_agreements(rows, processes)
        return self.summary

    def import_processes(self, rows):
        """The processes of the rows by PA-X id, each created or brought up to date."""
        by_process = defaultdict(list)
        for row in rows:
            by_process[row.process_id].append(row)
        existing = Process.objects.in_bulk(list(by_process), field_name="pax_id")
        self.load_related(existing.values())
        self.slugs = Slugs()
        return {
            pax_id: self.import_process(existing.get(pax_id), pax_id, process_rows)
            for pax_id, process_rows in by_process.items()
        }

    def load_related(self, processes):
        """The countries and PA-X sources of the known processes, in two queries."""
        self.countries = defaultdict(dict)
        rows = ProcessCountry.objects.filter(process__in=processes)
        for pk, process_id, code in rows.values_list("pk", "process_id", "country"):
            self.countries[process_id][code] = pk
        sources = Source.objects.filter(process__in=processes, url=SOURCE_URL)
        self.sourced = set(sources.values_list("process_id", flat=True))

    def import_process(self, process, pax_id, rows):
        """Create or update one process, with its countries and its PA-X source."""
        values = process_values(rows)
        created = process is None
        if created:
            # The address is chosen once: a later change of name must not break links to it.
            process = Process(pax_id=pax_id, slug=self.slugs.new(values["name"], pax_id))
        marks = list(process.edited_fields)
        changed = apply(process, values, self.overwrite)
        write_countries = may_write(process, "countries", self.overwrite)
        write_sources = may_write(process, "sources", self.overwrite)
        changed = changed or process.edited_fields != marks
        if created or changed:
            process.save()
        codes = frozenset().union(*(row.country_codes for row in rows))
        if write_countries and self.sync_countries(process, codes):
            changed = True
        if write_sources and self.ensure_source(process):
            changed = True
        self.summary.processes.add(created, changed)
        return process

    def sync_countries(self, process, codes):
        """Make the process's countries those of its agreements; whether any changed."""
        current = self.countries.get(process.pk, {})
        stale = [pk for code, pk in current.items() if code not in codes]
        if stale:
            ProcessCountry.objects.filter(pk__in=stale).delete()
        new = sorted(codes - current.keys())
        for code in new:
            # One by one, as save() derives the M49 regions.
            ProcessCountry(process=process, country=code).save()
        return bool(stale or new)

    def ensure_source(self, process):
        """Cite PA-X on the process; a staff retitling is kept, as the link identifies it."""
        if process.pk in self.sourced:
            return False
        Source.objects.create(process=process, title=SOURCE_TITLE, url=SOURCE_URL)
        return True

    def import_agreements(self, rows, processes):
        """Create or update an agreement per row, reporting progress as it goes."""
        existing = Agreement.objects.in_bulk(
            [row.agreement_id for row in rows], field_name="pax_id"
        )
        for done, row in enumerate(rows, start=1):
            self.import_agreement(existing.get(row.agreement_id), row, processes[row.process_id])
            if done % PROGRESS_EVERY == 0 or done == len(rows):
                self.progress(done, len(rows))

    def import_agreement(self, agreement, row, process):
        """Create or update one agreement; an unchanged one is not written."""
        created = agreement is None
        if created:
            agreement = Agreement(pax_id=row.agreement_id)
        marks = list(agreement.edited_fields)
        changed = apply(agreement, agreement_values(row, process), self.overwrite)
        changed = changed or agreement.edited_fields != marks
        if created or changed:
            agreement.save()
        self.summary.agreements.add(created, changed)


def import_file(path, overwrite=False, progress=None):
    """Read a PA-X file and import every readable row, all or nothing."""
    rows, skipped = read_file(path)
    summary = PaxImport(overwrite=overwrite, progress=progress).run(rows)
    summary.skipped = skipped
    return summary
