"""segments' part of the digest (segments.digest_items), on its own: the subscription and the period
are anything with the attributes it reads, so segments needs nothing from the digests app."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from segments.digest_items import group_changes
from segments.models import MembershipStatus, WorkingGroup
from tests.factories import GroupMembershipFactory, PartnerFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

PERIOD = SimpleNamespace(start=date(2026, 3, 2), end=date(2026, 3, 8))


def test_who_joined_and_left_the_followed_groups_in_one_query():
    group = WorkingGroupFactory(name="E-freight")
    GroupMembershipFactory(group=group, partner=PartnerFactory(name="Tartu"), joined_on=PERIOD.end)
    GroupMembershipFactory(
        group=group,
        partner=PartnerFactory(name="Graz"),
        status=MembershipStatus.LEFT,
        joined_on=date(2025, 1, 1),
        left_on=PERIOD.start,
    )
    GroupMembershipFactory(group=group, partner=PartnerFactory(name="Before"), joined_on=date(2026, 3, 1))
    GroupMembershipFactory(partner=PartnerFactory(name="Other group"), joined_on=PERIOD.start)
    subscription = SimpleNamespace(groups=WorkingGroup.objects.filter(pk=group.pk))

    with CaptureQueriesContext(connection) as queries:
        [entry] = group_changes(subscription, PERIOD)

    assert len(queries) == 1
    assert entry.group == group
    assert [p.name for p in entry.joined] == ["Tartu"] and [p.name for p in entry.left] == ["Graz"]
    text = render_to_string(
        "segments/email/digest_groups.txt",
        {"part": SimpleNamespace(items=[entry]), "site_url": "https://ev4scc.example"},
    )
    assert text == (
        "Working groups\n"
        "- E-freight: 1 joined (Tartu); 1 left (Graz)\n"
        f"  https://ev4scc.example{group.get_absolute_url()}\n"
        "\n"
    )


def test_nothing_followed_nothing_to_tell():
    GroupMembershipFactory(joined_on=PERIOD.start)
    assert group_changes(SimpleNamespace(groups=WorkingGroup.objects.none()), PERIOD) == []
