"""Who may run an event: coordinators, and for a working group's event the representatives of the
group's lead partner; the representatives of the partners named as organisers run it too."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from partners.access import acting_representative, is_coordinator
from segments.models import GroupRole, MembershipStatus

from .models import Event

User = AbstractBaseUser | AnonymousUser


def is_organiser(user: User | None, event: Event) -> bool:
    if is_coordinator(user):
        return True
    person = acting_representative(user)
    if person is None:
        return False
    if event.organisers.filter(pk=person.partner_id).exists():
        return True
    return (
        event.group_id is not None
        and event.group.memberships.active()
        .filter(partner_id=person.partner_id, role=GroupRole.LEAD, status=MembershipStatus.ACTIVE)
        .exists()
    )


def get_organised_event(request: HttpRequest, slug: str) -> Event:
    """The event, if the user may run it: 404 when there is none, 403 when it is not theirs."""
    event = get_object_or_404(Event.objects.select_related("group"), slug=slug)
    if not is_organiser(request.user, event):
        raise PermissionDenied
    return event
