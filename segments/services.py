"""The working-group workflow: ask to join, withdraw, approve or decline, leave, change roles, hand
over the lead; and the coordinators' audited correction of a past membership period. Each function
is one transaction that checks its rules, records an audit entry and emails the people concerned
(sent only once the transaction commits)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from core.errors import Reason, ServiceError
from partners.access import is_coordinator
from partners.languages import mail_people
from partners.models import Partner, Person

from .access import can_act_for, can_manage, lead_membership_of
from .models import GroupMembership, GroupRole, MembershipStatus, WorkingGroup
from .signals import history_corrected


def _state(membership: GroupMembership) -> dict[str, Any]:
    return {
        "status": membership.status,
        "role": membership.role,
        "joined_on": membership.joined_on.isoformat() if membership.joined_on else None,
        "left_on": membership.left_on.isoformat() if membership.left_on else None,
    }


def _lock_group(group: WorkingGroup) -> WorkingGroup:
    """Lock the group's row: every change to its memberships goes through it, so two concurrent
    changes (two leads stepping down, a leave and a hand-over) can't together break its rules."""
    return WorkingGroup.objects.select_for_update().get(pk=group.pk)


def _locked_membership(membership: GroupMembership) -> GroupMembership:
    _lock_group(membership.group)
    return (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("partner", "group")
        .get(pk=membership.pk)
    )


def _recipients(group: WorkingGroup, *partners: Partner) -> list[Person]:
    """The representatives of these partners and of the group's lead partners."""
    lead_partners = GroupMembership.objects.leads().filter(group=group).values("partner")
    return list(
        Person.objects.representatives().filter(Q(partner__in=[*partners]) | Q(partner__in=lead_partners))
    )


def _notify(template: str, membership: GroupMembership, *, coordinators: bool = False, **context) -> None:
    # Each representative in their own language; the coordinators in the source language.
    mail_people(
        people=_recipients(membership.group, membership.partner),
        also_to=settings.COORDINATORS_EMAIL if coordinators else (),
        template=f"segments/email/{template}",
        context={
            "membership": membership,
            "group": membership.group,
            "partner": membership.partner,
            **context,
        },
    )


def _has_other_lead(membership: GroupMembership) -> bool:
    return (
        GroupMembership.objects.leads().filter(group=membership.group_id).exclude(pk=membership.pk).exists()
    )


def _require_pending(membership: GroupMembership) -> None:
    if membership.status == MembershipStatus.REQUESTED:
        return
    messages = {
        MembershipStatus.WITHDRAWN: _("This request was withdrawn: there is nothing to decide."),
        MembershipStatus.DECLINED: _("This request was already declined."),
        MembershipStatus.ACTIVE: _("%(partner)s is already a member of this group."),
        MembershipStatus.LEFT: _("%(partner)s left this group and has no pending request."),
    }
    message = messages[MembershipStatus(membership.status)] % {"partner": membership.partner}
    raise ServiceError(message, reason=Reason.CONFLICT)


def _require_active(membership: GroupMembership) -> None:
    if membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(
            _("%(partner)s is not a member of this group.") % {"partner": membership.partner},
            reason=Reason.CONFLICT,
        )


@transaction.atomic
def request_group_membership(
    *, group: WorkingGroup, partner: Partner, by: AbstractBaseUser, message: str = ""
) -> GroupMembership:
    """Ask to join on the partner's behalf: an open group admits at once, a group by request records
    a pending request for its lead. Each time is a new period: a declined, withdrawn or left one
    stays as it was, so the past does not change."""
    if not can_act_for(by, partner):
        raise ServiceError(
            _("Only a representative of %(partner)s can ask to join on its behalf.") % {"partner": partner},
            reason=Reason.FORBIDDEN,
        )
    if not partner.is_active():
        raise ServiceError(_("%(partner)s is not in the network.") % {"partner": partner})
    group = _lock_group(group)
    membership = GroupMembership.objects.open().filter(group=group, partner=partner).first()
    if membership and membership.status == MembershipStatus.ACTIVE:
        raise ServiceError(
            _("%(partner)s is already a member of %(group)s.") % {"partner": partner, "group": group},
            reason=Reason.CONFLICT,
        )
    if membership and membership.status == MembershipStatus.REQUESTED:
        raise ServiceError(
            _("%(partner)s has already asked to join %(group)s; the request waits for the lead.")
            % {"partner": partner, "group": group},
            reason=Reason.CONFLICT,
        )
    # A new period: earlier ones (declined, withdrawn, left) stay as they were.
    membership = GroupMembership(
        group=group, partner=partner, role=GroupRole.MEMBER, requested_at=timezone.now(), message=message
    )
    if group.is_open:
        membership.status = MembershipStatus.ACTIVE
        membership.joined_on = timezone.localdate()
    else:
        membership.status = MembershipStatus.REQUESTED
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # a concurrent request for the same partner and group won
        raise ServiceError(
            _("%(partner)s has already asked to join %(group)s.") % {"partner": partner, "group": group},
            reason=Reason.CONFLICT,
        ) from error
    action = "group_membership.joined" if group.is_open else "group_membership.requested"
    record(actor=by, action=action, target=membership, after=_state(membership))
    if group.is_open:
        _notify("membership_joined", membership)
    else:
        # Coordinators may decide too, and must when the group has no lead.
        _notify("membership_requested", membership, coordinators=True)
    return membership


