"""projects.access, both ways: who manages a project (coordinators and the representatives of its
coordinating partner) and who does not."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from projects.access import coordinator_of, get_managed_project, may_manage
from projects.models import ParticipationRole, ParticipationStatus
from tests.factories import (
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_person", "lead_colleague", "lead", "consortium_partner", "other", "coordinator"]


@pytest.fixture
def world():
    project = ProjectFactory(slug="e-freight")
    lead, partner = PartnerFactory(), PartnerFactory()
    ParticipationFactory(
        project=project, partner=lead, role=ParticipationRole.COORDINATOR, status=ParticipationStatus.ACTIVE
    )
    ParticipationFactory(project=project, partner=partner, status=ParticipationStatus.ACTIVE)
    users = {
        "anonymous": AnonymousUser(),
        "no_person": UserFactory(),
        "lead_colleague": PersonFactory(partner=lead, user=UserFactory()).user,
        "lead": RepresentativeFactory(partner=lead).user,
        "consortium_partner": RepresentativeFactory(partner=partner).user,
        "other": RepresentativeFactory().user,
        "coordinator": UserFactory(is_staff=True),
    }
    return project, lead, users


def only(*roles: str) -> list:
    return [pytest.param(role, role in roles, id=role) for role in ROLES]


def test_coordinator_of(world):
    project, lead, _users = world
    assert coordinator_of(project) == lead
    assert coordinator_of(ProjectFactory()) is None


@pytest.mark.parametrize(("role", "expected"), only("lead", "coordinator"))
def test_may_manage(world, role, expected):
    project, _lead, users = world
    assert may_manage(users[role], project) is expected


@pytest.mark.parametrize(("role", "expected"), only("lead", "coordinator"))
def test_get_managed_project(world, role, expected):
    project, _lead, users = world
    request = RequestFactory().get("/")
    request.user = users[role]
    if expected:
        assert get_managed_project(request, project.slug) == project
    else:
        with pytest.raises(PermissionDenied):
            get_managed_project(request, project.slug)


def test_the_representative_of_a_coordinating_partner_that_left_manages_no_more(world):
    project, lead, users = world
    lead.left_on = date(2020, 1, 1)
    lead.save()
    assert not may_manage(users["lead"], project)
    assert may_manage(users["coordinator"], project)


def test_only_representatives_of_partners_in_the_network_propose(client):
    former = RepresentativeFactory(partner=PartnerFactory(left_on=date(2020, 1, 1))).user
    client.force_login(former)
    assert client.get("/projects/new/").status_code == 403
    client.force_login(RepresentativeFactory().user)
    assert client.get("/projects/new/").status_code == 200
