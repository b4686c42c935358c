"""Who may run an event: coordinators, the representatives of the partners named as its organisers
and, for a working group's event, the group's lead (segments' definition)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from partners.access import User, acting_representative, is_coordinator, person_of
from segments.access import is_group_lead

from .models import Event, Registration


def is_organiser(user: User | None, event: Event) -> bool:
    if is_coordinator(user):
        return True
    person = acting_representative(user)
    if person is None:
        return False
    if event.organisers.filter(pk=person.partner_id).exists():
        return True
    return event.group_id is not None and is_group_lead(user, event.group)


def get_organised_event(request: HttpRequest, slug: str) -> Event:
    """The event, if the user may run it: 404 when there is none, 403 when it is not theirs."""
    event = get_object_or_404(Event.objects.select_related("group"), slug=slug)
    if not is_organiser(request.user, event):
        raise PermissionDenied
    return event


def may_change_registration(user: User | None, registration: Registration) -> bool:
    """A registration is cancelled by the person registered, whoever registered them, or a coordinator."""
    person = person_of(user)
    own = person is not None and person.pk in (registration.person_id, registration.registered_by_id)
    return own or is_coordinator(user)