@transaction.atomic
def withdraw_request(*, membership: GroupMembership, by: AbstractBaseUser) -> GroupMembership:
    if not can_act_for(by, membership.partner):
        raise ServiceError(
            _("Only a representative of %(partner)s can withdraw its request.")
            % {"partner": membership.partner},
            reason=Reason.FORBIDDEN,
        )
    membership = _locked_membership(membership)
    if membership.status != MembershipStatus.REQUESTED:
        raise ServiceError(_("There is no pending request to withdraw."), reason=Reason.CONFLICT)
    before = _state(membership)
    membership.status = MembershipStatus.WITHDRAWN
    membership.save(update_fields=["status"])
    record(
        actor=by,
        action="group_membership.withdrawn",
        target=membership,
        before=before,
        after=_state(membership),
    )
    _notify("request_withdrawn", membership)
    return membership


def _decide(
    *, membership: GroupMembership, by: AbstractBaseUser, message: str, approve: bool
) -> GroupMembership:
    if not can_manage(by, membership.group):
        raise ServiceError(
            _("Only the group's lead or a coordinator can decide on requests to join."),
            reason=Reason.FORBIDDEN,
        )
    membership = _locked_membership(membership)
    _require_pending(membership)
    before = _state(membership)
    membership.decided_by = by
    membership.decided_at = timezone.now()
    if approve:
        membership.status = MembershipStatus.ACTIVE
        membership.joined_on = timezone.localdate()
        membership.left_on = None
    else:
        membership.status = MembershipStatus.DECLINED
    membership.save()
    action = "group_membership.approved" if approve else "group_membership.declined"
    record(
        actor=by,
        action=action,
        target=membership,
        before=before,
        after={**_state(membership), "message": message},
    )
    _notify("request_approved" if approve else "request_declined", membership, message=message)
    return membership


@transaction.atomic
def approve_membership_request(
    *, membership: GroupMembership, by: AbstractBaseUser, message: str = ""
) -> GroupMembership:
    return _decide(membership=membership, by=by, message=message, approve=True)


@transaction.atomic
def decline_membership_request(
    *, membership: GroupMembership, by: AbstractBaseUser, message: str = ""
) -> GroupMembership:
    return _decide(membership=membership, by=by, message=message, approve=False)


@transaction.atomic
def leave_group(*, membership: GroupMembership, by: AbstractBaseUser) -> GroupMembership:
    if not can_act_for(by, membership.partner):
        raise ServiceError(
            _("Only a representative of %(partner)s can take it out of the group.")
            % {"partner": membership.partner},
            reason=Reason.FORBIDDEN,
        )
    membership = _locked_membership(membership)
    _require_active(membership)
    if membership.role == GroupRole.LEAD and not _has_other_lead(membership):
        raise ServiceError(
            _("%(partner)s is the group's only lead: hand over the lead to another member before leaving.")
            % {"partner": membership.partner},
            reason=Reason.CONFLICT,
        )
    before = _state(membership)
    membership.status = MembershipStatus.LEFT
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["status", "left_on"])
    record(
        actor=by, action="group_membership.left", target=membership, before=before, after=_state(membership)
    )
    _notify("membership_left", membership)
    return membership


@transaction.atomic
def change_role(*, membership: GroupMembership, role: str, by: AbstractBaseUser) -> GroupMembership:
    if not can_manage(by, membership.group):
        raise ServiceError(
            _("Only the group's lead or a coordinator can change roles."), reason=Reason.FORBIDDEN
        )
    if role not in GroupRole.values:
        raise ServiceError(_("Choose a role: lead, member or observer."), field="role")
    membership = _locked_membership(membership)
    _require_active(membership)
    if membership.role == role:
        raise ServiceError(
            _("%(partner)s already has this role.") % {"partner": membership.partner},
            reason=Reason.CONFLICT,
            field="role",
        )
    if membership.role == GroupRole.LEAD and not _has_other_lead(membership):
        raise ServiceError(
            _("%(partner)s is the group's only lead: hand over the lead instead.")
            % {"partner": membership.partner},
            reason=Reason.CONFLICT,
            field="role",
        )
    before = _state(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        actor=by,
        action="group_membership.role_changed",
        target=membership,
        before=before,
        after=_state(membership),
    )
    _notify("role_changed", membership)
    return membership


