"""The cast of the projects tests: a project coordinated by one partner, and the people around it."""

from dataclasses import dataclass

import pytest
from django.test import Client

from partners.models import Partner
from projects.models import (
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    ProjectStatusChange,
)
from tests.factories import (
    CityFactory,
    FundingCallFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
)


@dataclass
class Cast:
    project: Project
    lead: Partner  # coordinates the project
    other: Partner  # a company outside the project
    city: Partner  # a city outside the project
    anonymous: Client
    lead_rep: Client
    other_rep: Client
    city_rep: Client
    member: Client  # a person at the lead partner who is not a representative
    coordinator: Client  # network coordinator (staff)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(db) -> Cast:
    lead = PartnerFactory(name="Lead Mobility", slug="lead-mobility")
    other = PartnerFactory(name="Other Charging", slug="other-charging", country="FR")
    city = CityFactory(name="Tartu", slug="tartu", country="EE")
    project = ProjectFactory(
        title="Electric freight pilot",
        slug="electric-freight-pilot",
        status=ProjectStatus.FORMING,
        call=FundingCallFactory(identifier="GV8-2017"),
        segment=SegmentFactory(
            name="Smart urban logistics", short_name="E-logistics", slug="urban-logistics"
        ),
    )
    ProjectStatusChange.objects.create(project=project, to_status=ProjectStatus.IDEA)
    ParticipationFactory(
        project=project, partner=lead, role=ParticipationRole.COORDINATOR, status=ParticipationStatus.ACTIVE
    )
    staff = UserFactory(username="staff", is_staff=True)
    return Cast(
        project=project,
        lead=lead,
        other=other,
        city=city,
        anonymous=Client(),
        lead_rep=login(RepresentativeFactory(partner=lead, email="lead@example.org").user),
        other_rep=login(RepresentativeFactory(partner=other, email="other@example.org").user),
        city_rep=login(RepresentativeFactory(partner=city, email="tartu@example.org").user),
        member=login(PersonFactory(partner=lead, user=UserFactory()).user),
        coordinator=login(staff),
    )
