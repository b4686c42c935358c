"""The iCalendar feeds (parsed back) and the news RSS/Atom feeds."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.factories import EventFactory, NewsItemFactory, SegmentFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def entries(calendar) -> dict[str, icalendar.Event]:
    return {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}


def test_feed_entry_has_uid_time_zone_url_location_and_reminder(client, settings):
    settings.SITE_URL = "https://elsewhere.example"  # not used: the URL is on the site as reached
    event = EventFactory(
        slug="gothenburg",
        title="E-bus meeting",
        starts_at=datetime(2026, 9, 21, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
        ends_at=datetime(2026, 9, 22, 17, tzinfo=ZoneInfo("Europe/Stockholm")),
        time_zone="Europe/Stockholm",
        venue="Lindholmen",
        city="Gothenburg",
        country="SE",
    )
    calendar = parse(client.get("/events/feed.ics"))
    entry = entries(calendar)["E-bus meeting"]
    assert str(entry["uid"]) == f"event-{event.pk}@ev4scc"
    assert entry.decoded("dtstart") == datetime(2026, 9, 21, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert entry["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(entry["url"]) == "http://testserver/events/gothenburg/"
    assert str(entry["location"]) == "Lindholmen, Gothenburg, Sweden"
    (alarm,) = entry.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(days=1)
    assert str(alarm["action"]) == "DISPLAY"


def test_uid_stays_the_same_when_the_event_changes(client):
    event = EventFactory(title="Before")
    uid = str(entries(parse(client.get("/events/feed.ics")))["Before"]["uid"])
    event.title, event.slug = "After", "after"
    event.save()
    assert str(entries(parse(client.get("/events/feed.ics")))["After"]["uid"]) == uid


def test_feed_takes_the_filters_of_the_events_page(client):
    segment = SegmentFactory(slug="public-transport")
    group = WorkingGroupFactory(slug="e-bus", segment=segment)
    EventFactory(title="Bus", segment=segment, group=group)
    EventFactory(title="Other", country="FR")
    assert set(entries(parse(client.get("/events/feed.ics")))) == {"Bus", "Other"}
    assert set(entries(parse(client.get("/events/feed.ics?segment=public-transport")))) == {"Bus"}
    assert set(entries(parse(client.get("/events/feed.ics?group=e-bus")))) == {"Bus"}
    assert set(entries(parse(client.get("/events/feed.ics?country=FR")))) == {"Other"}


def test_feed_with_a_malformed_filter_is_a_400(client):
    response = client.get("/events/feed.ics?date_from=soon")
    assert response.status_code == 400
    assert "date" in response.content.decode().lower()


def test_one_ics_per_event_with_two_time_zones_in_the_feed(client):
    EventFactory(title="Lisbon", slug="lisbon", time_zone="Europe/Lisbon")
    EventFactory(title="Tallinn", time_zone="Europe/Tallinn")
    calendar = parse(client.get("/events/lisbon/event.ics"))
    assert list(entries(calendar)) == ["Lisbon"]
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    feed = parse(client.get("/events/feed.ics"))
    assert {str(tz["tzid"]) for tz in feed.walk("VTIMEZONE")} == {"Europe/Lisbon", "Europe/Tallinn"}


def test_unknown_event_ics_is_a_404(client):
    assert client.get("/events/nope/event.ics").status_code == 404


def test_news_rss_and_atom_feeds(client):
    NewsItemFactory(title="Launch", slug="launch", body="**Hello** <script>x()</script>")
    NewsItemFactory(title="Future", published_at=datetime(2999, 1, 1, tzinfo=ZoneInfo("UTC")))
    rss = ET.fromstring(client.get("/news/feed/").content)  # noqa: S314 (our own output)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Launch"]
    assert items[0].findtext("link").endswith("/news/launch/")
    assert "<strong>Hello</strong>" in items[0].findtext("description")
    assert "script" not in items[0].findtext("description")
    atom = ET.fromstring(client.get("/news/feed/atom/").content)  # noqa: S314
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    assert [
        entry.findtext("a:title", namespaces=namespace) for entry in atom.findall("a:entry", namespace)
    ] == ["Launch"]
