"""Writes of the projects app: forming consortia, moving a project through its statuses, funding
calls, and the marketplace. One transaction each, rules checked inside, an audit entry for every
state change; pages, the API and the admin call these same functions."""

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from core.errors import Reason, ServiceError
from core.languages import text_columns
from core.slugs import create_with_unique_slug
from partners.access import acting_representative, is_coordinator, member_of_network, represents
from partners.languages import mail_people
from partners.models import Partner
from segments.models import Segment
from segments.services import check_correction, corrected_from
from segments.signals import history_corrected

from .access import coordinator_of, may_manage
from .models import (
    CLOSED_STATUSES,
    WORK_STATUSES,
    FundingCall,
    Need,
    NeedStatus,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    ProjectStatusChange,
    Replication,
    Solution,
)

S = ProjectStatus

#: The moves the coordinator may make; "abandoned" is reachable from every open status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDEA: (S.FORMING, S.ABANDONED),
    S.FORMING: (S.SUBMITTED, S.ABANDONED),
    S.SUBMITTED: (S.FUNDED, S.REJECTED, S.ABANDONED),
    S.FUNDED: (S.RUNNING, S.ABANDONED),
    S.RUNNING: (S.COMPLETED, S.ABANDONED),
    S.COMPLETED: (),
    S.REJECTED: (),
    S.ABANDONED: (),
}

#: While a consortium is still being put together, partners can be invited or ask to join.
FORMING_STATUSES = (S.IDEA, S.FORMING)


# --- helpers -------------------------------------------------------------------------------------


#: "new" is a page (/projects/new/, /solutions/new/, /needs/new/), never an object's slug.
RESERVED_SLUGS = frozenset({"new"})


def require_manager(user: AbstractBaseUser | None, project: Project) -> None:
    if not may_manage(user, project):
        raise ServiceError(
            _("Only the representatives of the coordinating partner can manage this project."),
            reason=Reason.FORBIDDEN,
        )


def require_representative(user: AbstractBaseUser | None, partner: Partner) -> None:
    if not represents(user, partner):
        raise ServiceError(
            _("Only a representative of %(partner)s can do this.") % {"partner": partner},
            reason=Reason.FORBIDDEN,
        )


def representative_emails(partner: Partner) -> list[str]:
    return list(partner.people.representatives().values_list("email", flat=True))


