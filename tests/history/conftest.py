"""A past for the history tests: the cast (tests/cast.py) with dated periods since the launch, and a
target for each metric whose deadline is still ahead, so every month-end since the launch counts."""

from datetime import date

import pytest

from kpis.models import Metric
from partners.models import LAUNCH_DATE
from projects.models import ParticipationRole, ParticipationStatus, ProjectStatus
from segments.models import MembershipStatus
from tests.factories import (
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    TargetFactory,
)

DEADLINE = date(2030, 12, 31)


@pytest.fixture
def targets(db) -> dict:
    return {
        metric: TargetFactory(
            metric=metric,
            target_value=50,
            unit="percent" if metric in (Metric.SME_SHARE, Metric.COLLABORATION_GROWTH) else "count",
            baseline_date=LAUNCH_DATE,
            deadline=DEADLINE,
        )
        for metric in Metric.values
    }


@pytest.fixture
def past(cast, targets):
    """Partner B was in the group from March 2016 to June 2017 and in a forming consortium from June
    to December 2016; partner A proposed a project in May 2016 that is still under evaluation; an SME
    joined in 2017. (The cast: partner A and the lead are in the group since the launch.)"""
    GroupMembershipFactory(
        group=cast.group,
        partner=cast.partner_b,
        status=MembershipStatus.LEFT,
        joined_on=date(2016, 3, 1),
        left_on=date(2017, 6, 30),
    )
    submitted = ProjectFactory(
        segment=cast.segment, status=ProjectStatus.SUBMITTED, proposed_on=date(2016, 5, 1), started_on=None
    )
    forming = ProjectFactory(
        segment=cast.segment, status=ProjectStatus.FORMING, proposed_on=date(2016, 6, 1), started_on=None
    )
    for project in (submitted, forming):
        ParticipationFactory(
            project=project,
            partner=cast.partner_a,
            role=ParticipationRole.COORDINATOR,
            joined_on=project.proposed_on,
        )
    ParticipationFactory(
        project=forming,
        partner=cast.partner_b,
        status=ParticipationStatus.LEFT,
        joined_on=date(2016, 6, 1),
        left_on=date(2016, 12, 31),
    )
    PartnerFactory(is_sme=True, joined_on=date(2017, 2, 1))
    return {"submitted": submitted, "forming": forming}
