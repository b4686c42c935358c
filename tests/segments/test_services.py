"""The workflow's rules, called directly: each allowed and each refused, with nothing changed on refusal."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEntry
from core.errors import Reason, ServiceError
from segments import services
from segments.models import GroupMembership, GroupRole, MembershipStatus
from tests.factories import GroupMembershipFactory, PartnerFactory, RepresentativeFactory


def refused(call, reason: Reason) -> str:
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.reason == reason
    return raised.value.message


def ask(cast) -> GroupMembership:
    """Tartu's representative asks to join the group by request."""
    return services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)


def snapshot():
    return list(GroupMembership.objects.order_by("pk").values()), AuditEntry.objects.count()


def test_asking_to_join_a_group_by_request_records_a_pending_request(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = services.request_group_membership(
            group=cast.group, partner=cast.partner_b, by=cast.rep_b, message="Hi"
        )
    assert (m.status, m.role, m.joined_on, m.message) == (
        MembershipStatus.REQUESTED,
        GroupRole.MEMBER,
        None,
        "Hi",
    )
    assert AuditEntry.objects.get().action == "group_membership.requested"
    [email] = mail.outbox
    assert email.subject == "Tartu asks to join E-freight"
    assert {"rep@tartu.example", "lead@aarhus.example", "coordination@ev4scc.eu"} <= set(email.to)


def test_joining_an_open_group_is_active_at_once(cast, open_group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        m = services.request_group_membership(group=open_group, partner=cast.partner_b, by=cast.rep_b)
    assert (m.status, m.joined_on) == (MembershipStatus.ACTIVE, timezone.localdate())
    assert mail.outbox[0].subject == "Tartu joined Cargo bikes"


def test_asking_for_another_partner_is_forbidden(cast):
    before = snapshot()
    refused(
        lambda: services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_a),
        Reason.FORBIDDEN,
    )
    assert snapshot() == before


def test_a_coordinator_may_ask_for_any_partner(cast):
    m = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.coordinator)
    assert m.status == MembershipStatus.REQUESTED


def test_asking_twice_or_when_already_a_member_changes_nothing(cast):
    ask(cast)
    before = snapshot()
    message = refused(
        lambda: services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b),
        Reason.CONFLICT,
    )
    assert "already asked" in message
    message = refused(
        lambda: services.request_group_membership(group=cast.group, partner=cast.partner_a, by=cast.rep_a),
        Reason.CONFLICT,
    )
    assert "already a member" in message
    assert snapshot() == before


def test_a_partner_that_left_the_network_cannot_join(cast):
    cast.partner_b.left_on = timezone.localdate()
    cast.partner_b.save()
    # Its representatives no longer act for it; and not even a coordinator can add it to a group.
    refused(
        lambda: services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b),
        Reason.FORBIDDEN,
    )
    refused(
        lambda: services.request_group_membership(
            group=cast.group, partner=cast.partner_b, by=cast.coordinator
        ),
        Reason.INVALID,
    )


@pytest.mark.parametrize(
    "status", [MembershipStatus.DECLINED, MembershipStatus.WITHDRAWN, MembershipStatus.LEFT]
)
def test_asking_again_opens_a_new_period_and_keeps_the_old_one(cast, status):
    left_on = timezone.localdate() - timedelta(days=3) if status == "left" else None
    joined_on = timezone.localdate() - timedelta(days=30) if status == "left" else None
    old = GroupMembershipFactory(
        group=cast.group, partner=cast.partner_b, status=status, joined_on=joined_on, left_on=left_on
    )
    m = ask(cast)
    assert m.pk != old.pk and m.status == MembershipStatus.REQUESTED and m.joined_on is None
    old.refresh_from_db()
    assert (old.status, old.joined_on, old.left_on) == (status, joined_on, left_on)
    assert GroupMembership.objects.filter(group=cast.group, partner=cast.partner_b).count() == 2


