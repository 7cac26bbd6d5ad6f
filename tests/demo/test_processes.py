from io import StringIO

import pytest
from django.core.management import call_command

from mediators.models import Mediator
from processes.models import (
    Agreement,
    ConflictLevel,
    ConflictType,
    Engagement,
    Process,
    ProcessCountry,
    ProcessLink,
    Stage,
)
from processes.record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    ProcessInstrument,
    ProcessParty,
    Source,
)
from wpm.choices import Track
from wpm.geography import REGIONS

pytestmark = pytest.mark.django_db

CHILDREN = [
    ProcessCountry,
    ProcessLink,
    ProcessParty,
    ProcessInstrument,
    Source,
    Agreement,
    Milestone,
    ParticipationFigure,
    Engagement,
]


def values(queryset, field):
    return set(queryset.values_list(field, flat=True))


def test_seed_demo_creates_varied_interlinked_fictional_processes_once():
    call_command("seed_demo", "--mediators", "40", "--processes", "24", stdout=StringIO())
    processes = Process.objects.all()
    assert processes.count() == 24
    assert all(slug.startswith("demo-") for slug in values(processes, "slug"))
    assert all(name.startswith("Demo: ") for name in values(processes, "name"))
    assert all("Fictional demo data" in summary for summary in values(processes, "summary"))

    assert values(processes, "track") == set(Track.values)
    assert values(processes, "conflict_level") == set(ConflictLevel.values)
    assert values(processes, "conflict_type") == set(ConflictType.values)
    assert values(processes, "stage") == set(Stage.values)
    assert values(ProcessCountry.objects, "region") == set(REGIONS)
    assert values(ProcessInstrument.objects, "instrument") == values(Instrument.objects, "pk")
    assert 0.75 <= processes.public().count() / 24 < 1
    assert processes.filter(end_year__isnull=False).exists()
    assert not processes.filter(start_year__isnull=True).exists()
    for process in processes.exclude(start_date=None):
        assert process.start_year == process.start_date.year

    # Every negotiation has dialogues on other tracks linked to it, in every kind of link.
    assert values(ProcessLink.objects, "kind") == set(ProcessLink.Kind.values)
    for link in ProcessLink.objects.exclude(kind=ProcessLink.Kind.SUCCEEDS):
        assert link.target.track == Track.TRACK_1 and link.source.track != Track.TRACK_1
    assert values(ProcessParty.objects, "role") >= {"conflict-party", "mediator", "facilitator"}
    assert ProcessParty.objects.filter(role="observer").exists()
    assert Agreement.objects.filter(gender_provisions=True).exists()
    figures = ParticipationFigure.objects.all()
    assert values(figures, "role") == set(ParticipationFigure.Role.values)
    assert figures.filter(agreement__isnull=False).exists()
    assert len({figure.as_of.year for figure in figures}) > 10
    assert Source.objects.filter(url__startswith="https://example.org/").exists()

    # Engagements in every confidentiality and role, named ones of mediators in every visibility.
    engagements = Engagement.objects.all()
    assert values(engagements, "confidentiality") == set(Engagement.Confidentiality.values)
    assert values(engagements, "role") == set(Engagement.Role.values)
    named = engagements.filter(confidentiality=Engagement.Confidentiality.NAMED)
    assert values(named, "mediator__visibility") == set(Mediator.Visibility.values)
    assert not engagements.exclude(mediator__in=Mediator.objects.listed()).exists()

    counts = {model: model.objects.count() for model in CHILDREN}
    out = StringIO()
    call_command("seed_demo", "--mediators", "40", "--processes", "24", stdout=out)
    assert "0 demo processes created" in out.getvalue()
    assert Process.objects.count() == 24
    assert {model: model.objects.count() for model in CHILDREN} == counts
