"""Registration offers only the people who can still be registered, and a representative adds a
colleague who is not yet a contact and registers them in one step (issue 20, point 5)."""

import re

import pytest
from django.core import mail

from audit.models import AuditEntry
from core.errors import Reason, ServiceError
from events.models import Registration, RegistrationStatus
from events.services import register as register_service
from partners.models import Person
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def choices(response) -> list[str]:
    """The names the registration selector offers."""
    select = re.search(r'<select name="person".*?</select>', response.content.decode(), re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0)) if select else []


def add_colleague(client, user, event, **data):
    client.force_login(user)
    body = {"colleague-name": "Nina New", "colleague-email": "nina.new@example.org"}
    body.update({f"colleague-{key}": value for key, value in data.items()})
    return client.post(f"/events/{event.slug}/register/colleague/", body)


def test_the_selector_lists_only_people_who_can_still_be_registered(client, cast, colleague, event):
    client.force_login(cast.member)
    before = choices(client.get(event.get_absolute_url()))
    assert "Carl Colleague" in before and "Mette Member (me)" in before
    RegistrationFactory(event=event, person=colleague)
    after = choices(client.get(event.get_absolute_url()))
    assert "Carl Colleague" not in after and "Mette Member (me)" in after


def test_a_cancelled_registration_makes_the_person_a_choice_again(client, cast, colleague, event):
    RegistrationFactory(event=event, person=colleague, status=RegistrationStatus.CANCELLED)
    client.force_login(cast.member)
    assert "Carl Colleague" in choices(client.get(event.get_absolute_url()))


def test_when_everyone_is_registered_the_page_says_so(client, cast, event):
    for person in Person.objects.filter(partner=cast.partner_a):
        RegistrationFactory(event=event, person=person)
    event.capacity = None
    event.save()
    client.force_login(cast.member)
    response = client.get(event.get_absolute_url())
    assert choices(response) == []
    assert "Everyone at your organisation is registered." in response.content.decode()


def test_the_service_still_refuses_registering_twice(cast, event):
    register_service(event=event, person=cast.member_person, by=cast.member)
    with pytest.raises(ServiceError) as error:
        register_service(event=event, person=cast.member_person, by=cast.member)
    assert error.value.reason == Reason.CONFLICT
    assert event.registrations.count() == 1


def test_a_representative_adds_and_registers_a_colleague_in_one_step(
    client, cast, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add_colleague(client, cast.rep_a, event)
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    nina = Person.objects.get(email="nina.new@example.org")
    assert (nina.partner, nina.name, nina.user) == (cast.partner_a, "Nina New", None)
    assert not nina.is_representative
    registration = Registration.objects.get(person=nina)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.registered_by == cast.rep_a_person
    assert mail.outbox[-1].to == ["nina.new@example.org"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions >= {"person.added", "registration.created"}
    # No personal data in the trail: it would outlive an erasure.
    assert "nina" not in str(AuditEntry.objects.get(action="person.added").after).lower()


def test_on_a_full_event_the_new_colleague_waits(client, cast, event):
    RegistrationFactory.create_batch(2, event=event)
    add_colleague(client, cast.rep_a, event)
    registration = Registration.objects.get(person__email="nina.new@example.org")
    assert registration.status == RegistrationStatus.WAITLISTED


def test_the_page_offers_adding_a_colleague_to_representatives_only(client, cast, event):
    client.force_login(cast.rep_a)
    assert 'name="colleague-email"' in client.get(event.get_absolute_url()).content.decode()
    client.force_login(cast.member)
    assert 'name="colleague-email"' not in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_who_is_no_representative_cannot_add_a_colleague(client, cast, event, role):
    response = add_colleague(client, getattr(cast, role), event)
    assert response.status_code == 403
    assert not Person.objects.filter(email="nina.new@example.org").exists()
    assert event.registrations.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.post(f"/events/{event.slug}/register/colleague/", {"colleague-name": "X"})
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"name": ""}, 400, "This field is required."),
        ({"email": "not an address"}, 400, "Enter a valid email address."),
        ({"name": "   "}, 400, "This field is required."),
        ({"email": "taken"}, 409, "This email is taken."),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(client, cast, event, data, status, message):
    if data == {"email": "taken"}:  # the member's own address, spelt in capitals
        data = {"email": cast.member_person.email.upper()}
    people = Person.objects.count()
    response = add_colleague(client, cast.rep_a, event, **data)
    assert response.status_code == status
    page = response.content.decode()
    assert message in page and '<details class="add-colleague" open>' in page
    assert Person.objects.count() == people
    assert event.registrations.count() == 0
    assert not AuditEntry.objects.exists()


def test_a_closed_event_adds_no_contact(client, cast, event):
    event.registration_open = False
    event.save()
    response = add_colleague(client, cast.rep_a, event)
    assert response.status_code == 409
    assert not Person.objects.filter(email="nina.new@example.org").exists()
