"""Who may do what in a working group: the one definition of a group lead, built on partners'
coordinator and representative of an active partner. Views, templates, services and the apps
above (an event of a group is run by its lead) all ask here."""

from partners.access import User, acting_representative, is_coordinator, represents
from partners.models import Partner

from .models import GroupMembership, WorkingGroup


def lead_membership_of(user: User | None, group: WorkingGroup) -> GroupMembership | None:
    """The active lead membership the user holds as a representative of the lead partner, if any."""
    person = acting_representative(user)
    if person is None:
        return None
    return GroupMembership.objects.leads().filter(group=group, partner_id=person.partner_id).first()


def is_group_lead(user: User | None, group: WorkingGroup) -> bool:
    """A representative of a partner in the network that leads the group."""
    return lead_membership_of(user, group) is not None


def can_manage(user: User | None, group: WorkingGroup) -> bool:
    """Decide on requests, change roles, hand over the lead: the group's lead or a coordinator."""
    return is_coordinator(user) or is_group_lead(user, group)


def can_act_for(user: User | None, partner: Partner) -> bool:
    """Ask to join, withdraw a request, leave: a representative of the partner or a coordinator."""
    return represents(user, partner)
