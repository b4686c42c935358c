"""iCalendar (RFC 5545) for events: one feed for a filtered list, one file per event.

Each entry carries a stable UID, its times in the event's own time zone with the matching
VTIMEZONE, the event's page as URL (on the site as the client reached it), its location, and a
reminder a day before. DTSTAMP, LAST-MODIFIED and SEQUENCE come from the event's last save, so an
unchanged event reads the same on every fetch and calendar clients re-sync only what changed."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import icalendar

from .models import Event

REMINDER_BEFORE = timedelta(days=1)


def event_uid(event: Event) -> str:
    """Stable for the life of the event, whatever else about it changes."""
    return f"event-{event.pk}@ev4scc"


#: SEQUENCE counts minutes from here to the event's last save: it only grows as the event changes.
SEQUENCE_EPOCH = datetime(2016, 1, 1, tzinfo=UTC)


def absolute_url(event: Event, base_url: str) -> str:
    return base_url.rstrip("/") + event.get_absolute_url()


def sequence(event: Event) -> int:
    return max(0, int((event.updated_at - SEQUENCE_EPOCH).total_seconds() // 60))


def event_location(event: Event) -> str:
    return ", ".join(
        part for part in (event.venue, event.city, event.country.name if event.country else "") if part
    )


def _entry(event: Event, base_url: str) -> icalendar.Event:
    url = absolute_url(event, base_url)
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at)
    entry.add("last-modified", event.updated_at)
    entry.add("sequence", sequence(event))
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(event.tzinfo))
    entry.add("dtend", event.ends_at.astimezone(event.tzinfo))
    entry.add("url", url)
    location = event_location(event)
    if location:
        entry.add("location", location)
    if event.location:
        entry.add("geo", event.location)
    entry.add("description", f"{event.description}\n\n{url}".strip())
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.title)
    alarm.add("trigger", -REMINDER_BEFORE)
    entry.add_component(alarm)
    return entry


def calendar_for(events: Iterable[Event], *, name: str, base_url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//EV4SCC//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        calendar.add_component(_entry(event, base_url))
    if events:
        # Transitions only for the years the events span, rather than 1970-2038: a much smaller file.
        first = min(event.starts_at for event in events).year
        last = max(event.ends_at for event in events).year
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
    return calendar.to_ical()
