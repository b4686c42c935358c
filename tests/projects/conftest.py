"""The projects tests' own object, beside the shared cast (tests/cast.py): a forming project that
partner A coordinates. The member and rep_a are of the coordinating partner; partner B (rep_b) and
the lead partner (a city, represented by lead) stay outside the project."""

import pytest

from projects.models import (
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    ProjectStatusChange,
)
from tests.factories import FundingCallFactory, ParticipationFactory, ProjectFactory


@pytest.fixture
def project(cast) -> Project:
    """Electric freight pilot, forming for the GV8-2017 call in the cast's segment."""
    project = ProjectFactory(
        title="Electric freight pilot",
        slug="electric-freight-pilot",
        status=ProjectStatus.FORMING,
        call=FundingCallFactory(identifier="GV8-2017"),
        segment=cast.segment,
    )
    ProjectStatusChange.objects.create(project=project, to_status=ProjectStatus.IDEA)
    ParticipationFactory(
        project=project,
        partner=cast.partner_a,
        role=ParticipationRole.COORDINATOR,
        status=ParticipationStatus.ACTIVE,
    )
    return project
