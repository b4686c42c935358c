"""segments.access, both ways: the group lead (a representative of the partner leading the group)
against a representative of a member partner, a plain member of the lead partner, the lead of
another group, a representative of a former partner that led the group, anonymous visitors, a login
without a person and a coordinator."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from segments.access import can_act_for, can_manage, is_group_lead, lead_membership_of
from segments.models import GroupRole
from tests.factories import (
    GroupMembershipFactory,
    PartnerFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_person", "lead_colleague", "lead", "group_member", "elsewhere_lead", "former_lead"]
ROLES += ["coordinator"]


@pytest.fixture
def world():
    group = WorkingGroupFactory(slug="e-freight")
    lead_partner, member_partner = PartnerFactory(), PartnerFactory()
    lead = GroupMembershipFactory(group=group, partner=lead_partner, role=GroupRole.LEAD)
    GroupMembershipFactory(group=group, partner=member_partner)
    elsewhere = PartnerFactory()
    GroupMembershipFactory(partner=elsewhere, role=GroupRole.LEAD)  # the lead of another group
    former = PartnerFactory(left_on=date(2020, 1, 1))
    GroupMembershipFactory(group=group, partner=former, role=GroupRole.LEAD)
    users = {
        "anonymous": AnonymousUser(),
        "no_person": UserFactory(),
        "lead_colleague": PersonFactory(partner=lead_partner, user=UserFactory()).user,
        "lead": RepresentativeFactory(partner=lead_partner).user,
        "group_member": RepresentativeFactory(partner=member_partner).user,
        "elsewhere_lead": RepresentativeFactory(partner=elsewhere).user,
        "former_lead": RepresentativeFactory(partner=former).user,
        "coordinator": UserFactory(is_staff=True),
    }
    return group, lead, users


def only(*roles: str) -> list:
    return [pytest.param(role, role in roles, id=role) for role in ROLES]


@pytest.mark.parametrize(("role", "expected"), only("lead"))
def test_is_group_lead(world, role, expected):
    group, lead, users = world
    assert is_group_lead(users[role], group) is expected
    assert lead_membership_of(users[role], group) == (lead if expected else None)


@pytest.mark.parametrize(("role", "expected"), only("lead", "coordinator"))
def test_can_manage(world, role, expected):
    group, _lead, users = world
    assert can_manage(users[role], group) is expected


@pytest.mark.parametrize(("role", "expected"), only("lead", "coordinator"))
def test_can_act_for_the_lead_partner(world, role, expected):
    _group, lead, users = world
    assert can_act_for(users[role], lead.partner) is expected


def test_a_lead_that_handed_over_is_a_lead_no_more(world):
    group, lead, users = world
    lead.role = GroupRole.MEMBER
    lead.save()
    assert not is_group_lead(users["lead"], group) and not can_manage(users["lead"], group)