def locked_project(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def locked_participation(participation: Participation) -> Participation:
    return (
        Participation.objects.select_for_update()
        .select_related("project", "partner")
        .get(pk=participation.pk)
    )


def notify(recipient: Partner, template: str, **context) -> None:
    """Email the representatives of `recipient`, each in their language (after the transaction commits)."""
    mail_people(
        people=recipient.people.representatives(), template=f"projects/email/{template}", context=context
    )


# --- funding calls -------------------------------------------------------------------------------


@transaction.atomic
def create_call(
    *,
    programme: str,
    identifier: str,
    title: str,
    deadline: date,
    by: AbstractBaseUser,
    url: str = "",
    description: str = "",
) -> FundingCall:
    if not is_coordinator(by):
        raise ServiceError(
            _("Only the network's coordinators can add funding calls."), reason=Reason.FORBIDDEN
        )
    check_deadline_ahead(deadline)
    if FundingCall.objects.filter(identifier__iexact=identifier).exists():
        raise ServiceError(
            _("A call with this identifier exists already."), reason=Reason.CONFLICT, field="identifier"
        )
    call = FundingCall.objects.create(
        programme=programme,
        identifier=identifier,
        title=title,
        deadline=deadline,
        url=url,
        description=description,
    )
    record(
        actor=by,
        action="call.created",
        target=call,
        after={"identifier": identifier, "deadline": str(deadline)},
    )
    return call


def check_deadline_ahead(deadline: date) -> None:
    """A new call's deadline lies ahead: a call that has already closed is history, not an opportunity."""
    if deadline < timezone.localdate():
        raise ServiceError(_("The deadline of a new call cannot be in the past."), field="deadline")


# --- forming a consortium ------------------------------------------------------------------------


@transaction.atomic
def propose_project(
    *, title: str, segment: Segment | None, call: FundingCall | None, summary: str, by: AbstractBaseUser
) -> Project:
    """A representative proposes an idea; their organisation becomes its coordinator."""
    person = acting_representative(by)
    if person is None:
        raise ServiceError(
            _("Only a representative of a partner organisation can propose a project."),
            reason=Reason.FORBIDDEN,
        )
    if call is not None and call.deadline < timezone.localdate():
        raise ServiceError(_("This call has closed; choose an open call or none."), field="call")
    today = timezone.localdate()
    project = create_with_unique_slug(
        Project,
        title,
        fallback="item",
        reserved=RESERVED_SLUGS,
        title=title,
        segment=segment,
        call=call,
        summary=summary,
        status=S.IDEA,
        proposed_on=today,
    )
    ProjectStatusChange.objects.create(project=project, to_status=S.IDEA, changed_on=today, changed_by=by)
    Participation.objects.create(
        project=project,
        partner=person.partner,
        role=ParticipationRole.COORDINATOR,
        status=ParticipationStatus.ACTIVE,
        joined_on=today,
    )
    record(actor=by, action="project.proposed", target=project, after={"coordinator": person.partner.name})
    return project


@transaction.atomic
def update_project(
    *,
    project: Project,
    by: AbstractBaseUser,
    title: str,
    summary: str,
    segment: Segment | None,
    call: FundingCall | None,
) -> Project:
    """The coordinator edits what the project is about; its status moves only through change_status."""
    project = locked_project(project)
    require_manager(by, project)
    if call is not None and call.pk != project.call_id and call.deadline < timezone.localdate():
        raise ServiceError(_("This call has closed; choose an open call or none."), field="call")
    fields = ["title", "summary", "segment_id", "call_id"]
    before = {name: getattr(project, name) for name in fields}
    project.title, project.summary, project.segment, project.call = title, summary, segment, call
    project.save(update_fields=["title", "summary", "segment", "call"])
    record(
        actor=by,
        action="project.updated",
        target=project,
        before=before,
        after={name: getattr(project, name) for name in fields},
    )
    return project


@transaction.atomic
def invite_partner(
    *, project: Project, partner: Partner, by: AbstractBaseUser, role: str = ParticipationRole.PARTNER
) -> Participation:
    project = locked_project(project)
    require_manager(by, project)
    if role == ParticipationRole.COORDINATOR:
        raise ServiceError(_("A project has one coordinator; invite partners as partners."), field="role")
    if project.status not in FORMING_STATUSES:
        raise ServiceError(
            _("Partners can be invited only while the consortium is forming."), reason=Reason.CONFLICT
        )
    if partner.left_on is not None:
        raise ServiceError(_("This organisation has left the network."), field="partner")
    if project.participations.open().filter(partner=partner).exists():
        raise ServiceError(
            _("%(partner)s is already invited to or part of this project.") % {"partner": partner},
            reason=Reason.CONFLICT,
            field="partner",
        )
    # Someone who declined or left may be invited again: a new period, the earlier ones stay as they were.
    participation = Participation.objects.create(
        project=project, partner=partner, role=role, status=ParticipationStatus.INVITED
    )
    record(actor=by, action="participation.invited", target=participation, after={"role": role})
    notify(partner, "invitation", project=project, partner=partner)
    return participation


@transaction.atomic
def request_to_join(*, project: Project, partner: Partner, by: AbstractBaseUser) -> Participation:
    project = locked_project(project)
    require_representative(by, partner)
    if project.status not in FORMING_STATUSES:
        raise ServiceError(_("Only a forming consortium takes requests to join."), reason=Reason.CONFLICT)
    if project.participations.open().filter(partner=partner).exists():
        raise ServiceError(
            _("%(partner)s is already invited to, asking to join or part of this project.")
            % {"partner": partner},
            reason=Reason.CONFLICT,
        )
    # A new period: a declined or left one stays as it was.
    participation = Participation.objects.create(
        project=project,
        partner=partner,
        role=ParticipationRole.PARTNER,
        status=ParticipationStatus.REQUESTED,
    )
    record(actor=by, action="participation.requested", target=participation)
    coordinator = coordinator_of(project)
    if coordinator:
        notify(coordinator, "join_request", project=project, partner=partner)
    return participation


def answer(
    *, participation: Participation, by: AbstractBaseUser, expected: str, accept: bool, action: str
) -> Participation:
    """Accept or decline an invitation (answered by the invited partner) or a join request (answered by
    the coordinator). Both take the participation out of `expected` in the same way."""
    participation = locked_participation(participation)
    project = participation.project
    if expected == ParticipationStatus.INVITED:
        require_representative(by, participation.partner)
    else:
        require_manager(by, project)
    if participation.status != expected:
        raise ServiceError(_("There is nothing waiting for an answer here."), reason=Reason.CONFLICT)
    if project.status not in FORMING_STATUSES and accept:
        raise ServiceError(_("The consortium is no longer forming."), reason=Reason.CONFLICT)
    before = {"status": participation.status}
    if accept:
        participation.status, participation.joined_on = ParticipationStatus.ACTIVE, timezone.localdate()
    else:
        participation.status = ParticipationStatus.DECLINED
    participation.save(update_fields=["status", "joined_on"])
    record(
        actor=by, action=action, target=participation, before=before, after={"status": participation.status}
    )
    if expected == ParticipationStatus.INVITED:
        coordinator = coordinator_of(project)
        if coordinator:
            notify(coordinator, "invitation_answered", project=project, participation=participation)
    else:
        notify(participation.partner, "join_request_answered", project=project, participation=participation)
    return participation


@transaction.atomic
def accept_invitation(*, participation: Participation, by: AbstractBaseUser) -> Participation:
    return answer(
        participation=participation,
        by=by,
        expected=ParticipationStatus.INVITED,
        accept=True,
        action="participation.invitation_accepted",
    )


@transaction.atomic
def decline_invitation(*, participation: Participation, by: AbstractBaseUser) -> Participation:
    return answer(
        participation=participation,
        by=by,
        expected=ParticipationStatus.INVITED,
        accept=False,
        action="participation.invitation_declined",
    )


@transaction.atomic
def accept_join_request(*, participation: Participation, by: AbstractBaseUser) -> Participation:
    return answer(
        participation=participation,
        by=by,
        expected=ParticipationStatus.REQUESTED,
        accept=True,
        action="participation.request_accepted",
    )


@transaction.atomic
def decline_join_request(*, participation: Participation, by: AbstractBaseUser) -> Participation:
    return answer(
        participation=participation,
        by=by,
        expected=ParticipationStatus.REQUESTED,
        accept=False,
        action="participation.request_declined",
    )


@transaction.atomic
def change_status(*, project: Project, to_status: str, by: AbstractBaseUser, note: str = "") -> Project:
    project = locked_project(project)
    require_manager(by, project)
    if to_status not in TRANSITIONS.get(project.status, ()):
        raise ServiceError(
            _("A project cannot move from %(from)s to %(to)s.")
            % {
                "from": S(project.status).label,
                "to": S(to_status).label if to_status in S.values else to_status,
            },
            reason=Reason.CONFLICT,
            field="to_status",
        )
    today = timezone.localdate()
    before = project.status
    project.status = to_status
    if to_status in WORK_STATUSES and project.started_on is None:
        # The day work starts: what "new projects" counts. Set once, never moved by later changes.
        project.started_on = today
    if to_status in CLOSED_STATUSES:
        project.ended_on = max(today, project.started_on) if project.started_on else today
    project.save(update_fields=["status", "started_on", "ended_on"])
    ProjectStatusChange.objects.create(
        project=project, from_status=before, to_status=to_status, changed_on=today, changed_by=by, note=note
    )
    record(
        actor=by,
        action="project.status_changed",
        target=project,
        before={"status": before},
        after={"status": to_status},
    )
    return project


# --- corrections of the past ----------------------------------------------------------------------


@transaction.atomic
def correct_project_start(
    *, project: Project, started_on: date | None, by: AbstractBaseUser, reason: str
) -> Project:
    """Correct the day a project started (first funded or running), or clear it for a project that
    never got there: the one way to change which month counts it among the new projects, audited
    with the reason, after which the figures are recomputed from the earlier of the old and new day
    on (`history_corrected`)."""
    check_correction(by=by, reason=reason, days=[started_on])
    project = locked_project(project)
    if started_on is not None and project.ended_on is not None and started_on > project.ended_on:
        raise ServiceError(_("A project cannot start after the day it ended."), field="started_on")
    if started_on is None and project.status in (S.FUNDED, S.RUNNING, S.COMPLETED):
        raise ServiceError(_("A funded, running or completed project has a start date."), field="started_on")
    old = project.started_on
    if old == started_on:
        raise ServiceError(_("The project already has this start date."), reason=Reason.CONFLICT)
    project.started_on = started_on
    project.save(update_fields=["started_on"])
    record(
        actor=by,
        action="project.start_corrected",
        target=project,
        before={"started_on": old.isoformat() if old else None},
        after={"started_on": started_on.isoformat() if started_on else None, "reason": reason},
    )
    history_corrected.send(sender=Project, from_date=corrected_from(old, started_on))
    return project


# --- the marketplace -----------------------------------------------------------------------------


@transaction.atomic
def publish_solution(
    *,
    provider: Partner,
    title: str,
    segment: Segment,
    summary: str | Mapping[str, str],
    by: AbstractBaseUser,
    evidence: str = "",
    vehicles: int | None = None,
    charge_points: int | None = None,
    tested_in: Partner | None = None,
    project: Project | None = None,
) -> Solution:
    require_representative(by, provider)
    if not any(text_columns("summary", summary).values()):
        raise ServiceError(_("Say what the solution is, in at least one language."), field="summary")
    if tested_in is not None and not tested_in.is_city:
        raise ServiceError(_("A solution is tested in a city or region."), field="tested_in")
    if project is not None and not project.participations.filter(partner=provider).exists():
        raise ServiceError(_("Choose a project your organisation took part in."), field="project")
    solution = create_with_unique_slug(
        Solution,
        title,
        fallback="item",
        reserved=RESERVED_SLUGS,
        provider=provider,
        title=title,
        segment=segment,
        **text_columns("summary", summary),  # one text, or {language: text}
        evidence=evidence,
        vehicles=vehicles,
        charge_points=charge_points,
        tested_in=tested_in,
        project=project,
    )
    record(actor=by, action="solution.published", target=solution, after={"provider": provider.name})
    return solution


@transaction.atomic
def publish_need(
    *,
    city: Partner,
    title: str,
    segment: Segment,
    description: str | Mapping[str, str],
    by: AbstractBaseUser,
    timeline: str = "",
    budget_min_eur: int | None = None,
    budget_max_eur: int | None = None,
) -> Need:
    require_representative(by, city)
    if not city.is_city:
        raise ServiceError(_("Only cities and regions publish needs."), reason=Reason.FORBIDDEN)
    _check_need(description, budget_min_eur, budget_max_eur)
    need = create_with_unique_slug(
        Need,
        title,
        fallback="item",
        reserved=RESERVED_SLUGS,
        city=city,
        title=title,
        segment=segment,
        **text_columns("description", description),  # one text, or {language: text}
        timeline=timeline,
        budget_min_eur=budget_min_eur,
        budget_max_eur=budget_max_eur,
    )
    record(actor=by, action="need.published", target=need, after={"city": city.name})
    return need


def _check_need(description: str | Mapping[str, str], budget_min_eur: int | None, budget_max_eur: int | None):
    if not any(text_columns("description", description).values()):
        raise ServiceError(_("Say what is needed, in at least one language."), field="description")
    if budget_min_eur is not None and budget_max_eur is not None and budget_max_eur < budget_min_eur:
        raise ServiceError(
            _("The upper bound of the budget is below its lower bound."), field="budget_max_eur"
        )


NEED_FIELDS = ["title", "segment", "timeline", "budget_min_eur", "budget_max_eur"]


@transaction.atomic
def update_need(
    *,
    need: Need,
    title: str,
    segment: Segment,
    description: str | Mapping[str, str],
    by: AbstractBaseUser,
    timeline: str = "",
    budget_min_eur: int | None = None,
    budget_max_eur: int | None = None,
) -> Need:
    """The city corrects its need; its slug (the address others may have shared) stays."""
    need = Need.objects.select_for_update().select_related("city").get(pk=need.pk)
    require_representative(by, need.city)
    _check_need(description, budget_min_eur, budget_max_eur)
    before = {field: str(getattr(need, field)) for field in NEED_FIELDS}
    need.title, need.segment, need.timeline = title, segment, timeline
    need.budget_min_eur, need.budget_max_eur = budget_min_eur, budget_max_eur
    for name, text in text_columns("description", description).items():
        setattr(need, name, text)
    need.save()
    after = {field: str(getattr(need, field)) for field in NEED_FIELDS}
    record(actor=by, action="need.updated", target=need, before=before, after=after)
    return need


def _move_need(*, need: Need, by: AbstractBaseUser, to: str, action: str) -> Need:
    need = Need.objects.select_for_update().select_related("city").get(pk=need.pk)
    require_representative(by, need.city)
    if need.status == to:
        raise ServiceError(
            _("This need is already %(status)s.") % {"status": NeedStatus(to).label.lower()},
            reason=Reason.CONFLICT,
        )
    before = need.status
    need.status = to
    need.save(update_fields=["status"])
    record(actor=by, action=action, target=need, before={"status": before}, after={"status": to})
    return need


@transaction.atomic
def close_need(*, need: Need, by: AbstractBaseUser) -> Need:
    """The city has found what it needed (or no longer needs it): off the marketplace's open needs."""
    return _move_need(need=need, by=by, to=NeedStatus.CLOSED, action="need.closed")


@transaction.atomic
def reopen_need(*, need: Need, by: AbstractBaseUser) -> Need:
    return _move_need(need=need, by=by, to=NeedStatus.OPEN, action="need.reopened")


@transaction.atomic
def record_replication(
    *,
    solution: Solution,
    city: Partner,
    by: AbstractBaseUser,
    project: Project | None = None,
    replicated_on: date | None = None,
) -> Replication:
    """A city records that it took up a solution, within one of its projects or on its own."""
    require_representative(by, city)
    if not city.is_city:
        raise ServiceError(_("Only cities and regions record replications."), reason=Reason.FORBIDDEN)
    replicated_on = replicated_on or timezone.localdate()
    if replicated_on > timezone.localdate():
        raise ServiceError(_("A replication is recorded once it has happened."), field="replicated_on")
    if (
        project is not None
        and not project.participations.filter(partner=city, status=ParticipationStatus.ACTIVE).exists()
    ):
        raise ServiceError(_("Choose a project your city takes part in."), field="project")
    try:
        with transaction.atomic():
            replication = Replication.objects.create(
                solution=solution, city=city, project=project, replicated_on=replicated_on, recorded_by=by
            )
    except IntegrityError as error:
        raise ServiceError(
            _("%(city)s has already recorded taking up this solution.") % {"city": city},
            reason=Reason.CONFLICT,
        ) from error
    record(actor=by, action="replication.recorded", target=replication, after={"city": city.name})
    notify(solution.provider, "replication", solution=solution, replication=replication)
    return replication


def contact_provider(*, solution: Solution, message: str, by: AbstractBaseUser) -> int:
    """A member's message to the representatives of a solution's provider, through the platform:
    the sender never sees their addresses; they get the sender's name, organisation and a Reply-To
    to answer. How many representatives it went to (the page says so)."""
    sender = member_of_network(by)
    if sender is None:
        raise ServiceError(_("Only members of the network can contact a provider."), reason=Reason.FORBIDDEN)
    if sender.partner_id == solution.provider_id:
        raise ServiceError(_("This is your own organisation's solution."), reason=Reason.FORBIDDEN)
    if not message.strip():
        raise ServiceError(_("Write a message."), field="message")
    representatives = list(solution.provider.people.representatives())
    if not representatives:
        raise ServiceError(
            _("%(provider)s has no representative to write to yet.") % {"provider": solution.provider},
            reason=Reason.CONFLICT,
        )
    mail_people(
        people=representatives,
        template="projects/email/provider_contact",
        context={"solution": solution, "sender": sender, "message": message.strip()},
        headers={"Reply-To": sender.email},
    )
    # Who wrote to whom, not what: the message is between them.
    record(actor=by, action="solution.provider_contacted", target=solution, after={"from": sender.partner_id})
    return len(representatives)
