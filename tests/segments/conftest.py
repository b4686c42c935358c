"""The cast every segments test uses: a group by request led by a city, a member, a representative
of another partner (a city interested in the segment), a coordinator and anonymous visitors."""

from dataclasses import dataclass

import pytest

from segments.models import Admission, GroupMembership, GroupRole, Segment, WorkingGroup
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    PartnerFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)


@dataclass
class Cast:
    segment: Segment
    group: WorkingGroup  # by request
    open_group: WorkingGroup
    lead: GroupMembership  # the lead city's membership of `group`
    member: GroupMembership  # a company's membership of `group`
    lead_user: object
    member_user: object
    outsider_user: object  # represents `outsider`, a city in no group
    outsider: object
    coordinator: object


@pytest.fixture
def cast(db) -> Cast:
    segment = SegmentFactory(name="Smart urban logistics", slug="urban-logistics")
    group = WorkingGroupFactory(
        segment=segment, name="E-freight", slug="e-freight", admission=Admission.REQUEST
    )
    open_group = WorkingGroupFactory(
        segment=segment, name="Cargo bikes", slug="cargo-bikes", admission=Admission.OPEN
    )
    lead_city = CityFactory(name="Aarhus", slug="aarhus")
    company = PartnerFactory(name="Freight Co", slug="freight-co")
    outsider = CityFactory(name="Tartu", slug="tartu", city_profile__population=95_000)
    segment.interested_partners.add(outsider)
    lead = GroupMembershipFactory(group=group, partner=lead_city, role=GroupRole.LEAD)
    GroupMembershipFactory(group=open_group, partner=lead_city, role=GroupRole.LEAD)
    member = GroupMembershipFactory(group=group, partner=company)
    return Cast(
        segment=segment,
        group=group,
        open_group=open_group,
        lead=lead,
        member=member,
        lead_user=RepresentativeFactory(partner=lead_city, email="lead@aarhus.example").user,
        member_user=RepresentativeFactory(partner=company, email="rep@freight.example").user,
        outsider_user=RepresentativeFactory(partner=outsider, email="rep@tartu.example").user,
        outsider=outsider,
        coordinator=UserFactory(username="coordinator", is_staff=True),
    )
