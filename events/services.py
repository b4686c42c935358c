"""Registrations, the waiting list, closing registration and the contact form: every write of the
events app. Each function runs in one transaction; the registration functions lock the event row
first, so concurrent registrations for one event queue up and capacity holds (PostgreSQL)."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import record
from core.errors import Reason, ServiceError
from core.mail import send_templated
from partners.access import acting_representative, is_coordinator, member_of_network, person_of
from partners.models import Person
from partners.services import add_contact_person

from .access import is_organiser, may_change_registration
from .models import ContactMessage, Event, Registration, RegistrationStatus

User = AbstractBaseUser | AnonymousUser


def _locked(event: Event) -> Event:
    """The event row, locked until the transaction ends: the one place registrations serialise."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_may_register(*, event: Event, person: Person, by: User) -> Person | None:
    """The registering member (None for a coordinator acting without a person), or a ServiceError."""
    registrant = person_of(by) if is_coordinator(by) else member_of_network(by)
    if not is_coordinator(by):
        if registrant is None:
            raise ServiceError(_("Only members of the network can register."), reason=Reason.FORBIDDEN)
        if person.partner_id != registrant.partner_id:
            raise ServiceError(
                _("You can register only yourself and colleagues of your organisation."),
                reason=Reason.FORBIDDEN,
                field="person",
            )
    if event.has_started:
        raise ServiceError(_("This event has already taken place."), reason=Reason.CONFLICT)
    if not event.registration_open:
        raise ServiceError(_("Registration for this event is closed."), reason=Reason.CONFLICT)
    return registrant


def _snapshot(registration: Registration) -> dict[str, str]:
    return {"status": registration.status, "person": registration.person.email}


@transaction.atomic
def register(*, event: Event, person: Person, by: User) -> Registration:
    """Register `person` for `event`: confirmed while seats are left, otherwise on the waiting list."""
    event = _locked(event)
    registrant = _check_may_register(event=event, person=person, by=by)
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration and registration.status != RegistrationStatus.CANCELLED:
        raise ServiceError(
            _("%(name)s is already registered for this event.") % {"name": person.name},
            reason=Reason.CONFLICT,
            field="person",
        )
    full = event.capacity is not None and event.registrations.confirmed().count() >= event.capacity
    status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    before = _snapshot(registration) if registration else None
    if registration is None:
        registration = Registration(event=event, person=person)
    # A cancelled registration comes back at the end of the queue, as a new one would.
    registration.status = status
    registration.created_at = timezone.now()
    registration.registered_by = registrant if registrant and registrant.pk != person.pk else None
    registration.save()
    record(
        actor=by,
        action="registration.created",
        target=registration,
        before=before,
        after=_snapshot(registration),
    )
    send_templated(
        to=[person.email],
        template="events/email/registered",
        language=person.language or None,
        context={"registration": registration, "event": event, "person": person},
    )
    return registration


@transaction.atomic
def register_new_colleague(*, event: Event, name: str, email: str, by: User) -> Registration:
    """Add a colleague who is not yet a contact of the representative's organisation and register
    them, in one step: both happen or neither (a refused registration leaves no new contact)."""
    representative = acting_representative(by)
    if representative is None:
        raise ServiceError(
            _("Only a representative of the organisation can add a colleague."), reason=Reason.FORBIDDEN
        )
    # The event's rules first, so that a closed event adds no one.
    _check_may_register(event=event, person=representative, by=by)
    person = add_contact_person(partner=representative.partner, name=name, email=email, by=by)
    return register(event=event, person=person, by=by)


def _check_may_change(registration: Registration, by: User) -> None:
    if not may_change_registration(by, registration):
        raise ServiceError(
            _("You can cancel only your own registrations and those you made."), reason=Reason.FORBIDDEN
        )


def _promote_first_waiting(event: Event, by: User) -> Registration | None:
    """Give a free seat to the first person waiting, and tell them."""
    if event.capacity is not None and event.registrations.confirmed().count() >= event.capacity:
        return None
    waiting = event.registrations.waiting().select_related("person").first()
    if waiting is None:
        return None
    return _give_seat(waiting, event, by, action="registration.promoted", template="events/email/promoted")


def _give_seat(
    registration: Registration, event: Event, by: User, *, action: str, template: str
) -> Registration:
    """Move a waiting registration to a seat, record it, and tell the person (`template` says how)."""
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    record(
        actor=by,
        action=action,
        target=registration,
        before={"status": RegistrationStatus.WAITLISTED},
        after={"status": RegistrationStatus.CONFIRMED},
    )
    send_templated(
        to=[registration.person.email],
        template=template,
        language=registration.person.language or None,
        context={"registration": registration, "event": event, "person": registration.person},
    )
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User) -> Registration | None:
    """Cancel a seat or a place on the waiting list. A freed seat goes to the first person waiting;
    returns that person's registration, if any."""
    event = _locked(registration.event)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    _check_may_change(registration, by)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(_("This registration is already cancelled."), reason=Reason.CONFLICT)
    if event.is_past:
        raise ServiceError(_("This event has already taken place."), reason=Reason.CONFLICT)
    before = _snapshot(registration)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    record(
        actor=by,
        action="registration.cancelled",
        target=registration,
        before=before,
        after=_snapshot(registration),
    )
    if before["status"] == RegistrationStatus.CONFIRMED:
        return _promote_first_waiting(event, by)
    return None


