"""The contribution registry in use: each app's part of a shared page or operation comes from that
app through core.contributions, and the owner (partners, segments) shows or runs whatever is there."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.contributions import (
    ME_SECTIONS,
    PERSONAL_DATA,
    PROFILE_SECTIONS,
    SEGMENT_SECTIONS,
    PersonalData,
)
from partners.services import erase_person
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    ProjectFactory,
    RegistrationFactory,
    RepresentativeFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def without():
    """Takes a contribution out of its slot for one test and puts it back after."""
    taken = []

    def take(slot, key):
        item = next(item for item in slot if item.key == key)
        slot.unregister(key)
        taken.append((slot, item))

    yield take
    for slot, item in taken:
        slot.register(item)


def test_each_app_registers_its_sections_and_personal_data():
    assert [s.key for s in PROFILE_SECTIONS] == ["segments", "projects", "events"]
    assert [s.key for s in ME_SECTIONS] == ["partners", "segments", "projects", "events", "digests"]
    assert [s.key for s in SEGMENT_SECTIONS] == ["projects", "events", "replications"]
    assert [p.key for p in PERSONAL_DATA] == [
        "person",
        "organisation",
        "login",
        "login_history",
        "api_tokens",
        "event_registrations",
        "registrations_for_colleagues",
        "contact_messages",
        "organisation_group_memberships",
        "group_requests",
        "membership_applications",
        "digest_subscription",
        "digest_deliveries",
        "emails",
        "audit_entries",
    ]


@pytest.mark.parametrize(
    ("key", "heading"),
    [("segments", 'id="groups-heading"'), ("projects", "E-freight pilot"), ("events", 'id="partner-events"')],
)
def test_a_profile_section_comes_from_its_app(client, without, key, heading):
    membership = GroupMembershipFactory(group__name="E-freight group")
    partner = membership.partner
    ParticipationFactory(partner=partner, project__title="E-freight pilot")
    RegistrationFactory(person__partner=partner, event__title="General Assembly")
    url = partner.get_absolute_url()
    assert heading in client.get(url).content.decode()
    without(PROFILE_SECTIONS, key)
    html = client.get(url).content.decode()
    assert heading not in html
    assert "Contact people" in html  # partners' own part stays


def test_profile_queries_do_not_grow_with_memberships_projects_and_events(
    client, django_assert_max_num_queries
):
    partner = GroupMembershipFactory().partner
    url = partner.get_absolute_url()
    client.get(url)
    cache.clear()  # the profile is cached until the data changes: count what it takes without
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        GroupMembershipFactory(partner=partner)
        ParticipationFactory(partner=partner)
        RegistrationFactory(person__partner=partner)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


@pytest.mark.parametrize(
    ("key", "heading"),
    [
        ("partners", 'id="me-partner-heading"'),
        ("segments", 'id="me-groups-heading"'),
        ("projects", 'id="me-projects"'),
        ("events", 'id="me-events"'),
        ("digests", 'id="me-digest"'),
    ],
)
def test_a_me_section_comes_from_its_app(client, without, key, heading):
    person = RepresentativeFactory()
    client.force_login(person.user)
    html = client.get("/me/").content.decode()
    assert heading in html
    without(ME_SECTIONS, key)
    assert heading not in client.get("/me/").content.decode()


def test_me_shows_the_organisation_first():
    assert next(iter(ME_SECTIONS)).key == "partners"


@pytest.mark.parametrize(
    ("key", "text"),
    [("projects", "Fleet pilot"), ("events", "Fleet day"), ("replications", "Replicated solutions")],
)
def test_a_segment_section_comes_from_its_app(client, without, key, text):
    segment = SegmentFactory(slug="fleets")
    ProjectFactory(segment=segment, title="Fleet pilot")
    EventFactory(segment=segment, title="Fleet day")
    assert text in client.get("/segments/fleets/").content.decode()
    without(SEGMENT_SECTIONS, key)
    assert text not in client.get("/segments/fleets/").content.decode()


def test_segment_figures_and_group_sections_come_from_projects_and_events(client):
    group = WorkingGroupFactory(slug="e-bus")
    ProjectFactory(segment=group.segment, group=group, title="Bus pilot")
    event = EventFactory(segment=group.segment, group=group, title="Bus day")
    event.sessions.create(title="Charging", group=group, position=1, outcome="Buy 40 buses.")
    figures = dict(client.get(group.segment.get_absolute_url()).context["segment"].figures)
    assert (figures["Projects"], figures["Upcoming events"]) == (1, 1)
    response = client.get("/groups/e-bus/")
    html = response.content.decode()
    assert "Bus pilot" in html and "Charging" in html and "Bus day" in html
    assert [item.detail for item in response.context["activity"]] == ["Buy 40 buses."]


def test_the_export_has_each_apps_key(client):
    person = RepresentativeFactory()
    RegistrationFactory(person=person, event__title="General Assembly")
    GroupMembershipFactory(partner=person.partner, group__name="E-bus group")
    client.force_login(person.user)
    data = json.loads(client.get("/me/data.json").content)
    assert list(data) == [item.key for item in PERSONAL_DATA]
    assert data["event_registrations"][0]["event__title"] == "General Assembly"
    assert data["organisation_group_memberships"][0]["group__name"] == "E-bus group"


def test_erasure_calls_every_registered_eraser_in_its_transaction():
    person = RepresentativeFactory()
    seen = []

    def eraser(name):
        def erase(erased):
            # Inside erase_person's transaction, before partners anonymises the person.
            seen.append((name, erased.pk, erased.email, connection.in_atomic_block))

        return erase

    PERSONAL_DATA.register(PersonalData("test_a", lambda p: None, eraser("a")))
    PERSONAL_DATA.register(PersonalData("test_b", lambda p: None, eraser("b")))
    try:
        erase_person(person=person, by=person.user)
    finally:
        PERSONAL_DATA.unregister("test_a")
        PERSONAL_DATA.unregister("test_b")
    assert seen == [("a", person.pk, person.email, True), ("b", person.pk, person.email, True)]


def test_a_failing_eraser_erases_nothing():
    person = RepresentativeFactory(name="Rita Rep")
    PERSONAL_DATA.register(PersonalData("test_fails", lambda p: None, mock.Mock(side_effect=RuntimeError)))
    try:
        with pytest.raises(RuntimeError):
            erase_person(person=person, by=person.user)
    finally:
        PERSONAL_DATA.unregister("test_fails")
    person.refresh_from_db()
    assert person.name == "Rita Rep" and person.user is not None


def test_a_past_event_is_no_seat():
    past = EventFactory(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    registration = RegistrationFactory(event=past)
    from core.contributions import removal_refused

    assert removal_refused(registration.person) is None
    RegistrationFactory(person=registration.person)
    assert "registered for coming events" in removal_refused(registration.person)


def test_two_contributions_cannot_take_one_key():
    """A second app registering a taken key is an error at start-up, not a silent replacement."""
    from django.core.exceptions import ImproperlyConfigured

    from core.contributions import PERSONAL_DATA, PersonalData

    taken = next(iter(PERSONAL_DATA)).key
    with pytest.raises(ImproperlyConfigured, match=taken):
        PERSONAL_DATA.register(PersonalData(taken, lambda person: None))
