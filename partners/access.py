"""Who may act for which partner. Every app's pages, API and services ask here."""

from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from .models import Partner, Person

User = AbstractBaseUser | AnonymousUser


def is_coordinator(user: User | None) -> bool:
    """Coordinators are staff: they may do everything."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def person_of(user: User | None) -> Person | None:
    """The Person behind a login, with the partner loaded; None for anonymous users or logins without one."""
    if not (user and user.is_authenticated):
        return None
    try:
        return Person.objects.select_related("partner").get(user=user)
    except Person.DoesNotExist:
        return None


def is_member(user: User | None) -> bool:
    """A logged-in person of a partner still in the network."""
    person = person_of(user)
    return person is not None and person.partner.left_on is None


def acting_representative(user: User | None) -> Person | None:
    """The person behind a login if they may act for their organisation: a representative of a
    partner that is still in the network."""
    person = person_of(user)
    if person is None or not person.is_representative or not person.partner.is_active():
        return None
    return person


def represents(user: User | None, partner: Partner) -> bool:
    """Whether the user may act for this partner (coordinators may act for every partner)."""
    if is_coordinator(user):
        return True
    person = acting_representative(user)
    return person is not None and person.partner_id == partner.pk


def get_editable_partner(request: HttpRequest, slug: str) -> Partner:
    """The partner, if the user may edit it: 404 when there is none, 403 when it is not theirs."""
    partner = get_object_or_404(Partner, slug=slug)
    if not represents(request.user, partner):
        raise PermissionDenied
    return partner


def coordinator_required(view):
    """Coordinators only: anonymous visitors go to the login page, other logins get a 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
