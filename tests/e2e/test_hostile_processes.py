"""Hostile input in processes and the catalogue never runs (see hostile.py)."""

import datetime
from urllib.parse import urlencode

import pytest

from processes.models import DESCRIPTION_TAGS, Agreement, Engagement, Process, ProcessLink
from processes.record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    ProcessInstrument,
    ProcessParty,
    Source,
)
from tests.e2e.hostile import (
    markdown_values,
    packed,
    public_mediator,
    search_hostile,
    spread,
    url_values,
)
from tests.factories import ProcessFactory, add_country

pytestmark = pytest.mark.django_db(transaction=True)


def test_processes_and_catalogue(visitor):
    names = packed(200)  # name max_length=200
    summaries = packed(400)  # summary max_length=400
    descriptions = markdown_values(frozenset(DESCRIPTION_TAGS))  # no max_length
    count = max(len(names), len(summaries), len(descriptions))
    engaged = public_mediator(0, display_name="Engaged Mediator")
    instrument = Instrument.objects.first()
    processes = []
    for number in range(count):
        description = spread(descriptions, number, None)
        process = ProcessFactory(
            name=spread(names, number, f"Plain process {number}"),
            slug=f"hostile-{number}",
            summary=spread(summaries, number),
            description=description.text if description else "",
            track="1" if number % 2 else "2",
            start_year=2015,
        )
        process.markers = description.markers if description else ()
        add_country(process, "SD")
        if processes:
            ProcessLink.objects.create(source=process, target=processes[-1], kind="accompanies")
        processes.append(process)

    def owner(number):
        return processes[number % len(processes)]

    for number, name in enumerate(packed(200)):  # Party name max_length=200
        party = Party.objects.create(name=name, kind="armed-group")
        ProcessParty.objects.create(process=owner(number), party=party, role="conflict-party")
    for number, provider in enumerate(packed(200)):  # provider max_length=200
        ProcessInstrument.objects.create(
            process=owner(number), instrument=instrument, provider=provider
        )
    links = url_values(Agreement, "source_url")  # max_length=500, URL validators
    agreement_names = packed(600)  # max_length=600
    for number in range(max(len(agreement_names), len(links))):
        agreement = Agreement.objects.create(
            process=owner(number),
            name=spread(agreement_names, number, "Ceasefire"),
            date=datetime.date(2016, 3, 1),
            source_url=spread(links, number),
        )
        ParticipationFigure.objects.create(
            agreement=agreement,
            role="signatories",
            total=8,
            women=2,
            source=spread(packed(300), number, "PADD"),  # max_length=300
            as_of=datetime.date(2016, 3, 1),
        )
    titles, notes = packed(200), packed(2000)  # Milestone title 200, description 2000
    for number in range(max(len(titles), len(notes))):
        Milestone.objects.create(
            process=owner(number),
            date=datetime.date(2015, 1, 1),
            title=spread(titles, number, "Talks open"),
            description=spread(notes, number),
        )
    links, titles = url_values(Source, "url"), packed(300)  # url 500 validated, title 300
    for number in range(max(len(links), len(titles))):
        Source.objects.create(
            process=owner(number),
            title=spread(titles, number, "Report"),
            url=spread(links, number),
        )
    # Engagement descriptions (max_length=2000) are stored but no public page renders them.
    for number, note in enumerate(packed(2000)):
        Engagement.objects.create(
            mediator=engaged,
            process=owner(number),
            role="adviser",
            confidentiality="named",
            description=note,
        )

    for process in Process.objects.prefetch_related(
        "party_roles__party",
        "instrument_uses",
        "agreements__figures",
        "milestones",
        "sources",
        "links_in__source",
        "links_out__target",
    ):
        stored = [
            process.name,
            process.summary,
            process.description,
            *(row.party.name for row in process.party_roles.all()),
            *(row.provider for row in process.instrument_uses.all()),
            *(row.name for row in process.agreements.all()),
            *(row.title for row in process.milestones.all()),
            *(row.description for row in process.milestones.all()),
            *(row.title for row in process.sources.all()),
            *(row.source.name for row in process.links_in.all()),
            *(row.target.name for row in process.links_out.all()),
        ]
        markers = next(p.markers for p in processes if p.pk == process.pk)
        visitor.visit(process.get_absolute_url(), markers=markers, stored=stored)
    visitor.visit_list(
        [f"/en/processes/?page={page}" for page in range(1, len(processes) // 24 + 2)],
        stored=[p.name for p in processes],
    )
    # The agreements as data: their list, filtered by words, and each one's page.
    visible = Agreement.objects.visible_to(None).select_related("process")
    agreements = list(visible.order_by("-date", "name", "pk"))
    visitor.visit_list(
        [
            f"/en/processes/agreements/?page={page}"
            for page in range(1, -(-len(agreements) // 50) + 1)
        ],
        stored=[row.name for row in agreements],
    )
    for agreement in agreements[:12]:
        visitor.visit(agreement.get_absolute_url(), stored=[agreement.name, agreement.process.name])
    for query in packed(200)[:4]:
        visitor.visit("/en/processes/agreements/?" + urlencode({"q": query}), stored=[query])
    # The instruments' glossary, whose names and descriptions staff write.
    texts = packed(600)
    for instrument, text in zip(Instrument.objects.all(), texts, strict=False):
        instrument.description_en = text
        instrument.save()
    visitor.visit("/en/processes/instruments/", stored=texts[: Instrument.objects.count()])
    # The profile of the engaged mediator lists her processes by name.
    named = Process.objects.filter(engagements__mediator=engaged).distinct()
    visitor.visit(engaged.get_absolute_url(), stored=[p.name for p in named])
    search_hostile(visitor)
    visitor.assert_safe()
