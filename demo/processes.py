"""Fictional peace processes for development and demonstrations: writing them.

What each process is comes from process_plans, the conflicts they are about from conflicts. Here
the missing ones are created in batches, each in one transaction with all its rows and their
history, and the parties they share once for all.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from processes.models import Agreement, Engagement, Process, ProcessCountry, ProcessLink
from processes.record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    ProcessInstrument,
    ProcessParty,
    Source,
)
from wpm.seed import missing

from .conflicts import PARTIES
from .ensure import batches, bulk_insert, check_count, derived_regions
from .process_plans import MAX_COUNT, SLUG, Pool, invent

BATCH = 500
CHANGE_REASON = "Demo data (seed_demo)"

SUMMARY = [
    (ProcessCountry, "country rows"),
    (ProcessLink, "links"),
    (Party, "new parties"),
    (ProcessParty, "party roles"),
    (ProcessInstrument, "instrument uses"),
    (Source, "sources"),
    (Agreement, "agreements"),
    (Milestone, "milestones"),
    (ParticipationFigure, "participation figures"),
    (Engagement, "engagements"),
]


@dataclass
class Tally:
    """The rows created, by model, for the summary line."""

    counts: dict = field(default_factory=dict)

    def add(self, model, rows):
        self.counts[model] = self.counts.get(model, 0) + len(rows)

    def __getitem__(self, model):
        return self.counts.get(model, 0)


def seed_processes(count, stdout):
    """Make sure demo processes 1 to count exist; create only the missing ones. Returns how many."""
    check_count(count, MAX_COUNT)
    today = timezone.localdate()
    instruments = list(Instrument.objects.order_by("position", "pk"))
    pool = Pool.load()
    if count and not pool.everyone:
        stdout.write("  No listed demo mediators: the processes get no engagements.")
    tally = Tally()
    parties = _ensure_parties(tally) if count else {}
    # Names and summaries use track labels in English whatever the active language.
    with translation.override("en"):
        for indices in batches(count, BATCH):
            _create_batch(indices, instruments, pool, parties, today, tally)
            stdout.write(
                f"  Demo processes: {indices[-1]} of {count} checked, {tally[Process]} created"
            )
    created = tally[Process]
    stdout.write(f"{created} demo processes created, {count - created} were already there.")
    if created or tally[Party]:
        rows = ", ".join(f"{tally[model]} {label}" for model, label in SUMMARY)
        stdout.write(f"  With {rows}.")
    return created


def _ensure_parties(tally):
    """The invented parties, created once and shared by every demo process; name to pk."""
    wanted = {name: Party(name=name, kind=kind) for name, kind in PARTIES}
    for rows in bulk_insert(missing(Party, "name", wanted)):
        tally.add(Party, rows)
    return dict(Party.objects.filter(name__in=wanted).values_list("name", "pk"))


def _create_batch(indices, instruments, pool, parties, today, tally):
    """Create the missing processes among indices and all their rows, in one transaction."""
    wanted = {SLUG.format(index): index for index in indices}
    plans = [invent(index, instruments, pool, today) for index in missing(Process, "slug", wanted)]
    if not plans:
        return
    with transaction.atomic():
        now = timezone.now()  # bulk_create skips save(), which dates a publication
        processes = bulk_create_with_history(
            [
                Process(
                    **plan.fields,
                    published_at=now if plan.fields["status"] == Process.Status.PUBLISHED else None,
                ).render_description()
                for plan in plans
            ],
            Process,
            batch_size=BATCH,
            default_change_reason=CHANGE_REASON,
        )
        tally.add(Process, processes)
        pairs = list(zip(processes, plans, strict=True))
        _create_links(pairs, tally)
        _create_children(pairs, parties, tally)


def _create_links(pairs, tally):
    """Links point to lower indices: created in this batch, an earlier one or an earlier run."""
    pks = {plan.index: process.pk for process, plan in pairs}
    wanted = {SLUG.format(target) for _, plan in pairs for target, _ in plan.links}
    wanted -= {plan.slug for _, plan in pairs}
    for slug, pk in Process.objects.filter(slug__in=wanted).values_list("slug", "pk"):
        pks[int(slug.removeprefix("demo-"))] = pk
    links = [
        ProcessLink(source=process, target_id=pks[target], kind=kind)
        for process, plan in pairs
        for target, kind in plan.links
        if target in pks  # a demo process deleted since stays deleted
    ]
    ProcessLink.objects.bulk_create(links)
    tally.add(ProcessLink, links)


def _create_children(pairs, parties, tally):
    countries, roles, uses, sources, milestones, figures, engagements = [], [], [], [], [], [], []
    agreements, agreement_figures = [], []
    for process, plan in pairs:
        countries += [
            ProcessCountry(process=process, country=code, **derived_regions(code))
            for code in plan.countries
        ]
        roles += [
            ProcessParty(process=process, party_id=parties[name], role=role)
            for name, role in plan.parties
        ]
        uses += [
            ProcessInstrument(process=process, instrument=instrument, provider=provider)
            for instrument, provider in plan.instruments
        ]
        sources += [Source(process=process, **source) for source in plan.sources]
        milestones += [Milestone(process=process, **milestone) for milestone in plan.milestones]
        figures += [ParticipationFigure(process=process, **figure) for figure in plan.figures]
        engagements += [Engagement(process=process, **row) for row in plan.engagements]
        for fields, counts in plan.agreements:
            agreements.append(Agreement(process=process, **fields))
            agreement_figures.append(counts)
    for rows in bulk_insert(countries, roles, uses, sources, milestones):
        tally.add(type(rows[0]), rows)
    for model, rows in ((Agreement, agreements), (Engagement, engagements)):
        if rows:
            bulk_create_with_history(rows, model, default_change_reason=CHANGE_REASON)
            tally.add(model, rows)
    figures += [
        ParticipationFigure(agreement=agreement, **figure)
        for agreement, counts in zip(agreements, agreement_figures, strict=True)
        for figure in counts
    ]
    for rows in bulk_insert(figures):
        tally.add(ParticipationFigure, rows)