@transaction.atomic
def leave_waiting_list(*, registration: Registration, by: User) -> None:
    _locked(registration.event)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    _check_may_change(registration, by)
    if registration.status != RegistrationStatus.WAITLISTED:
        raise ServiceError(_("This registration is not on the waiting list."), reason=Reason.CONFLICT)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    record(
        actor=by,
        action="registration.left_waiting_list",
        target=registration,
        before={"status": RegistrationStatus.WAITLISTED},
        after={"status": RegistrationStatus.CANCELLED},
    )


@transaction.atomic
def close_registration(*, event: Event, by: User) -> Event:
    event = _locked(event)
    if not is_organiser(by, event):
        raise ServiceError(_("Only the organisers can close registration."), reason=Reason.FORBIDDEN)
    if not event.registration_open:
        raise ServiceError(_("Registration is already closed."), reason=Reason.CONFLICT)
    event.registration_open = False
    event.save(update_fields=["registration_open"])
    record(
        actor=by,
        action="event.registration_closed",
        target=event,
        before={"registration_open": True},
        after={"registration_open": False},
    )
    return event


@transaction.atomic
def confirm_registration(*, registration: Registration, by: User) -> Registration:
    """An organiser gives a seat to someone on the waiting list, out of turn if they choose, but
    only while a seat is free: capacity holds here as in `register`."""
    event = _locked(registration.event)
    if not is_organiser(by, event):
        raise ServiceError(_("Only the organisers can confirm registrations."), reason=Reason.FORBIDDEN)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    if registration.status != RegistrationStatus.WAITLISTED:
        raise ServiceError(_("This registration is not on the waiting list."), reason=Reason.CONFLICT)
    if event.is_past:
        raise ServiceError(_("This event has already taken place."), reason=Reason.CONFLICT)
    if event.capacity is not None and event.registrations.confirmed().count() >= event.capacity:
        raise ServiceError(
            _("No seat is free at %(event)s: raise the capacity or wait for a cancellation.")
            % {"event": event.title},
            reason=Reason.CONFLICT,
        )
    return _give_seat(
        registration, event, by, action="registration.confirmed", template="events/email/confirmed"
    )


@transaction.atomic
def change_capacity(*, event: Event, capacity: int | None, by: User) -> list[Registration]:
    """Set the number of seats (None: no limit). Never below the seats already confirmed; new seats
    go to the people waiting, first come first served, who are told. Returns those promoted."""
    event = _locked(event)
    if not is_organiser(by, event):
        raise ServiceError(_("Only the organisers can change the capacity."), reason=Reason.FORBIDDEN)
    if capacity is not None and capacity < 0:
        raise ServiceError(_("The capacity cannot be negative."), field="capacity")
    confirmed = event.registrations.confirmed().count()
    if capacity is not None and capacity < confirmed:
        raise ServiceError(
            ngettext(
                "%(count)s seat is confirmed: cancel it before lowering the capacity below one.",
                "%(count)s seats are confirmed: cancel registrations before lowering the capacity below that.",  # noqa: E501
                confirmed,
            )
            % {"count": confirmed},
            reason=Reason.CONFLICT,
            field="capacity",
        )
    before = event.capacity
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    record(
        actor=by,
        action="event.capacity_changed",
        target=event,
        before={"capacity": before},
        after={"capacity": capacity},
    )
    promoted = []
    if not event.is_past:
        while (registration := _promote_first_waiting(event, by)) is not None:
            promoted.append(registration)
    return promoted


@transaction.atomic
def reopen_registration(*, event: Event, by: User) -> Event:
    """Undo `close_registration` for an event still to come."""
    event = _locked(event)
    if not is_organiser(by, event):
        raise ServiceError(_("Only the organisers can reopen registration."), reason=Reason.FORBIDDEN)
    if event.registration_open:
        raise ServiceError(_("Registration is already open."), reason=Reason.CONFLICT)
    if event.has_started:
        raise ServiceError(_("This event has already taken place."), reason=Reason.CONFLICT)
    event.registration_open = True
    event.save(update_fields=["registration_open"])
    record(
        actor=by,
        action="event.registration_reopened",
        target=event,
        before={"registration_open": False},
        after={"registration_open": True},
    )
    return event


@transaction.atomic
def send_contact_message(
    *, name: str, email: str, subject: str, message: str, client_address: str | None
) -> ContactMessage:
    """Store the message and email it to the coordinators."""
    contact = ContactMessage.objects.create(
        name=name, email=email, subject=subject, message=message, client_address=client_address
    )
    send_templated(
        to=settings.COORDINATORS_EMAIL,
        template="events/email/contact",
        context={"contact": contact},
        headers={"Reply-To": email},
    )
    return contact