@transaction.atomic
def hand_over_lead(
    *, group: WorkingGroup, to_membership: GroupMembership, by: AbstractBaseUser
) -> GroupMembership:
    """Make `to_membership` the lead and the current lead a member, in one step, so the group is
    never without a lead. A lead hands over their own lead role; a coordinator hands over all leads'."""
    if not can_manage(by, group):
        raise ServiceError(
            _("Only the group's lead or a coordinator can hand over the lead."), reason=Reason.FORBIDDEN
        )
    group = _lock_group(group)
    successor = (
        GroupMembership.objects.select_for_update(of=("self",))
        .select_related("partner", "group")
        .get(pk=to_membership.pk)
    )
    if successor.group_id != group.pk:
        raise ServiceError(_("Hand the lead over to a member of this group."), field="membership")
    _require_active(successor)
    if successor.role == GroupRole.LEAD:
        raise ServiceError(
            _("%(partner)s already leads this group.") % {"partner": successor.partner},
            reason=Reason.CONFLICT,
            field="membership",
        )
    own_lead = lead_membership_of(by, group)
    stepping_down = (
        [own_lead]
        if own_lead
        else list(GroupMembership.objects.leads().filter(group=group).select_for_update())
    )
    for old in stepping_down:
        before = _state(old)
        old.role = GroupRole.MEMBER
        old.save(update_fields=["role"])
        record(
            actor=by, action="group_membership.lead_handed_over", target=old, before=before, after=_state(old)
        )
    before = _state(successor)
    successor.role = GroupRole.LEAD
    successor.save(update_fields=["role"])
    record(
        actor=by,
        action="group_membership.lead_taken_over",
        target=successor,
        before=before,
        after=_state(successor),
    )
    mail_people(
        people=_recipients(group, successor.partner, *(old.partner for old in stepping_down)),
        template="segments/email/lead_handed_over",
        context={"group": group, "successor": successor, "previous": stepping_down},
    )
    return successor


# --- corrections of the past ----------------------------------------------------------------------


def check_correction(*, by: AbstractBaseUser, reason: str, days: list[date | None]) -> None:
    """The rules every correction of the past shares: a coordinator, a reason for the audit trail,
    and no date in the future (the present is changed by the workflow, not by a correction)."""
    if not is_coordinator(by):
        raise ServiceError(_("Only a coordinator can correct the past."), reason=Reason.FORBIDDEN)
    if not reason.strip():
        raise ServiceError(_("Say why the past is corrected: it goes into the audit trail."), field="reason")
    today = timezone.localdate()
    if any(day is not None and day > today for day in days):
        raise ServiceError(_("A correction cannot set a date in the future."), field="joined_on")


def corrected_from(*days: date | None) -> date:
    """The first day whose figures a correction between these dates (old and new) may change."""
    return min(day for day in days if day is not None)


@transaction.atomic
def correct_membership_period(
    *, membership: GroupMembership, joined_on: date, left_on: date | None, by: AbstractBaseUser, reason: str
) -> GroupMembership:
    """Correct the dates of a period that was held (an active or left membership): the one way to
    change the past, audited with the reason, after which the figures are recomputed from the
    earlier of the old and new dates on (`history_corrected`)."""
    check_correction(by=by, reason=reason, days=[joined_on, left_on])
    membership = _locked_membership(membership)
    if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.LEFT):
        raise ServiceError(
            _("Only a period that was held (active or left) has dates to correct."), reason=Reason.CONFLICT
        )
    if membership.status == MembershipStatus.ACTIVE and left_on is not None:
        raise ServiceError(
            _("This membership is still active: it has no left date (take it out of the group instead)."),
            field="left_on",
        )
    if membership.status == MembershipStatus.LEFT and left_on is None:
        raise ServiceError(_("This membership ended: give the day it was left."), field="left_on")
    if left_on is not None and left_on < joined_on:
        raise ServiceError(_("A membership cannot end before the day it began."), field="left_on")
    overlapping = (
        GroupMembership.objects.filter(group=membership.group_id, partner=membership.partner_id)
        .exclude(pk=membership.pk)
        .exclude(joined_on=None)
        .filter(joined_on__lte=left_on or date.max)
        .filter(Q(left_on=None) | Q(left_on__gt=joined_on))
    )
    if overlapping.exists():
        raise ServiceError(
            _("These dates overlap another period of %(partner)s in this group.")
            % {"partner": membership.partner},
            field="joined_on",
        )
    before = _state(membership)
    old_joined, old_left = membership.joined_on, membership.left_on
    membership.joined_on, membership.left_on = joined_on, left_on
    membership.save(update_fields=["joined_on", "left_on"])
    record(
        actor=by,
        action="group_membership.period_corrected",
        target=membership,
        before=before,
        after={**_state(membership), "reason": reason},
    )
    history_corrected.send(
        sender=GroupMembership, from_date=corrected_from(old_joined, old_left, joined_on, left_on)
    )
    return membership
