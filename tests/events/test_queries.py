"""Pages and feeds run the same number of queries with few and with many events and registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import BreakoutSession, RegistrationStatus
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    PartnerFactory,
    RegistrationFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def build_events(count: int) -> None:
    segment = SegmentFactory()
    for _ in range(count):
        event = EventFactory(segment=segment, group=WorkingGroupFactory(segment=segment), capacity=3)
        RegistrationFactory.create_batch(3, event=event)
        RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
        event.organisers.add(PartnerFactory())


def queries(client, url: str, user=None) -> int:
    if user:
        client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url", ["/events/", "/events/feed.ics", "/news/", "/"])
def test_lists_and_feeds_run_constant_queries(client, url):
    build_events(2)
    NewsItemFactory.create_batch(2)
    few = queries(client, url)
    build_events(18)
    NewsItemFactory.create_batch(18)
    many = queries(client, url)
    print(f"{url}: {few} queries with 2 events, {many} with 20")
    assert few == many


def test_event_page_runs_constant_queries(client, cast):
    event = EventFactory(slug="busy", capacity=5)

    def grow(count: int) -> None:
        for _ in range(count):
            RegistrationFactory(event=event)
            BreakoutSession.objects.create(event=event, title="Session", group=WorkingGroupFactory())
            event.organisers.add(PartnerFactory())
        RegistrationFactory(event=event, person__partner=cast.partner_a, registered_by=cast.member_person)

    grow(2)
    few = queries(client, "/events/busy/", cast.member)
    grow(20)
    many = queries(client, "/events/busy/", cast.member)
    print(f"/events/<slug>/: {few} queries with 3 registrations, {many} with 24")
    assert few == many


def test_my_page_section_runs_constant_queries(client, cast):
    def grow(count: int) -> None:
        for _ in range(count):
            RegistrationFactory(event=EventFactory(), person=cast.member_person)
            RegistrationFactory(
                event=EventFactory(), person__partner=cast.partner_a, registered_by=cast.member_person
            )

    grow(1)
    few = queries(client, "/me/", cast.member)
    grow(10)
    many = queries(client, "/me/", cast.member)
    assert few == many
