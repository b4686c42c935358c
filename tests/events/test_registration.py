"""Each registration transition through the pages, allowed and refused."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEntry
from events.models import Registration, RegistrationStatus
from tests.factories import PersonFactory, RegistrationFactory

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)

pytestmark = pytest.mark.django_db


def register(client, user, event, person):
    client.force_login(user)
    return client.post(f"/events/{event.slug}/register/", {"person": person.pk})


def statuses(event) -> dict[str, str]:
    return dict(event.registrations.values_list("person__name", "status"))


def test_member_registers_themselves_while_seats_are_left(
    client, cast, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, cast.member, event, cast.member_person)
    assert response.status_code == 302
    assert statuses(event) == {"Mette Member": CONFIRMED}
    assert mail.outbox[0].to == [cast.member_person.email]
    assert "You are registered" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="registration.created").count() == 1


def test_member_registers_a_colleague_and_is_recorded_as_registrant(client, cast, colleague, event):
    register(client, cast.member, event, colleague)
    registration = Registration.objects.get()
    assert (registration.person, registration.registered_by, registration.status) == (
        colleague,
        cast.member_person,
        CONFIRMED,
    )


def test_a_full_event_puts_people_on_the_waiting_list_in_order(client, cast, colleague, event):
    RegistrationFactory.create_batch(2, event=event)
    register(client, cast.member, event, colleague)
    register(client, cast.member, event, cast.member_person)
    waiting = list(event.registrations.waiting().values_list("person__name", flat=True))
    assert waiting == ["Carl Colleague", "Mette Member"]
    assert event.registrations.confirmed().count() == 2


def test_registering_twice_is_refused_and_changes_nothing(client, cast, event):
    register(client, cast.member, event, cast.member_person)
    response = register(client, cast.member, event, cast.member_person)
    # The form offers only those who can still be registered; the service refuses the rest (409).
    assert response.status_code == 400
    assert "Choose a colleague who is not registered yet." in response.content.decode()
    assert event.registrations.count() == 1


def test_registering_someone_of_another_organisation_is_refused(client, cast, event):
    response = register(client, cast.member, event, cast.rep_b_person)
    assert response.status_code == 400
    assert event.registrations.count() == 0


def test_the_service_refuses_another_organisation_even_without_the_form(cast, event):
    from core.errors import Reason, ServiceError
    from events.services import register as register_service

    with pytest.raises(ServiceError) as error:
        register_service(event=event, person=cast.rep_b_person, by=cast.member)
    assert error.value.reason == Reason.FORBIDDEN
    assert event.registrations.count() == 0


def test_registering_for_a_past_event_is_refused(client, cast, event):
    event.starts_at = timezone.now() - timedelta(days=2)
    event.ends_at = event.starts_at + timedelta(hours=5)
    event.save()
    response = register(client, cast.member, event, cast.member_person)
    assert response.status_code == 409
    assert "already taken place" in response.content.decode()
    assert event.registrations.count() == 0


def test_registering_for_a_closed_event_is_refused(client, cast, event):
    event.registration_open = False
    event.save()
    response = register(client, cast.member, event, cast.member_person)
    assert response.status_code == 409
    assert "closed" in response.content.decode()
    assert event.registrations.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, cast, event):
    response = client.post(f"/events/{event.slug}/register/", {"person": cast.member_person.pk})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert event.registrations.count() == 0


def test_a_login_without_a_person_cannot_register(client, cast, event):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(f"/events/{event.slug}/register/", {"person": cast.member_person.pk})
    assert response.status_code == 403 and "Only members of the network" in response.content.decode()
    assert event.registrations.count() == 0


def test_a_coordinator_may_register_anyone(client, cast, event):
    from events.services import register as register_service

    registration = register_service(event=event, person=cast.rep_b_person, by=cast.coordinator)
    assert registration.status == CONFIRMED


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_emails_them(
    client, cast, event, django_capture_on_commit_callbacks
):
    mine = RegistrationFactory(event=event, person=cast.member_person)
    RegistrationFactory(event=event)
    first = RegistrationFactory(
        event=event, status=WAITLISTED, created_at=timezone.now() - timedelta(hours=2)
    )
    second = RegistrationFactory(
        event=event, status=WAITLISTED, created_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/registrations/{mine.pk}/cancel/")
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db(), mine.refresh_from_db()
    assert (mine.status, first.status, second.status) == (CANCELLED, CONFIRMED, WAITLISTED)
    assert [message.to for message in mail.outbox] == [[first.person.email]]
    assert "A seat is yours" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="registration.promoted").count() == 1


def test_cancelling_someone_elses_seat_is_forbidden_and_changes_nothing(client, cast, colleague, event):
    theirs = RegistrationFactory(event=event, person=colleague)
    waiting = RegistrationFactory(event=event, status=WAITLISTED)
    client.force_login(cast.rep_b)
    response = client.post(f"/events/{event.slug}/registrations/{theirs.pk}/cancel/")
    assert response.status_code == 403
    assert statuses(event) == {"Carl Colleague": CONFIRMED, waiting.person.name: WAITLISTED}


def test_the_registrant_may_cancel_the_seat_they_booked_for_a_colleague(client, cast, colleague, event):
    registration = RegistrationFactory(event=event, person=colleague, registered_by=cast.member_person)
    client.force_login(cast.member)
    client.post(f"/events/{event.slug}/registrations/{registration.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == CANCELLED


def test_cancelling_twice_is_a_conflict_shown_on_the_event_page(client, cast, event):
    registration = RegistrationFactory(event=event, person=cast.member_person, status=CANCELLED)
    client.force_login(cast.member)
    response = client.post(f"/events/{event.slug}/registrations/{registration.pk}/cancel/")
    assert response.status_code == 409 and "already cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == CANCELLED


def test_leaving_the_waiting_list_promotes_no_one_and_keeps_the_order(client, cast, event):
    RegistrationFactory.create_batch(2, event=event)
    mine = RegistrationFactory(event=event, person=cast.member_person, status=WAITLISTED)
    after = RegistrationFactory(event=event, status=WAITLISTED)
    client.force_login(cast.member)
    response = client.post(f"/events/{event.slug}/registrations/{mine.pk}/leave/")
    assert response.status_code == 302
    mine.refresh_from_db(), after.refresh_from_db()
    assert (mine.status, after.status) == (CANCELLED, WAITLISTED)


def test_leaving_the_waiting_list_with_a_confirmed_seat_is_refused(client, cast, event):
    mine = RegistrationFactory(event=event, person=cast.member_person)
    client.force_login(cast.member)
    response = client.post(f"/events/{event.slug}/registrations/{mine.pk}/leave/")
    assert response.status_code == 409 and "not on the waiting list" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == CONFIRMED


def test_someone_else_cannot_take_you_off_the_waiting_list(client, cast, event):
    mine = RegistrationFactory(event=event, person=cast.member_person, status=WAITLISTED)
    client.force_login(cast.rep_b)
    assert client.post(f"/events/{event.slug}/registrations/{mine.pk}/leave/").status_code == 403
    mine.refresh_from_db()
    assert mine.status == WAITLISTED


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue(client, cast, event):
    mine = RegistrationFactory(event=event, person=cast.member_person, status=CANCELLED)
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=WAITLISTED, person=PersonFactory(name="Ann Early"))
    register(client, cast.member, event, cast.member_person)
    mine.refresh_from_db()
    assert mine.status == WAITLISTED
    assert list(event.registrations.waiting().values_list("person__name", flat=True)) == [
        "Ann Early",
        "Mette Member",
    ]


def test_the_event_page_offers_registration_and_shows_my_registrations(client, cast, colleague, event):
    RegistrationFactory(event=event, person=colleague, registered_by=cast.member_person)
    client.force_login(cast.member)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert 'action="/events/e-bus-site-visit/register/"' in page
    assert "Cancel the seat of Carl Colleague" in page


def test_a_refusal_is_the_event_page_again_not_a_redirect(client, cast, colleague, event):
    """Refused registrations, cancellations and closings answer at the refusal's status, with the
    page the action came from; nothing changes."""
    event.registration_open = False
    event.save()
    mine = RegistrationFactory(event=event, person=cast.member_person)
    client.force_login(cast.member)
    for url, status in [
        (f"/events/{event.slug}/register/", 409),
        (f"/events/{event.slug}/registrations/{mine.pk}/leave/", 409),
    ]:
        response = client.post(url, {"person": colleague.pk})
        assert response.status_code == status and "Location" not in response
        assert response.templates[0].name == "events/event_detail.html"
    client.force_login(cast.rep_b)
    response = client.post(f"/events/{event.slug}/registrations/{mine.pk}/cancel/")
    assert response.status_code == 403 and "Location" not in response
    assert response.templates[0].name == "events/event_detail.html"
    assert statuses(event) == {"Mette Member": CONFIRMED}
