"""Import of the PA-X Peace Agreements Database: a process per PA-X process, an agreement per row.

PA-X (Bell & Badanjak 2019) records official agreements, so every process it brings is on Track 1.
Records are matched by their PA-X ids. A field whose name is in a record's ``edited_fields`` was
changed by staff and keeps the staff value, unless the import is told to overwrite it.

Versions 9 and 10 of the full coded file are read alike. The release is the highest ``Ver`` (the
version each agreement was added in); the layout tells them apart too: version 10 adds ``StDef``,
drops ``Year`` (read from ``Dat`` here in any case), moves ``ImSrc`` and changes what it means (not
imported), and starts with a byte-order mark. Both carry cells a spreadsheet export broke
(``#NAME?`` for text that began with "-", ids in E-notation): they are reported by agreement,
never imported as data.
"""

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from wpm.choices import Track
from wpm.models import PageVersion

from .models import (
    Agreement,
    ConflictLevel,
    ConflictType,
    Dataset,
    Process,
    ProcessCountry,
    Stage,
)
from .record import Source

SOURCE_NAME = "PA-X Peace Agreements Database"
SOURCE_URL = "https://www.peaceagreements.org/"
CITATION = (
    "Bell, C. & Badanjak, S. (2019) “Introducing PA-X: A new peace agreement database and "
    "dataset”, Journal of Peace Research 56(3): 452\N{EN DASH}466; and the PA-X Codebook"
)
# The titles the import gave its source on a process, in any version; a staff title is kept.
SOURCE_TITLES = re.compile(r"PA-X Peace Agreements Database( v\d+)? \(Bell & Badanjak 2019\)")
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

# What a spreadsheet export made of some cells: a formula error for text that began with "-",
# and long ids rounded into E-notation.
FORMULA_ERROR = "#NAME?"
E_NOTATION = re.compile(r"\d+(\.\d+)?[eE][+-]?\d+")
ID_COLUMNS = ("AgtId", "PP", "UcdpCon", "UcdpAgr", "PamAgr", "CowWar")


def source_title(version):
    return (
        f"{SOURCE_NAME} v{version} (Bell & Badanjak 2019)"
        if version
        else (f"{SOURCE_NAME} (Bell & Badanjak 2019)")
    )


def damaged_cells(record):
    """The cells of a record a spreadsheet export broke, as (column, value)."""
    found = []
    for column, value in record.items():
        if column is None or not isinstance(value, str):
            continue
        value = value.strip()
        if value == FORMULA_ERROR or (column in ID_COLUMNS and E_NOTATION.fullmatch(value)):
            found.append((column, value))
    return found


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
    damaged: tuple = ()


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Damaged:
    """A cell a spreadsheet export broke, which the import leaves out."""

    agreement: str
    column: str
    value: str

    def __str__(self):
        return f"AgtId {self.agreement}: {self.column} reads {self.value!r}"


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
    damaged = damaged_cells(record)
    # A broken cell is no value: a required one makes the row unreadable, another is left empty.
    record = record | {column: "" for column, _value in damaged}
    parsed, problems = {}, []
    for column, parse in PARSERS.items():
        try:
            parsed[column] = parse(record[column].strip())
        except ValueError as error:
            broken = dict(damaged).get(column)
            problems.append(
                f"{column}: {error}" + (f" (the export broke it: {broken!r})" if broken else "")
            )
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
        damaged=tuple(damaged),
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


@dataclass
class Reading:
    """What a PA-X file holds: its readable rows, the rows skipped, the cells left out, and
    which release and layout it is."""

    rows: list
    skipped: list
    damaged: list
    version: str
    layout: str

    @property
    def data_until(self):
        return max((row.date for row in self.rows), default=None)


def layout_of(fieldnames):
    """Which version's columns the file has: 10 adds StDef and drops Year."""
    if "StDef" in fieldnames and "Year" not in fieldnames:
        return "10"
    if "Year" in fieldnames and "StDef" not in fieldnames:
        return "9"
    return ""


def _release(versions):
    """The release: the highest version an agreement was added in."""
    numbers = [int(value) for value in versions if value.isascii() and value.isdigit()]
    return str(max(numbers)) if numbers else ""


def _read(reader):
    if not reader.fieldnames:
        raise PaxFileError("the file is empty")
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        raise PaxFileError(f"missing column(s): {', '.join(missing)}")
    rows, skipped, damaged, versions, first_lines = [], [], [], [], {}
    for line, record in _records(reader):
        versions.append((record.get("Ver") or "").strip())
        damaged += [
            Damaged((record.get("AgtId") or "").strip() or f"on line {line}", column, value)
            for column, value in damaged_cells(record)
        ]
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
    layout = layout_of(reader.fieldnames)
    return Reading(rows, skipped, damaged, _release(versions) or layout, layout)


def read_file(path):
    """What a PA-X CSV file holds (Reading); PaxFileError if the file is unusable."""
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
    damaged: list = field(default_factory=list)
    version: str = ""
    layout: str = ""
    data_until: date | None = None


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

    def __init__(self, overwrite=False, progress=None, version=""):
        self.overwrite = overwrite
        self.progress = progress or (lambda done, total: None)
        self.summary = Summary()
        self.source_title = source_title(version)

    def run(self, rows, reading=None):
        """Import the rows all or nothing: a failure half-way leaves the database as it was.
        Cached pages are forgotten once, for all the rows written, the bulk ones included, and
        the release the file is (its Reading) recorded with them."""
        with transaction.atomic(), PageVersion.once():
            processes = self.import_processes(rows)
            self.import_agreements(rows, processes)
            if reading is not None:
                record_release(reading)
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
        self.sourced = {
            process_id: (pk, title)
            for pk, process_id, title in sources.values_list("pk", "process_id", "title")
        }

    def import_process(self, process, pax_id, rows):
        """Create or update one process, with its countries and its PA-X source."""
        values = process_values(rows)
        created = process is None
        if created:
            # The address is chosen once: a later change of name must not break links to it.
            # The import publishes what it creates; whether a process it has is published is
            # staff's to say, whatever the import is told.
            process = Process(
                pax_id=pax_id,
                slug=self.slugs.new(values["name"], pax_id),
                status=Process.Status.PUBLISHED,
            )
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
        """Cite PA-X, in the release imported, on the process; a staff retitling is kept, as
        the link identifies it."""
        if process.pk not in self.sourced:
            Source.objects.create(process=process, title=self.source_title, url=SOURCE_URL)
            return True
        pk, title = self.sourced[process.pk]
        if title == self.source_title or not SOURCE_TITLES.fullmatch(title):
            return False
        Source.objects.filter(pk=pk).update(title=self.source_title)
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
    """Read a PA-X file and import every readable row, all or nothing; the catalogue then
    cites the release it shows."""
    reading = read_file(path)
    summary = PaxImport(overwrite, progress, reading.version).run(reading.rows, reading)
    summary.skipped = reading.skipped
    summary.damaged = reading.damaged
    summary.version, summary.layout = reading.version, reading.layout
    summary.data_until = reading.data_until
    return summary


def record_release(reading):
    """Which PA-X release the catalogue shows now, unless the file held no agreement."""
    if not reading.rows:
        return
    values = {
        "name": SOURCE_NAME,
        "version": reading.version,
        "data_until": reading.data_until,
        "records": len(reading.rows),
        "url": SOURCE_URL,
        "citation": CITATION,
    }
    current = Dataset.pax()
    if current is None or any(getattr(current, name) != value for name, value in values.items()):
        Dataset.objects.update_or_create(
            key=Dataset.PAX, defaults=values | {"imported_at": timezone.now()}
        )