def test_the_database_holds_one_open_period_per_partner_and_group(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(
            group=cast.group, partner=cast.partner_a, status=MembershipStatus.REQUESTED
        )
    # Closed periods beside the open one are history, not a second membership.
    GroupMembership.objects.create(
        group=cast.group,
        partner=cast.partner_a,
        status=MembershipStatus.LEFT,
        joined_on=date(2016, 3, 1),
        left_on=date(2016, 6, 1),
    )


def test_leaving_and_rejoining_an_open_group_is_two_periods(cast):
    cast.group.admission = "open"
    cast.group.save()
    first = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    services.leave_group(membership=first, by=cast.rep_b)
    second = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    first.refresh_from_db()
    assert first.pk != second.pk
    assert (first.status, second.status) == (MembershipStatus.LEFT, MembershipStatus.ACTIVE)
    assert first.left_on == first.joined_on == second.joined_on == timezone.localdate()


def test_the_lead_approves_a_request(cast, django_capture_on_commit_callbacks):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    with django_capture_on_commit_callbacks(execute=True):
        m = services.approve_membership_request(membership=pending, by=cast.lead, message="Welcome")
    assert (m.status, m.joined_on, m.decided_by) == (
        MembershipStatus.ACTIVE,
        timezone.localdate(),
        cast.lead,
    )
    entry = AuditEntry.objects.get(action="group_membership.approved")
    assert entry.after["message"] == "Welcome" and entry.actor == cast.lead
    approved = mail.outbox[-1]
    assert "Welcome" in approved.body and "rep@tartu.example" in approved.to


def test_the_lead_declines_a_request(cast):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    m = services.decline_membership_request(membership=pending, by=cast.lead)
    assert m.status == MembershipStatus.DECLINED and m.joined_on is None


def test_a_coordinator_may_decide(cast):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    assert services.approve_membership_request(membership=pending, by=cast.coordinator).status == "active"


@pytest.mark.parametrize("who", ["rep_a", "rep_b"])
@pytest.mark.parametrize("decide", [services.approve_membership_request, services.decline_membership_request])
def test_only_the_lead_or_a_coordinator_decides(cast, who, decide):
    pending = ask(cast)
    before = snapshot()
    refused(lambda: decide(membership=pending, by=getattr(cast, who)), Reason.FORBIDDEN)
    assert snapshot() == before


def test_a_non_representative_person_of_the_lead_partner_is_not_the_lead(cast):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    staff_member = RepresentativeFactory(partner=cast.lead_partner, is_representative=False).user
    refused(
        lambda: services.approve_membership_request(membership=pending, by=staff_member), Reason.FORBIDDEN
    )


def test_approving_a_withdrawn_request_says_so_and_changes_nothing(cast):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    services.withdraw_request(membership=pending, by=cast.rep_b)
    before = snapshot()
    message = refused(
        lambda: services.approve_membership_request(membership=pending, by=cast.lead), Reason.CONFLICT
    )
    assert "withdrawn" in message
    assert snapshot() == before


def test_withdrawing_is_for_the_requester_and_only_while_pending(cast):
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    refused(lambda: services.withdraw_request(membership=pending, by=cast.lead), Reason.FORBIDDEN)
    assert services.withdraw_request(membership=pending, by=cast.rep_b).status == MembershipStatus.WITHDRAWN
    refused(lambda: services.withdraw_request(membership=pending, by=cast.rep_b), Reason.CONFLICT)


def test_a_member_leaves(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        m = services.leave_group(membership=cast.membership_a, by=cast.rep_a)
    assert (m.status, m.left_on) == (MembershipStatus.LEFT, timezone.localdate())
    assert mail.outbox[0].subject == "Voltaic Fleets left E-freight"
    assert AuditEntry.objects.get().before["status"] == "active"


@pytest.mark.parametrize("who", ["lead", "rep_b"])
def test_only_the_partner_takes_itself_out(cast, who):
    refused(
        lambda: services.leave_group(membership=cast.membership_a, by=getattr(cast, who)), Reason.FORBIDDEN
    )
    cast.membership_a.refresh_from_db()
    assert cast.membership_a.status == MembershipStatus.ACTIVE


def test_the_last_lead_cannot_leave_without_handing_over(cast):
    before = snapshot()
    message = refused(
        lambda: services.leave_group(membership=cast.lead_membership, by=cast.lead), Reason.CONFLICT
    )
    assert "hand over the lead" in message
    assert snapshot() == before


def test_a_lead_leaves_when_another_lead_remains(cast):
    services.change_role(membership=cast.membership_a, role=GroupRole.LEAD, by=cast.lead)
    assert services.leave_group(membership=cast.lead_membership, by=cast.lead).status == MembershipStatus.LEFT


def test_leaving_twice_is_refused(cast):
    services.leave_group(membership=cast.membership_a, by=cast.rep_a)
    refused(lambda: services.leave_group(membership=cast.membership_a, by=cast.rep_a), Reason.CONFLICT)


def test_the_lead_changes_a_role(cast):
    m = services.change_role(membership=cast.membership_a, role=GroupRole.OBSERVER, by=cast.lead)
    assert m.role == GroupRole.OBSERVER
    assert AuditEntry.objects.get().after["role"] == "observer"


@pytest.mark.parametrize("who", ["rep_a", "rep_b"])
def test_only_the_lead_or_a_coordinator_changes_roles(cast, who):
    refused(
        lambda: services.change_role(
            membership=cast.membership_a, role=GroupRole.LEAD, by=getattr(cast, who)
        ),
        Reason.FORBIDDEN,
    )
    cast.membership_a.refresh_from_db()
    assert cast.membership_a.role == GroupRole.MEMBER


def test_role_changes_keep_a_lead_and_a_known_role(cast):
    assert "hand over" in refused(
        lambda: services.change_role(
            membership=cast.lead_membership, role=GroupRole.MEMBER, by=cast.coordinator
        ),
        Reason.CONFLICT,
    )
    refused(
        lambda: services.change_role(membership=cast.membership_a, role="boss", by=cast.lead), Reason.INVALID
    )
    refused(
        lambda: services.change_role(membership=cast.membership_a, role=GroupRole.MEMBER, by=cast.lead),
        Reason.CONFLICT,
    )


def test_handing_over_the_lead_is_one_step(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.hand_over_lead(group=cast.group, to_membership=cast.membership_a, by=cast.lead)
    cast.lead_membership.refresh_from_db()
    cast.membership_a.refresh_from_db()
    assert (cast.lead_membership.role, cast.membership_a.role) == (GroupRole.MEMBER, GroupRole.LEAD)
    assert mail.outbox[0].subject == "Voltaic Fleets now leads E-freight"
    assert {"lead@aarhus.example", "rep@voltaic.example"} <= set(mail.outbox[0].to)


def test_a_coordinator_hands_over_every_lead(cast):
    services.hand_over_lead(group=cast.group, to_membership=cast.membership_a, by=cast.coordinator)
    assert list(GroupMembership.objects.leads().filter(group=cast.group)) == [cast.membership_a]


@pytest.mark.parametrize("who", ["rep_a", "rep_b"])
def test_only_the_lead_or_a_coordinator_hands_over(cast, who):
    refused(
        lambda: services.hand_over_lead(
            group=cast.group, to_membership=cast.membership_a, by=getattr(cast, who)
        ),
        Reason.FORBIDDEN,
    )
    cast.lead_membership.refresh_from_db()
    assert cast.lead_membership.role == GroupRole.LEAD


def test_the_lead_goes_to_an_active_member_of_the_same_group(cast, open_group):
    stranger = GroupMembershipFactory(group=open_group, partner=PartnerFactory())
    refused(
        lambda: services.hand_over_lead(group=cast.group, to_membership=stranger, by=cast.lead),
        Reason.INVALID,
    )
    pending = services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    refused(
        lambda: services.hand_over_lead(group=cast.group, to_membership=pending, by=cast.lead),
        Reason.CONFLICT,
    )
    refused(
        lambda: services.hand_over_lead(group=cast.group, to_membership=cast.lead_membership, by=cast.lead),
        Reason.CONFLICT,
    )


@pytest.mark.parametrize(
    "step, subject",
    [
        (
            lambda cast, m: services.withdraw_request(membership=m, by=cast.rep_b),
            "Tartu withdrew its request to join E-freight",
        ),
        (
            lambda cast, m: services.decline_membership_request(
                membership=m, by=cast.lead, message="Not now"
            ),
            "Request of Tartu to join E-freight declined",
        ),
    ],
)
def test_each_decision_on_a_request_is_emailed_to_the_requester_and_the_lead(
    cast, django_capture_on_commit_callbacks, step, subject
):
    with django_capture_on_commit_callbacks(execute=True):
        step(cast, ask(cast))
    assert mail.outbox[-1].subject == subject
    assert {"rep@tartu.example", "lead@aarhus.example"} <= set(mail.outbox[-1].to)


def test_a_role_change_is_emailed_and_shows_in_the_group_history(
    cast, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_role(membership=cast.membership_a, role=GroupRole.OBSERVER, by=cast.lead)
    assert mail.outbox[0].subject == "New role for Voltaic Fleets in E-freight"
    activity = client.get("/groups/e-freight/").context["activity"]
    assert "Voltaic Fleets became observer" in [item.text for item in activity]


def test_text_emails_are_not_html_escaped(cast, django_capture_on_commit_callbacks):
    cast.partner_b.name = "Tartu & Co"
    cast.partner_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast)
    assert mail.outbox[0].subject == "Tartu & Co asks to join E-freight"
    assert "&amp;" not in mail.outbox[0].body
