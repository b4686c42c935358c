"""events.access, both ways: who runs an event (coordinators, representatives of its organisers,
the lead of its working group as segments defines it) and who does not."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from events.access import get_organised_event, is_organiser
from segments.models import GroupRole
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    PartnerFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_person", "organiser_colleague", "organiser", "former_organiser"]
ROLES += ["group_lead", "group_member", "other", "coordinator"]


@pytest.fixture
def world():
    group = WorkingGroupFactory()
    lead_partner, member_partner = PartnerFactory(), PartnerFactory()
    GroupMembershipFactory(group=group, partner=lead_partner, role=GroupRole.LEAD)
    GroupMembershipFactory(group=group, partner=member_partner)
    organiser, former = PartnerFactory(), PartnerFactory(left_on=date(2020, 1, 1))
    event = EventFactory(group=group, slug="e-bus-visit")
    event.organisers.add(organiser, former)
    users = {
        "anonymous": AnonymousUser(),
        "no_person": UserFactory(),
        "organiser_colleague": PersonFactory(partner=organiser, user=UserFactory()).user,
        "organiser": RepresentativeFactory(partner=organiser).user,
        "former_organiser": RepresentativeFactory(partner=former).user,
        "group_lead": RepresentativeFactory(partner=lead_partner).user,
        "group_member": RepresentativeFactory(partner=member_partner).user,
        "other": RepresentativeFactory().user,
        "coordinator": UserFactory(is_staff=True),
    }
    return event, users


def only(*roles: str) -> list:
    return [pytest.param(role, role in roles, id=role) for role in ROLES]


@pytest.mark.parametrize(("role", "expected"), only("organiser", "group_lead", "coordinator"))
def test_is_organiser(world, role, expected):
    event, users = world
    assert is_organiser(users[role], event) is expected


@pytest.mark.parametrize(("role", "expected"), only("organiser", "group_lead", "coordinator"))
def test_get_organised_event(world, role, expected):
    event, users = world
    request = RequestFactory().get("/")
    request.user = users[role]
    if expected:
        assert get_organised_event(request, event.slug) == event
    else:
        with pytest.raises(PermissionDenied):
            get_organised_event(request, event.slug)


def test_the_lead_of_a_group_runs_no_event_outside_it(world):
    _event, users = world
    assert not is_organiser(users["group_lead"], EventFactory())


def test_an_unknown_event_is_a_404(world):
    request = RequestFactory().get("/")
    request.user = world[1]["coordinator"]
    with pytest.raises(Http404):
        get_organised_event(request, "no-such-event")


def test_a_member_of_a_former_partner_gets_no_form_and_is_refused(client):
    person = PersonFactory(partner=PartnerFactory(left_on=date(2020, 1, 1)), user=UserFactory())
    event = EventFactory()
    client.force_login(person.user)
    assert client.get(f"/events/{event.slug}/").context["form"] is None
    response = client.post(f"/events/{event.slug}/register/", {"person": person.pk})
    assert response.status_code == 403 and "Location" not in response
    assert not event.registrations.exists()
