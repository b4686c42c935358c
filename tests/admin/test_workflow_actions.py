"""The admin's workflow actions call the same services as the pages: the same rules, audit entries
and emails; a refusal is reported per object, never a 500 and never half done."""

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEntry
from events.models import RegistrationStatus
from partners.models import ApplicationStatus, MembershipApplication, Partner, Person
from projects.models import NeedStatus, Project, ProjectStatus, ProjectStatusChange
from segments.models import Admission, GroupRole, MembershipStatus
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory

from .helpers import reported, run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(username="coordinator", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def application(db):
    application = MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        population=95_000,
        contact_name="Kai Tamm",
        contact_email="kai@tartu.example",
        consented_at=timezone.now(),
    )
    application.segments_of_interest.set([SegmentFactory(short_name="E-bus")])
    return application


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the emails), as a real request's end would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- membership applications ---------------------------------------------------------------------


def test_an_admin_approval_sends_the_invitation_and_records_the_entry(
    client, coordinator, application, commit
):
    with commit():
        response = run_action(client, "approve", application)
    assert response.status_code == 200
    assert reported(response) == [("success", "Tartu Linn: approved, invitation sent.")]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.reviewed_by == coordinator
    assert Person.objects.get(email="kai@tartu.example").partner == application.partner
    [invitation] = mail.outbox
    assert invitation.to == ["kai@tartu.example"]
    assert invitation.subject == "Welcome to EV4SCC, Tartu Linn"
    assert "Set your password here" in invitation.body
    entry = AuditEntry.objects.get(action="application.approved")
    assert entry.actor == coordinator
    assert entry.object_id == str(application.pk)
    assert entry.after["via"] == "admin"
    assert entry.after["partner"] == application.partner.slug


def test_approving_twice_reports_the_refusal_and_duplicates_nothing(client, coordinator, application, commit):
    with commit():
        run_action(client, "approve", application)
    with commit():
        response = run_action(client, "approve", application)
    assert response.status_code == 200
    assert reported(response) == [("error", "Tartu Linn: This application has already been reviewed.")]
    assert Partner.objects.count() == 1
    assert AuditEntry.objects.filter(action="application.approved").count() == 1
    assert len(mail.outbox) == 1


def test_one_refusal_does_not_stop_the_other_selected_applications(client, coordinator, application, commit):
    taken = MembershipApplication.objects.create(
        organisation_name="Taken Ltd",
        kind="company",
        country="DE",
        city="Bonn",
        contact_name="Already Known",
        contact_email="known@example.org",
        consented_at=timezone.now(),
    )
    PersonFactory(email="known@example.org")
    with commit():
        response = run_action(client, "approve", application, taken)
    assert sorted(level for level, _ in reported(response)) == ["error", "success"]
    assert MembershipApplication.objects.get(pk=taken.pk).status == ApplicationStatus.PENDING
    assert MembershipApplication.objects.get(pk=application.pk).status == ApplicationStatus.APPROVED


def test_an_admin_rejection_asks_for_a_reason_then_tells_the_applicant(
    client, coordinator, application, commit
):
    asked = run_action(client, "reject", application)
    assert asked.status_code == 200
    assert "reason" in asked.context["form"].fields
    assert asked.context["objects"] == [application]
    assert MembershipApplication.objects.get().status == ApplicationStatus.PENDING

    without = client.post(
        asked.request["PATH_INFO"],
        {"action": "reject", "_selected_action": [application.pk], "apply": "1", "reason": "  "},
    )
    assert without.status_code == 200
    assert without.context["form"].errors["reason"]
    assert MembershipApplication.objects.get().status == ApplicationStatus.PENDING

    with commit():
        response = run_action(client, "reject", application, reason="Outside the programme's countries.")
    assert reported(response) == [("success", "Tartu Linn: rejected, the applicant is told why.")]
    application.refresh_from_db()
    assert (application.status, application.reason) == (
        ApplicationStatus.REJECTED,
        "Outside the programme's countries.",
    )
    assert [message.to for message in mail.outbox] == [["kai@tartu.example"]]
    entry = AuditEntry.objects.get(action="application.rejected")
    assert (entry.actor, entry.after["via"]) == (coordinator, "admin")


# --- working groups ------------------------------------------------------------------------------


def test_an_admin_approves_a_request_to_join_a_group(client, coordinator, commit):
    group = WorkingGroupFactory(admission=Admission.REQUEST)
    lead = GroupMembershipFactory(group=group, role=GroupRole.LEAD)
    RepresentativeFactory(partner=lead.partner, email="lead@example.org")
    request = GroupMembershipFactory(group=group, status=MembershipStatus.REQUESTED, joined_on=None)
    RepresentativeFactory(partner=request.partner, email="asker@example.org")
    with commit():
        response = run_action(client, "approve", request)
    assert [level for level, _ in reported(response)] == ["success"]
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (MembershipStatus.ACTIVE, coordinator)
    assert AuditEntry.objects.get(action="group_membership.approved").after["via"] == "admin"
    assert sorted(mail.outbox[0].to) == ["asker@example.org", "lead@example.org"]

    response = run_action(client, "approve", request)
    assert [level for level, _ in reported(response)] == ["error"]
    assert AuditEntry.objects.filter(action="group_membership.approved").count() == 1


def test_the_only_lead_cannot_be_taken_out_of_the_group_by_the_admin(client, coordinator):
    lead = GroupMembershipFactory(role=GroupRole.LEAD)
    response = run_action(client, "take_out", lead)
    [(level, text)] = reported(response)
    assert level == "error" and "only lead" in text
    lead.refresh_from_db()
    assert lead.status == MembershipStatus.ACTIVE


