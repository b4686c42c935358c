"""The segment, group and /me/ pages run as many queries with many members as with few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from segments.models import GroupRole, MembershipStatus
from tests.factories import CityFactory, GroupMembershipFactory, PartnerFactory, WorkingGroupFactory


def queries(client, url: str) -> int:
    client.get(url)  # warm caches (content types, sessions) so both runs count the same things
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_members(cast, n: int) -> None:
    for _ in range(n):
        GroupMembershipFactory(group=cast.group, partner=CityFactory())
        GroupMembershipFactory(
            group=cast.group, partner=PartnerFactory(), status=MembershipStatus.REQUESTED, joined_on=None
        )
        WorkingGroupFactory(segment=cast.segment)


PAGES = ["/segments/", "/segments/urban-logistics/", "/groups/", "/groups/e-freight/"]


@pytest.mark.parametrize(
    "who, url", [("anonymous", url) for url in PAGES] + [("lead", url) for url in [*PAGES, "/me/"]]
)
def test_pages_run_a_constant_number_of_queries(client, cast, who, url):
    if who != "anonymous":
        client.force_login(cast.lead)
    add_members(cast, 2)
    few = queries(client, url)
    add_members(cast, 20)
    assert queries(client, url) == few


def test_me_runs_a_constant_number_of_queries_for_a_lead_of_many_groups(client, cast):
    client.force_login(cast.lead)
    few = queries(client, "/me/")
    for _ in range(10):
        group = WorkingGroupFactory(segment=cast.segment)
        GroupMembershipFactory(group=group, partner=cast.lead_partner, role=GroupRole.LEAD)
        GroupMembershipFactory(group=group, status=MembershipStatus.REQUESTED, joined_on=None)
    assert queries(client, "/me/") == few
