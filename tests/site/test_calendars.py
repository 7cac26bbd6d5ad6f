"""How events are followed: calendar files of upcoming events and of each event."""

import datetime

import icalendar
import pytest

pytestmark = pytest.mark.django_db


def test_upcoming_calendar_lists_published_upcoming_events(client, events):
    response = client.get("/en/events/upcoming.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".ics" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    vevents = calendar.walk("VEVENT")
    assert [str(v["SUMMARY"]) for v in vevents] == ["Highlands dialogue", "Online training"]
    first, online = vevents
    upcoming = events["upcoming"]
    assert str(first["UID"]) == f"event-{upcoming.pk}@wpm"
    assert first["DTSTAMP"].dt.tzinfo is not None
    assert first.decoded("DTSTART") == upcoming.starts_at
    assert first.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert first.decoded("DTEND") == upcoming.ends_at
    assert "DTSTART:" in response.content.decode() and "Z\r\n" in response.content.decode()
    assert str(first["LOCATION"]) == "Nairobi"
    assert str(online["LOCATION"]) == "Online"
    assert str(first["URL"]) == "http://testserver/en/events/highlands-dialogue/"
    description = str(first["DESCRIPTION"])
    assert description == "A dialogue on ceasefires."
    assert "https://example.org/register" in str(online["DESCRIPTION"])
    text = response.content.decode()
    assert "secret-draft-event" not in text and "Secret draft event" not in text
    assert "Past conference" not in text


def test_german_calendar_links_the_german_pages(client, events):
    calendar = icalendar.Calendar.from_ical(client.get("/de/events/upcoming.ics").content)
    urls = [str(v["URL"]) for v in calendar.walk("VEVENT")]
    assert urls[0] == "http://testserver/de/events/highlands-dialogue/"


def test_one_event_calendar(client, events):
    response = client.get("/en/events/highlands-dialogue/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="highlands-dialogue.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Highlands dialogue"
    assert str(vevent["UID"]) == f"event-{events['upcoming'].pk}@wpm"


def test_a_past_event_still_has_its_calendar_file(client, events):
    response = client.get("/en/events/past-conference/event.ics")
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Oslo"


def test_a_draft_events_calendar_file_is_for_staff_only(
    client, member_client, staff_client, events
):
    url = "/en/events/secret-draft-event/event.ics"
    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Secret draft event"


def test_staff_calendar_of_upcoming_events_still_has_no_drafts(staff_client, events):
    text = staff_client.get("/en/events/upcoming.ics").content.decode()
    assert "Secret draft event" not in text


def test_an_event_with_no_length_has_no_end_before_or_at_its_start(client):
    """A deadline ends as it starts; RFC 5545 wants an end after the start, or none (the event
    then ends at its start). Calendar programs refused the file."""
    from django.utils import timezone

    from tests.factories import EventFactory

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    EventFactory(slug="deadline", starts_at=start, ends_at=start)
    calendar = icalendar.Calendar.from_ical(client.get("/en/events/deadline/event.ics").content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == start
    assert "DTEND" not in vevent
