"""The cast for the events tests: a member and a colleague at one partner, a representative of
another partner, the representative of a group's lead partner, and a coordinator."""

from dataclasses import dataclass

import pytest

from partners.models import Partner, Person
from segments.models import GroupRole, WorkingGroup
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    PartnerFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
)


@dataclass
class Cast:
    partner: Partner
    member: Person  # has a login, not a representative
    colleague: Person  # same partner, no login
    outsider: Person  # representative of another partner
    lead: Person  # representative of the group's lead partner
    group: WorkingGroup
    coordinator: object


@pytest.fixture
def cast(db) -> Cast:
    partner = PartnerFactory(name="Aarhus Kommune")
    group = WorkingGroupFactory(name="E-bus")
    lead_partner = PartnerFactory(name="Göteborgs Stad")
    GroupMembershipFactory(group=group, partner=lead_partner, role=GroupRole.LEAD)
    return Cast(
        partner=partner,
        member=PersonFactory(partner=partner, name="Mette Member", user=UserFactory(username="member")),
        colleague=PersonFactory(partner=partner, name="Carl Colleague"),
        outsider=RepresentativeFactory(name="Olga Outsider", user=UserFactory(username="outsider")),
        lead=RepresentativeFactory(partner=lead_partner, name="Lena Lead", user=UserFactory(username="lead")),
        group=group,
        coordinator=UserFactory(username="coordinator", is_staff=True),
    )


@pytest.fixture
def event(db):
    return EventFactory(
        title="E-bus site visit", slug="e-bus-site-visit", capacity=2, time_zone="Europe/Stockholm"
    )
