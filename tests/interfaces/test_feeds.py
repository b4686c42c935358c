"""The news feeds and the calendars as readers see them: feedparser reads the feeds with no error
(bozo 0), Atom ids are IRIs with an author (RFC 4287); icalendar (and, under `validators`, ical.js)
parse the calendars; links are absolute on the site as the client reached it; an unchanged answer
fetched again with its validators is a 304."""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory, NewsItemFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FEEDS = ["/news/feed/", "/news/feed/atom/"]
CALENDARS = ["/events/feed.ics", "/events/assembly/event.ics"]


@pytest.fixture
def news(db):
    return [
        NewsItemFactory(title="Launch", slug="launch", published_at=timezone.now() - timedelta(days=2)),
        NewsItemFactory(
            title="Île-de-France joins", slug="idf", published_at=timezone.now() - timedelta(days=1)
        ),
    ]


@pytest.fixture
def events(db):
    return [
        EventFactory(slug="assembly", title="General Assembly", city="Lyon"),
        EventFactory(slug="webinar", title="Webinar"),
    ]


@pytest.mark.parametrize("path", FEEDS)
def test_feedparser_reads_the_feeds_without_error(client, settings, news, path):
    settings.ALLOWED_HOSTS = ["news.example"]
    response = client.get(path, HTTP_HOST="news.example:8443")
    parsed = feedparser.parse(response.content, response_headers={"content-type": response["Content-Type"]})
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == ["Île-de-France joins", "Launch"]
    assert parsed.entries[0].link == "http://news.example:8443/news/idf/"
    assert parsed.entries[0].id == f"tag:ev4scc.eu,2016:news/{news[1].pk}"


def test_the_atom_feed_has_an_author_and_iri_ids(client, news):
    parsed = feedparser.parse(client.get("/news/feed/atom/").content)
    assert parsed.feed.author == "EV4SCC"
    assert parsed.feed.id.startswith("tag:ev4scc.eu,2016:")
    assert all(entry.id.startswith("tag:ev4scc.eu,2016:news/") for entry in parsed.entries)


@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_fetched_again_with_its_validators_is_304(client, news, path):
    first = client.get(path)
    assert first["Last-Modified"] and first["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    NewsItemFactory(title="Later", published_at=timezone.now())
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def _vevents(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("path", CALENDARS)
def test_icalendar_parses_the_calendars_with_urls_on_the_site_reached(client, settings, events, path):
    settings.ALLOWED_HOSTS = ["cal.example"]
    response = client.get(path, HTTP_HOST="cal.example:8443")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    entry = _vevents(response)[f"event-{events[0].pk}@ev4scc"]
    assert str(entry["url"]) == "http://cal.example:8443/events/assembly/"
    assert entry.decoded("last-modified") == events[0].updated_at.replace(microsecond=0)


def test_an_unchanged_event_reads_the_same_on_every_fetch_and_a_change_shows(client, events):
    Event.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    first = client.get("/events/feed.ics")
    assert client.get("/events/feed.ics").content == first.content  # DTSTAMP no longer the clock
    before = _vevents(first)[f"event-{events[0].pk}@ev4scc"]
    event = Event.objects.get(pk=events[0].pk)
    event.title = "General Assembly (moved)"
    event.save()
    response = client.get("/events/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    after = _vevents(response)[f"event-{events[0].pk}@ev4scc"]
    assert after["sequence"] > before["sequence"]
    assert after.decoded("dtstamp") > before.decoded("dtstamp")
    assert after.decoded("last-modified") == after.decoded("dtstamp")


@pytest.mark.parametrize("path", CALENDARS)
def test_a_calendar_fetched_again_with_its_validators_is_304(client, events, path):
    first = client.get(path)
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.head(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_event_list_offers_a_webcal_subscription(client, events):
    page = client.get("/events/", {"kind": "workshop"}).content.decode()
    assert 'href="webcal://testserver/events/feed.ics?kind=workshop"' in page


@pytest.mark.validators
def test_ical_js_parses_the_calendars(client, events, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js runs ical.js"
    files = []
    for number, path in enumerate(CALENDARS):
        file = tmp_path / f"{number}.ics"
        file.write_bytes(client.get(path).content)
        files.append(str(file))
    result = subprocess.run(
        [node, str(ROOT / "scripts" / "ical-check.mjs"), *files],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert [event["summary"] for event in parsed[files[0]]] == ["General Assembly", "Webinar"]
    (assembly,) = parsed[files[1]]
    assert assembly["uid"] == f"event-{events[0].pk}@ev4scc"
    assert assembly["url"] == "http://testserver/events/assembly/"
    assert assembly["sequence"] > 0 and assembly["lastModified"] == assembly["dtstamp"]
