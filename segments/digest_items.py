"""What segments tells a subscriber in the digest email (see core.contributions.DIGEST_ITEMS): who
joined or left the working groups the subscriber follows during the period.

`collect` reads `subscription.groups` (a manager or queryset of `WorkingGroup`) and `period.start`
and `period.end` (dates, inclusive); it runs one query.
"""

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Q

from core.contributions import DIGEST_ITEMS, DigestItems
from partners.models import Partner

from .models import GroupMembership, MembershipStatus, WorkingGroup


@dataclass
class GroupChanges:
    group: WorkingGroup
    joined: list[Partner] = field(default_factory=list)
    left: list[Partner] = field(default_factory=list)


def group_changes(subscription: Any, period: Any) -> list[GroupChanges]:
    memberships = (
        GroupMembership.objects.filter(group__in=subscription.groups.values("pk"))
        .filter(
            Q(
                joined_on__range=(period.start, period.end),
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT],
            )
            | Q(left_on__range=(period.start, period.end))
        )
        .select_related("partner", "group")
        .order_by("group__name", "group_id", "partner__name")
    )
    result = []
    for group, rows in groupby(memberships, lambda m: m.group):
        entry = GroupChanges(group)
        for membership in rows:
            if membership.joined_on and period.start <= membership.joined_on <= period.end:
                entry.joined.append(membership.partner)
            if membership.left_on and period.start <= membership.left_on <= period.end:
                entry.left.append(membership.partner)
        result.append(entry)
    return result


DIGEST_ITEMS.register(
    DigestItems(
        key="groups",
        collect=group_changes,
        template="segments/email/digest_groups.html",
        text_template="segments/email/digest_groups.txt",
        order=50,
    )
)
