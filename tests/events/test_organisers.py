"""The attendee list, its CSV export and closing registration: organisers only."""

import csv
import io

import pytest

from audit.models import AuditEntry
from events.models import RegistrationStatus
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_event(cast, colleague, event):
    event.group = cast.group
    event.save()
    RegistrationFactory(event=event, person=cast.member_person)
    RegistrationFactory(event=event, person=colleague, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    return event


def login(client, cast, who):
    client.force_login(cast.user(who))


@pytest.mark.parametrize(
    "who, status", [("member", 403), ("rep_b", 403), ("lead", 200), ("coordinator", 200)]
)
def test_only_organisers_see_the_attendees(client, cast, group_event, who, status):
    login(client, cast, who)
    response = client.get(f"/events/{group_event.slug}/attendees/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Mette Member" in page and "Carl Colleague" in page
        assert "2 registrations" in page


def test_anonymous_visitors_are_sent_to_log_in_for_attendees(client, group_event):
    response = client.get(f"/events/{group_event.slug}/attendees/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_representative_of_an_organising_partner_is_an_organiser(client, cast, event):
    event.organisers.add(cast.partner_b)
    login(client, cast, "rep_b")
    assert client.get(f"/events/{event.slug}/attendees/").status_code == 200


def test_the_group_lead_is_no_organiser_of_another_groups_event(client, cast, event):
    login(client, cast, "lead")
    assert client.get(f"/events/{event.slug}/attendees/").status_code == 403


@pytest.mark.parametrize("who, status", [("member", 403), ("lead", 200)])
def test_csv_export(client, cast, group_event, who, status):
    login(client, cast, who)
    response = client.get(f"/events/{group_event.slug}/attendees.csv")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [(row["name"], row["status"]) for row in rows] == [
            ("Mette Member", "confirmed"),
            ("Carl Colleague", "waitlisted"),
        ]
        assert rows[0]["organisation"] == "Voltaic Fleets"


@pytest.mark.parametrize(
    "who, status, still_open", [("member", 403, True), ("rep_b", 403, True), ("lead", 302, False)]
)
def test_closing_registration(client, cast, group_event, who, status, still_open):
    login(client, cast, who)
    response = client.post(f"/events/{group_event.slug}/close/")
    assert response.status_code == status
    group_event.refresh_from_db()
    assert group_event.registration_open is still_open
    assert AuditEntry.objects.filter(action="event.registration_closed").exists() is not still_open


def test_closing_twice_is_a_conflict_shown_on_the_attendees_page(client, cast, group_event):
    login(client, cast, "coordinator")
    client.post(f"/events/{group_event.slug}/close/")
    response = client.post(f"/events/{group_event.slug}/close/")
    assert response.status_code == 409 and "Location" not in response
    assert response.templates[0].name == "events/attendees.html"
    assert "already closed" in response.content.decode()
    assert AuditEntry.objects.filter(action="event.registration_closed").count() == 1


def test_closing_needs_a_post(client, cast, group_event):
    login(client, cast, "coordinator")
    assert client.get(f"/events/{group_event.slug}/close/").status_code == 405


def test_representatives_of_a_former_partner_no_longer_organise(client):
    from datetime import date

    from events.access import is_organiser
    from tests.factories import EventFactory, RepresentativeFactory

    representative = RepresentativeFactory(partner__left_on=date(2020, 1, 1))
    event = EventFactory()
    event.organisers.add(representative.partner)
    assert not is_organiser(representative.user, event)
    client.force_login(representative.user)
    assert client.get(f"/events/{event.slug}/attendees/").status_code == 403
