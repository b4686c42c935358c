"""Forming a consortium through the pages: propose, invite, answer, ask to join, move the status."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from projects import services
from projects.models import (
    FundingCall,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
)
from tests.factories import FundingCallFactory, ParticipationFactory, PartnerFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def url(project, tail=""):
    return f"/projects/{project.slug}/{tail}"


def participation_of(project, partner):
    """The current period of the partner in the project."""
    return Participation.objects.filter(project=project, partner=partner).latest("pk")


def answer_url(project, participation, action):
    return url(project, f"participations/{participation.pk}/{action}/")


# --- proposing -----------------------------------------------------------------------------------


def test_representative_proposes_a_project_and_their_organisation_coordinates_it(cast):
    call = FundingCallFactory(identifier="MG4.2017")
    segment = SegmentFactory()
    response = cast.client("rep_b").post(
        "/projects/new/",
        {"title": "Smart charging for cities", "segment": segment.pk, "call": call.pk, "summary": "Plan it."},
    )
    project = Project.objects.get(title="Smart charging for cities")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.status == ProjectStatus.IDEA and project.call == call
    coordinator = project.participations.get()
    assert (coordinator.partner, coordinator.role, coordinator.status) == (
        cast.partner_b,
        ParticipationRole.COORDINATOR,
        ParticipationStatus.ACTIVE,
    )
    change = project.status_changes.get()
    assert change.to_status == ProjectStatus.IDEA and change.changed_by.person.partner == cast.partner_b
    assert AuditEntry.objects.filter(action="project.proposed").count() == 1


@pytest.mark.usefixtures("project")
def test_the_proposal_form_offers_open_calls_only(cast):
    FundingCallFactory(identifier="OLD-2015", deadline=date(2015, 1, 1))
    page = cast.client("rep_b").get("/projects/new/").content.decode()
    assert "GV8-2017" in page and "OLD-2015" not in page


def test_a_project_for_a_closed_call_is_refused(cast):
    old = FundingCallFactory(identifier="OLD-2015", deadline=date(2015, 1, 1))
    response = cast.client("rep_b").post("/projects/new/", {"title": "Late", "call": old.pk, "summary": "x"})
    assert response.status_code == 400
    assert not Project.objects.filter(title="Late").exists()


@pytest.mark.usefixtures("project")
def test_a_proposal_needs_a_title_and_summary(cast):
    response = cast.client("rep_b").post("/projects/new/", {"title": "", "summary": ""})
    assert response.status_code == 400
    assert Project.objects.count() == 1


def test_only_representatives_propose(cast):
    assert cast.client("anonymous").get("/projects/new/").status_code == 302
    assert cast.client("member").get("/projects/new/").status_code == 403
    assert cast.client("member").post("/projects/new/", {"title": "No", "summary": "No"}).status_code == 403
    assert not Project.objects.filter(title="No").exists()


# --- inviting ------------------------------------------------------------------------------------


def test_coordinating_representative_invites_a_partner_who_gets_an_email(
    cast, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("rep_a").post(
            url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "partner"}
        )
    assert response.status_code == 302
    invited = participation_of(project, cast.partner_b)
    assert invited.status == ParticipationStatus.INVITED and invited.joined_on is None
    assert [m.to for m in mail.outbox] == [["rep@tartu.example"]]
    assert AuditEntry.objects.filter(action="participation.invited").count() == 1


def test_network_coordinator_may_invite(cast, project):
    response = cast.client("coordinator").post(
        url(project, "invite/"), {"partner": cast.lead_partner.pk, "role": "associated"}
    )
    assert response.status_code == 302
    assert participation_of(project, cast.lead_partner).role == ParticipationRole.ASSOCIATED


@pytest.mark.parametrize("who", ["rep_b", "member", "lead"])
def test_others_cannot_invite_to_someone_elses_project(cast, project, who):
    response = cast.client(who).post(
        url(project, "invite/"), {"partner": cast.lead_partner.pk, "role": "partner"}
    )
    assert response.status_code == 403
    assert "Only the representatives of the coordinating partner" in response.content.decode()
    assert not Participation.objects.filter(partner=cast.lead_partner).exists()


def test_anonymous_cannot_invite(cast, project):
    assert (
        cast.client("anonymous").post(url(project, "invite/"), {"partner": cast.lead_partner.pk}).status_code
        == 302
    )
    assert not Participation.objects.filter(partner=cast.lead_partner).exists()


def test_inviting_twice_is_refused(cast, project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("rep_a").post(url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "partner"})
    response = cast.client("rep_a").post(
        url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "associated"}
    )
    assert response.status_code == 409
    assert "already invited to or part of this project" in response.content.decode()
    assert participation_of(project, cast.partner_b).role == ParticipationRole.PARTNER
    assert len(mail.outbox) == 1


def test_a_second_coordinator_is_refused(cast, project):
    response = cast.client("rep_a").post(
        url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "coordinator"}
    )
    assert response.status_code == 400
    assert not Participation.objects.filter(partner=cast.partner_b).exists()


def test_inviting_an_unknown_partner_is_a_form_error(cast, project):
    response = cast.client("rep_a").post(url(project, "invite/"), {"partner": 999999, "role": "partner"})
    assert response.status_code == 400
    assert project.participations.count() == 1


def test_no_invitations_once_the_consortium_has_formed(cast, project):
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.SUBMITTED)
    response = cast.client("rep_a").post(
        url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "partner"}
    )
    assert response.status_code == 409
    assert not Participation.objects.filter(partner=cast.partner_b).exists()


def test_a_partner_who_declined_can_be_invited_again(cast, project):
    old = ParticipationFactory(project=project, partner=cast.partner_b, status=ParticipationStatus.DECLINED)
    response = cast.client("rep_a").post(
        url(project, "invite/"), {"partner": cast.partner_b.pk, "role": "partner"}
    )
    assert response.status_code == 302
    # A new period; the declined one stays as it was.
    periods = project.participations.filter(partner=cast.partner_b).order_by("pk")
    assert [(p.pk == old.pk, p.status) for p in periods] == [
        (True, ParticipationStatus.DECLINED),
        (False, ParticipationStatus.INVITED),
    ]


def test_a_partner_who_left_comes_back_in_a_new_period_and_the_old_one_stays(cast, project):
    old = ParticipationFactory(
        project=project,
        partner=cast.partner_b,
        status=ParticipationStatus.LEFT,
        joined_on=date(2016, 3, 1),
        left_on=date(2016, 9, 1),
    )
    participation = services.invite_partner(project=project, partner=cast.partner_b, by=cast.rep_a)
    services.accept_invitation(participation=participation, by=cast.rep_b)
    old.refresh_from_db()
    participation.refresh_from_db()
    assert (old.status, old.joined_on, old.left_on) == (
        ParticipationStatus.LEFT,
        date(2016, 3, 1),
        date(2016, 9, 1),
    )
    assert (participation.status, participation.joined_on) == (ParticipationStatus.ACTIVE, date.today())


def test_the_database_holds_one_open_participation_per_project_and_partner(cast, project):
    ParticipationFactory(project=project, partner=cast.partner_b, status=ParticipationStatus.INVITED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(project=project, partner=cast.partner_b, status=ParticipationStatus.REQUESTED)


# --- answering invitations -----------------------------------------------------------------------


@pytest.fixture
def invited(cast, project):
    return ParticipationFactory(
        project=project, partner=cast.partner_b, status=ParticipationStatus.INVITED, joined_on=None
    )


def test_invited_partner_accepts_and_the_coordinator_hears_of_it(
    cast, project, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("rep_b").post(answer_url(project, invited, "accept-invitation"))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == ParticipationStatus.ACTIVE and invited.joined_on is not None
    assert [m.to for m in mail.outbox] == [["rep@voltaic.example"]]
    answer = f'{invited.partner.name} has accepted the invitation to join "{project.title}".'
    assert answer in mail.outbox[0].body
    page = cast.client("anonymous").get(url(project)).content.decode()
    assert "Tartu" in page and "Voltaic Fleets" in page


def test_invited_partner_declines(cast, project, invited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("rep_b").post(answer_url(project, invited, "decline-invitation"))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == ParticipationStatus.DECLINED and invited.joined_on is None
    answer = f'{invited.partner.name} has declined the invitation to join "{project.title}".'
    assert answer in mail.outbox[0].body


@pytest.mark.parametrize("who", ["rep_a", "lead", "member"])
def test_an_invitation_meant_for_another_partner_cannot_be_accepted(cast, project, invited, who):
    response = cast.client(who).post(answer_url(project, invited, "accept-invitation"))
    assert response.status_code == 403
    assert "Only a representative of Tartu" in response.content.decode()
    invited.refresh_from_db()
    assert invited.status == ParticipationStatus.INVITED


def test_an_invitation_is_answered_once(cast, project, invited):
    cast.client("rep_b").post(answer_url(project, invited, "decline-invitation"))
    response = cast.client("rep_b").post(answer_url(project, invited, "accept-invitation"))
    assert response.status_code == 409
    invited.refresh_from_db()
    assert invited.status == ParticipationStatus.DECLINED


def test_unknown_answers_and_participations_are_404(cast, project, invited):
    assert cast.client("rep_b").post(answer_url(project, invited, "explode")).status_code == 404
    assert (
        cast.client("rep_b").post(url(project, "participations/999999/accept-invitation/")).status_code == 404
    )
    assert cast.client("rep_b").get(answer_url(project, invited, "accept-invitation")).status_code == 405


# --- asking to join ------------------------------------------------------------------------------


def test_a_partner_asks_to_join_and_the_coordinator_accepts(
    cast, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert cast.client("lead").post(url(project, "join/")).status_code == 302
    request = participation_of(project, cast.lead_partner)
    assert request.status == ParticipationStatus.REQUESTED
    assert [m.to for m in mail.outbox] == [["rep@voltaic.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert cast.client("rep_a").post(answer_url(project, request, "accept-request")).status_code == 302
    request.refresh_from_db()
    assert request.status == ParticipationStatus.ACTIVE
    assert mail.outbox[-1].to == ["lead@aarhus.example"]


def test_the_coordinator_declines_a_request(cast, project):
    cast.client("lead").post(url(project, "join/"))
    request = participation_of(project, cast.lead_partner)
    assert cast.client("rep_a").post(answer_url(project, request, "decline-request")).status_code == 302
    request.refresh_from_db()
    assert request.status == ParticipationStatus.DECLINED


@pytest.mark.parametrize("who", ["lead", "rep_b", "member"])
def test_only_the_coordinator_answers_a_request(cast, project, who):
    cast.client("lead").post(url(project, "join/"))
    request = participation_of(project, cast.lead_partner)
    assert cast.client(who).post(answer_url(project, request, "accept-request")).status_code == 403
    request.refresh_from_db()
    assert request.status == ParticipationStatus.REQUESTED


def test_asking_twice_or_when_already_in_is_refused(cast, project):
    cast.client("lead").post(url(project, "join/"))
    assert cast.client("lead").post(url(project, "join/")).status_code == 409
    assert cast.client("rep_a").post(url(project, "join/")).status_code == 409
    assert project.participations.count() == 2


def test_only_representatives_ask_to_join_a_forming_consortium(cast, project):
    assert cast.client("member").post(url(project, "join/")).status_code == 403
    assert cast.client("anonymous").post(url(project, "join/")).status_code == 302
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.RUNNING)
    assert cast.client("lead").post(url(project, "join/")).status_code == 409
    assert project.participations.count() == 1


# --- statuses ------------------------------------------------------------------------------------


def move(project, client, to_status, note=""):
    return client.post(url(project, "status/"), {"to_status": to_status, "note": note})


def test_the_coordinator_walks_the_project_to_completion_and_each_step_is_recorded(cast, project):
    for status in ["submitted", "funded", "running", "completed"]:
        assert move(project, cast.client("rep_a"), status, note=f"now {status}").status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert project.status == ProjectStatus.COMPLETED and project.ended_on is not None
    history = list(
        project.status_changes.values_list("from_status", "to_status", "changed_by__username", "note")
    )
    assert history[-1][:2] == ("running", "completed") and history[-1][3] == "now completed"
    assert {row[2] for row in history[1:]} == {
        project.participations.get(role="coordinator")
        .partner.people.get(is_representative=True)
        .user.username
    }
    assert AuditEntry.objects.filter(action="project.status_changed").count() == 4


def test_rejected_after_submission_closes_the_project(cast, project):
    move(project, cast.client("rep_a"), "submitted")
    assert move(project, cast.client("rep_a"), "rejected").status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert project.status == ProjectStatus.REJECTED and project.ended_on is not None


@pytest.mark.parametrize("status", ["idea", "forming", "submitted", "funded", "running"])
def test_abandoned_from_every_open_state(cast, project, status):
    Project.objects.filter(pk=project.pk).update(status=status)
    assert move(project, cast.client("rep_a"), "abandoned").status_code == 302
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.ABANDONED


@pytest.mark.parametrize(
    "start, to_status",
    [
        ("forming", "funded"),
        ("forming", "running"),
        ("idea", "submitted"),
        ("submitted", "running"),
        ("funded", "completed"),
        ("completed", "abandoned"),
        ("rejected", "forming"),
        ("abandoned", "idea"),
        ("running", "forming"),
    ],
)
def test_illegal_transitions_are_refused_with_nothing_changed(cast, project, start, to_status):
    Project.objects.filter(pk=project.pk).update(
        status=start, ended_on=date.today() if start in ("completed", "rejected", "abandoned") else None
    )
    response = move(project, cast.client("rep_a"), to_status)
    assert response.status_code == 409
    assert "A project cannot move from" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == start
    assert project.status_changes.count() == 1


def test_an_unknown_status_is_a_400(cast, project):
    assert move(project, cast.client("rep_a"), "flying").status_code == 400
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.FORMING


@pytest.mark.parametrize("who", ["rep_b", "lead", "member"])
def test_others_cannot_change_the_status(cast, project, who):
    assert move(project, cast.client(who), "submitted").status_code == 403
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.FORMING
    assert project.status_changes.count() == 1


def test_a_partner_in_the_project_who_does_not_coordinate_cannot_change_the_status(cast, project):
    ParticipationFactory(project=project, partner=cast.partner_b)
    assert move(project, cast.client("rep_b"), "submitted").status_code == 403


def test_network_coordinator_may_change_the_status(cast, project):
    assert move(project, cast.client("coordinator"), "submitted").status_code == 302
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.SUBMITTED


def test_the_page_offers_only_the_allowed_moves_to_the_coordinator(cast, project):
    page = cast.client("rep_a").get(url(project)).content.decode()
    assert 'value="submitted"' in page and 'value="abandoned"' in page and 'value="funded"' not in page
    assert "Invite a partner" in page
    other_page = cast.client("rep_b").get(url(project)).content.decode()
    assert "Move the project along" not in other_page and "Invite a partner" not in other_page
    assert "Ask to join this consortium" in other_page


def test_closing_a_project_that_starts_in_the_future_keeps_the_dates_consistent(cast, project):
    Project.objects.filter(pk=project.pk).update(started_on=date.today() + timedelta(days=10))
    assert move(project, cast.client("rep_a"), "abandoned").status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert project.ended_on >= project.started_on


def test_a_left_partner_cannot_be_invited(cast, project):
    gone = PartnerFactory(left_on=date(2017, 5, 1))
    response = cast.client("rep_a").post(url(project, "invite/"), {"partner": gone.pk, "role": "partner"})
    assert response.status_code == 400
    assert not Participation.objects.filter(partner=gone).exists()


# --- editing -------------------------------------------------------------------------------------


def edit(project, client, **changes):
    data = {
        "title": "Renamed",
        "summary": "New summary",
        "segment": project.segment_id,
        "call": project.call_id,
    }
    return client.post(url(project, "edit/"), {**data, **changes})


def test_the_coordinator_edits_the_project_and_it_is_audited(cast, project):
    assert cast.client("rep_a").get(url(project, "edit/")).status_code == 200
    assert edit(project, cast.client("rep_a")).status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert (project.title, project.summary, project.status) == (
        "Renamed",
        "New summary",
        ProjectStatus.FORMING,
    )
    entry = AuditEntry.objects.get(action="project.updated")
    assert entry.before["title"] == "Electric freight pilot" and entry.after["title"] == "Renamed"


@pytest.mark.parametrize("who", ["rep_b", "lead", "member"])
def test_editing_someone_elses_project_is_refused(cast, project, who):
    assert cast.client(who).get(url(project, "edit/")).status_code == 403
    assert edit(project, cast.client(who)).status_code == 403
    assert Project.objects.get(pk=project.pk).title == "Electric freight pilot"
    assert not AuditEntry.objects.filter(action="project.updated").exists()


def test_anonymous_cannot_edit(cast, project):
    assert edit(project, cast.client("anonymous")).status_code == 302
    assert Project.objects.get(pk=project.pk).title == "Electric freight pilot"


def test_a_project_keeps_its_closed_call_but_cannot_move_to_another_closed_one(cast, project):
    FundingCallFactory(identifier="OLD-2015", deadline=date(2015, 1, 1))
    Project.objects.filter(pk=project.pk).update(
        call=FundingCallFactory(identifier="OLD-2016", deadline=date(2016, 1, 1))
    )
    assert (
        edit(project, cast.client("rep_a"), call=Project.objects.get(pk=project.pk).call_id).status_code
        == 302
    )
    response = edit(
        project, cast.client("rep_a"), title="Again", call=FundingCall.objects.get(identifier="OLD-2015").pk
    )
    assert response.status_code == 400
    assert Project.objects.get(pk=project.pk).title == "Renamed"


def test_an_edit_needs_a_title(cast, project):
    assert edit(project, cast.client("rep_a"), title="").status_code == 400
    assert Project.objects.get(pk=project.pk).title == "Electric freight pilot"


def test_a_refusal_is_the_project_page_again_not_a_redirect(cast, project):
    """A refused action answers with the project's page at the refusal's status and the reason."""
    before = list(Participation.objects.order_by("pk").values())
    response = cast.client("rep_a").post(url(project, "join/"))
    assert response.status_code == 409 and "Location" not in response
    assert response.templates[0].name == "projects/project_detail.html"
    response = cast.client("rep_b").post(url(project, "status/"), {"to_status": "submitted"})
    assert response.status_code == 403 and "Location" not in response
    assert "coordinating partner" in response.content.decode()
    assert list(Participation.objects.order_by("pk").values()) == before
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.FORMING
