"""iCalendar files (RFC 5545) of the published events, to add to any calendar application."""

import datetime
import html
import re
from collections.abc import Iterable

import icalendar
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from .markup import render_markdown
from .models import ContentStatus, Event

PRODID = "-//Women in Peace Mediation Network//Events//EN"


def _plain_text(markdown_text: str) -> str:
    """The description as plain text: Markdown rendered and sanitised, then stripped of tags."""
    text = html.unescape(strip_tags(render_markdown(markdown_text)))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _vevent(request: HttpRequest, event: Event, stamp: datetime.datetime) -> icalendar.Event:
    url = request.build_absolute_uri(event.get_absolute_url())
    description = _plain_text(event.description)
    if event.registration_url:
        description += "\n\n" + gettext("Registration: %(url)s") % {"url": event.registration_url}
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@wpm")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _utc(event.starts_at))
    if event.ends_at > event.starts_at:  # an end must come after the start (RFC 5545)
        vevent.add("dtend", _utc(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("description", description)
    vevent.add("location", event.place or gettext("Online"))
    vevent.add("url", url)
    return vevent


def _calendar(
    request: HttpRequest, events: Iterable[Event], filename: str, name: str | None = None
) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = _utc(timezone.now()).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(request, event, stamp))
    return HttpResponse(
        calendar.to_ical(),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@require_safe
def upcoming_ics(request: HttpRequest) -> HttpResponse:
    """Every published event that has not ended yet."""
    events = Event.objects.published().upcoming()
    return _calendar(
        request, events, "wpm-events.ics", name=gettext("Women in Peace Mediation Network: events")
    )


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event; staff may also download a draft, which nobody may cache."""
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    response = _calendar(request, [event], f"{event.slug}.ics")
    if event.status != ContentStatus.PUBLISHED:
        patch_cache_control(response, private=True, no_store=True)
    return response
