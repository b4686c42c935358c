from typing import Any

from django import template

from partners.access import acts_for_partner, is_coordinator
from partners.models import Person

from ..models import GroupMembership, MembershipStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def group_overview(context: template.Context, person: Person) -> dict[str, Any]:
    """For /me/: the groups of the person's organisation with their roles, its pending requests and
    the requests waiting for the person's decision (as a representative of a group's lead, or as a
    coordinator). Two queries, whatever the numbers."""
    own = GroupMembership.objects.filter(
        partner=person.partner_id, status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED]
    ).select_related("group__segment")
    if is_coordinator(context["request"].user):
        waiting = GroupMembership.objects.pending()
    elif acts_for_partner(person):
        waiting = GroupMembership.objects.awaiting_decision_of(person.partner)
    else:
        waiting = GroupMembership.objects.none()
    own = list(own.order_by("group__name"))
    return {
        "groups": [m for m in own if m.status == MembershipStatus.ACTIVE],
        "requests": [m for m in own if m.status == MembershipStatus.REQUESTED],
        "waiting": waiting.select_related("partner", "group").order_by("requested_at"),
    }
