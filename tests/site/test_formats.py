"""Shares and time zones as each language writes them, on the pages that show them."""

import datetime

import pytest

from processes.record import ParticipationFigure
from tests.factories import EventFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def test_a_share_reads_26_percent_in_english_and_26_nbsp_percent_in_german(client):
    process = ProcessFactory(slug="shared")
    ParticipationFigure.objects.create(
        process=process,
        role="signatories",
        total=50,
        women=13,
        source="PA-X",
        as_of=datetime.date(2020, 1, 1),
    )
    assert "<td>26%</td>" in client.get("/en/processes/shared/").content.decode()
    assert "<td>26\N{NO-BREAK SPACE}%</td>" in client.get("/de/processes/shared/").content.decode()


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "Kenya Time"), ("de", "Kenia (Ortszeit)")],
)
def test_an_event_s_time_zone_is_named_not_coded(client, language, shown):
    event = EventFactory(slug="nairobi-training", time_zone="Africa/Nairobi")
    for address in (f"/{language}/events/{event.slug}/", f"/{language}/events/"):
        page = client.get(address).content.decode()
        assert f"({shown})" in page, address
        assert "Africa/Nairobi" not in page, address
