"""A working group's short history: who joined and left (from the memberships' dates), role
changes (from the audit entries) and what the apps above segments saw happen in it (GROUP_ACTIVITY:
what its sessions decided)."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from core.contributions import GROUP_ACTIVITY, Happening

from .models import GroupMembership, GroupRole, WorkingGroup

ROLE_ACTIONS = ("group_membership.role_changed", "group_membership.lead_taken_over")


def group_activity(
    group: WorkingGroup, memberships: Iterable[GroupMembership], limit: int = 12
) -> list[Happening]:
    """The latest `limit` happenings, newest first; `memberships` are already loaded, so this costs
    one query for the audit entries and one per contributed source."""
    memberships = {str(m.pk): m for m in memberships}
    joined, left = defaultdict(list), defaultdict(list)
    for m in memberships.values():
        if m.joined_on:
            joined[m.joined_on].append(m.partner.name)
        if m.left_on:
            left[m.left_on].append(m.partner.name)
    # Partners joining or leaving on the same day make one line (a founding day has many).
    items = [
        Happening(on, _("%(partners)s joined") % {"partners": ", ".join(sorted(names))})
        for on, names in joined.items()
    ]
    items += [
        Happening(on, _("%(partners)s left") % {"partners": ", ".join(sorted(names))})
        for on, names in left.items()
    ]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(GroupMembership),
        object_id__in=memberships,
        action__in=ROLE_ACTIONS,
    )
    for entry in entries:
        role = GroupRole(entry.after["role"]).label if entry.after.get("role") in GroupRole.values else ""
        partner = memberships[entry.object_id].partner
        items.append(
            Happening(
                timezone.localdate(entry.at),
                _("%(partner)s became %(role)s") % {"partner": partner, "role": str(role).lower()},
            )
        )
    for source in GROUP_ACTIVITY:
        items.extend(source.collect(group))
    # Newest first; on the same day, what was decided before who joined.
    return sorted(items, key=lambda item: (item.on, bool(item.detail)), reverse=True)[:limit]