def test_an_admin_changes_a_role_through_a_form(client, coordinator):
    member = GroupMembershipFactory()
    asked = run_action(client, "change_role", member)
    assert "role" in asked.context["form"].fields
    response = run_action(client, "change_role", member, role=GroupRole.OBSERVER)
    assert [level for level, _ in reported(response)] == ["success"]
    member.refresh_from_db()
    assert member.role == GroupRole.OBSERVER
    assert AuditEntry.objects.filter(action="group_membership.role_changed").count() == 1


# --- events --------------------------------------------------------------------------------------


def test_confirming_a_registration_past_capacity_is_refused(client, coordinator):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    response = run_action(client, "confirm", waiting)
    [(level, text)] = reported(response)
    assert level == "error" and "No seat is free" in text
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert not AuditEntry.objects.exists()


def test_an_admin_confirms_a_waiting_registration_while_a_seat_is_free(client, coordinator, commit):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=RegistrationStatus.WAITLISTED, person=PersonFactory(email="w@example.org")
    )
    with commit():
        response = run_action(client, "confirm", waiting)
    assert [level for level, _ in reported(response)] == ["success"]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [["w@example.org"]]
    assert AuditEntry.objects.get(action="registration.confirmed").after["via"] == "admin"


def test_an_admin_cancellation_gives_the_seat_to_the_first_person_waiting(client, coordinator, commit):
    event = EventFactory(capacity=1)
    seat = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    with commit():
        response = run_action(client, "cancel", seat)
    assert [level for level, _ in reported(response)] == ["success"]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert {entry.action for entry in AuditEntry.objects.all()} == {
        "registration.cancelled",
        "registration.promoted",
    }


def test_an_admin_closes_and_reopens_registration(client, coordinator):
    event = EventFactory()
    run_action(client, "close_registration", event)
    event.refresh_from_db()
    assert not event.registration_open
    response = run_action(client, "close_registration", event)
    assert [level for level, _ in reported(response)] == ["error"]
    run_action(client, "reopen_registration", event)
    event.refresh_from_db()
    assert event.registration_open
    assert [entry.action for entry in AuditEntry.objects.order_by("id")] == [
        "event.registration_closed",
        "event.registration_reopened",
    ]


def test_raising_the_capacity_in_the_admin_gives_the_new_seats_to_the_people_waiting(
    client, coordinator, commit
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = RegistrationFactory(
        event=event, status=RegistrationStatus.WAITLISTED, person=PersonFactory(email="first@example.org")
    )
    second = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    asked = run_action(client, "change_capacity", event)
    assert "capacity" in asked.context["form"].fields
    with commit():
        response = run_action(client, "change_capacity", event, capacity="2")
    assert [level for level, _ in reported(response)] == ["success"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    assert [message.to for message in mail.outbox] == [["first@example.org"]]
    assert [entry.action for entry in AuditEntry.objects.order_by("id")] == [
        "event.capacity_changed",
        "registration.promoted",
    ]


def test_the_capacity_cannot_go_below_the_confirmed_seats(client, coordinator):
    event = EventFactory(capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    response = run_action(client, "change_capacity", event, capacity="1")
    [(level, text)] = reported(response)
    assert level == "error" and "2 seats are confirmed" in text
    event.refresh_from_db()
    assert event.capacity == 3


# --- projects ------------------------------------------------------------------------------------


def test_a_project_status_change_through_the_admin_writes_the_history_and_the_audit(client, coordinator):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    asked = run_action(client, "change_status", project)
    assert {"to_status", "note"} <= set(asked.context["form"].fields)
    response = run_action(client, "change_status", project, to_status=ProjectStatus.COMPLETED, note="Done.")
    assert [level for level, _ in reported(response)] == ["success"]
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.ended_on is not None
    change = ProjectStatusChange.objects.get(project=project)
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        ProjectStatus.RUNNING,
        ProjectStatus.COMPLETED,
        coordinator,
        "Done.",
    )
    entry = AuditEntry.objects.get(action="project.status_changed")
    assert (entry.before, entry.after) == ({"status": "running"}, {"status": "completed", "via": "admin"})


def test_a_move_the_workflow_does_not_allow_is_refused_by_the_admin(client, coordinator):
    project = ProjectFactory(status=ProjectStatus.COMPLETED, ended_on=timezone.localdate())
    response = run_action(client, "change_status", project, to_status=ProjectStatus.RUNNING, note="")
    [(level, text)] = reported(response)
    assert level == "error" and "cannot move" in text
    assert Project.objects.get().status == ProjectStatus.COMPLETED
    assert not ProjectStatusChange.objects.exists()
    assert not AuditEntry.objects.exists()


# --- both ways: only coordinators -----------------------------------------------------------------


def test_a_member_gets_no_admin_and_cannot_run_its_actions(client, application):
    client.force_login(RepresentativeFactory().user)
    response = run_action(client, "approve", application)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert MembershipApplication.objects.get().status == ApplicationStatus.PENDING
    assert not AuditEntry.objects.exists()


def test_an_admin_closes_a_need_once(client, coordinator):
    need = NeedFactory()
    response = run_action(client, "close", need)
    assert [level for level, _ in reported(response)] == ["success"]
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    response = run_action(client, "close", need)
    assert [level for level, _ in reported(response)] == ["error"]
    assert [entry.action for entry in AuditEntry.objects.all()] == ["need.closed"]
