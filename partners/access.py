"""Who may act for which partner: the one definition of a coordinator, of a member and of a
representative of an active partner. Every app's pages, API and services ask here (segments and
the apps above build their own rules on these), never on `is_staff`, `is_representative` or
`left_on` directly."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Partner, Person

User = AbstractBaseUser | AnonymousUser


def is_coordinator(user: User | None) -> bool:
    """Coordinators are active staff logins: they may do everything."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def person_of(user: User | None) -> Person | None:
    """The Person behind a login, with the partner loaded; None for anonymous users or logins without one."""
    if not (user and user.is_authenticated):
        return None
    try:
        return Person.objects.select_related("partner").get(user=user)
    except Person.DoesNotExist:
        return None


def in_network(person: Person | None) -> bool:
    """Whether the person's organisation is in the network today (a partner that has left, or has
    not joined yet, is not). The one definition of a member."""
    return person is not None and person.partner.is_active()


def member_of_network(user: User | None) -> Person | None:
    """The person behind a login if they are a member (`in_network`)."""
    person = person_of(user)
    return person if in_network(person) else None


def is_member(user: User | None) -> bool:
    """A logged-in person of a partner in the network."""
    return member_of_network(user) is not None


def acts_for_partner(person: Person | None) -> bool:
    """Whether a person may act for their organisation: a representative of a partner in the
    network. The one definition of "representative of an active partner"."""
    return in_network(person) and person.is_representative


def acting_representative(user: User | None) -> Person | None:
    """The person behind a login if they may act for their organisation (`acts_for_partner`)."""
    person = person_of(user)
    return person if acts_for_partner(person) else None


def is_representative(user: User | None) -> bool:
    """Whether the login is a representative of a partner in the network."""
    return acting_representative(user) is not None


def represents(user: User | None, partner: Partner) -> bool:
    """Whether the user may act for this partner (coordinators may act for every partner)."""
    if is_coordinator(user):
        return True
    person = acting_representative(user)
    return person is not None and person.partner_id == partner.pk


def may_hold_api_token(user: User | None) -> bool:
    """An API token is for acting through the API: coordinators and representatives."""
    return is_coordinator(user) or is_representative(user)


# --- loaders and decorators for views ------------------------------------------------------------


def get_editable_partner(request: HttpRequest, slug: str) -> Partner:
    """The partner, if the user may edit it: 404 when there is none, 403 when it is not theirs."""
    partner = get_object_or_404(Partner, slug=slug)
    if not represents(request.user, partner):
        raise PermissionDenied
    return partner


def coordinator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Coordinators only: anonymous visitors go to the login page, other logins get a 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def representative_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Representatives of a partner in the network only, passed on to the view as `person`:
    anonymous visitors go to the login page, other logins (coordinators too: they act for no
    partner of their own) get a 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        person = acting_representative(request.user)
        if person is None:
            raise PermissionDenied(_("Only representatives of partner organisations can do this."))
        return view(request, *args, person=person, **kwargs)

    return wrapper
