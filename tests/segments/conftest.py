"""The segments tests' own object, beside the shared cast (tests/cast.py): a second group of the
cast's segment, open to anyone, also led by the lead partner."""

import pytest

from segments.models import Admission, GroupRole, WorkingGroup
from tests.factories import GroupMembershipFactory, WorkingGroupFactory


@pytest.fixture
def open_group(cast) -> WorkingGroup:
    """Cargo bikes: joined at once, without the lead's approval."""
    group = WorkingGroupFactory(
        segment=cast.segment, name="Cargo bikes", slug="cargo-bikes", admission=Admission.OPEN
    )
    GroupMembershipFactory(group=group, partner=cast.lead_partner, role=GroupRole.LEAD)
    return group
