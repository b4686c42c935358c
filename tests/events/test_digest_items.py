"""events' parts of the digest (events.digest_items), on their own: the subscription and the period
are anything with the attributes they read, so events needs nothing from the digests app."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.contributions import DIGEST_ITEMS
from events.digest_items import news, upcoming_events
from events.models import RegistrationStatus
from projects.models import Project
from segments.models import Segment, WorkingGroup
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    ProjectFactory,
    RegistrationFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = SimpleNamespace(start=date(2026, 3, 2), end=date(2026, 3, 8))


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def following(segments=(), groups=(), projects=(), all_news=False):
    return SimpleNamespace(
        segments=Segment.objects.filter(pk__in=[s.pk for s in segments]),
        groups=WorkingGroup.objects.filter(pk__in=[g.pk for g in groups]),
        projects=Project.objects.filter(pk__in=[p.pk for p in projects]),
        all_news=all_news,
    )


def test_news_of_the_period_about_what_is_followed_or_all_of_it():
    segment, group, project = SegmentFactory(), WorkingGroupFactory(), ProjectFactory()
    NewsItemFactory(segment=segment, published_at=at(PERIOD.start, 0), title="Segment")
    NewsItemFactory(group=group, published_at=at(PERIOD.start), title="Group")
    NewsItemFactory(project=project, published_at=at(PERIOD.end, 23), title="Project")
    NewsItemFactory(segment=SegmentFactory(), published_at=at(PERIOD.end), title="Elsewhere")
    NewsItemFactory(segment=segment, published_at=at(date(2026, 3, 9), 0), title="Next week")

    with CaptureQueriesContext(connection) as queries:
        followed = news(following([segment], [group], [project]), PERIOD)

    assert len(queries) == 1
    assert [item.title for item in followed] == ["Project", "Group", "Segment"]
    everything = news(following(all_news=True), PERIOD)
    assert [item.title for item in everything] == ["Project", "Elsewhere", "Group", "Segment"]
    text = render_to_string(
        "events/email/digest_news.txt", {"part": SimpleNamespace(items=followed[:1]), "site_url": ""}
    )
    assert text == f"News\n- 8 Mar: Project\n  {followed[0].get_absolute_url()}\n\n"


def test_upcoming_events_of_followed_segments_and_groups_with_seats_left():
    segment, group = SegmentFactory(), WorkingGroupFactory()
    soon = at(date(2026, 3, 20))
    with_seats = EventFactory(segment=segment, title="Three seats", capacity=3, starts_at=soon)
    RegistrationFactory(event=with_seats)
    RegistrationFactory(event=with_seats, status=RegistrationStatus.CANCELLED)
    EventFactory(group=group, title="No limit", capacity=None, starts_at=at(date(2026, 3, 9), 0))
    RegistrationFactory(event=EventFactory(segment=segment, title="Full", capacity=1, starts_at=soon))
    EventFactory(segment=segment, title="Closed", registration_open=False, starts_at=soon)
    EventFactory(segment=segment, title="In the period", starts_at=at(PERIOD.end, 18))
    EventFactory(segment=segment, title="Too far ahead", starts_at=at(date(2026, 6, 1)))
    EventFactory(segment=SegmentFactory(), title="Elsewhere", starts_at=soon)

    with CaptureQueriesContext(connection) as queries:
        events = upcoming_events(following([segment], [group]), PERIOD)

    assert len(queries) == 1
    assert [(event.title, event.seats_left) for event in events] == [("No limit", None), ("Three seats", 2)]
    text = render_to_string(
        "events/email/digest_events.txt", {"part": SimpleNamespace(items=events[1:]), "site_url": ""}
    )
    assert text == (
        f"Coming up, with seats left\n- 20 Mar 2026: Three seats, Brussels (2 seats left)\n"
        f"  {with_seats.get_absolute_url()}\n\n"
    )


def test_upcoming_events_alone_are_no_change():
    [events_part] = [item for item in DIGEST_ITEMS if item.key == "events"]
    [news_part] = [item for item in DIGEST_ITEMS if item.key == "news"]
    assert not events_part.counts_as_change and news_part.counts_as_change
