"""iCalendar (RFC 5545) for events: one feed for a filtered list, one file per event.

Each entry carries a stable UID, its times in the event's own time zone with the matching
VTIMEZONE, the event's page as URL, its location, and a reminder a day before."""

from collections.abc import Iterable
from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Event

REMINDER_BEFORE = timedelta(days=1)


def event_uid(event: Event) -> str:
    """Stable for the life of the event, whatever else about it changes."""
    return f"event-{event.pk}@ev4scc"


def absolute_url(event: Event) -> str:
    return settings.SITE_URL.rstrip("/") + event.get_absolute_url()


def event_location(event: Event) -> str:
    return ", ".join(
        part for part in (event.venue, event.city, event.country.name if event.country else "") if part
    )


def _entry(event: Event, stamp) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", stamp)
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(event.tzinfo))
    entry.add("dtend", event.ends_at.astimezone(event.tzinfo))
    entry.add("url", absolute_url(event))
    location = event_location(event)
    if location:
        entry.add("location", location)
    if event.location:
        entry.add("geo", event.location)
    entry.add("description", f"{event.description}\n\n{absolute_url(event)}".strip())
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.title)
    alarm.add("trigger", -REMINDER_BEFORE)
    entry.add_component(alarm)
    return entry


def calendar_for(events: Iterable[Event], *, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//EV4SCC//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    events = list(events)
    for event in events:
        calendar.add_component(_entry(event, stamp))
    if events:
        # Transitions only for the years the events span, rather than 1970-2038: a much smaller file.
        first = min(event.starts_at for event in events).year
        last = max(event.ends_at for event in events).year
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
    return calendar.to_ical()
