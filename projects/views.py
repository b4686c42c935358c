from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import Reason, ServiceError
from core.pages import lazy, paginate, render_list
from core.ratelimit import address_over_limit
from core.refusals import refused
from core.versions import cached
from partners.access import (
    acting_representative,
    coordinator_required,
    is_coordinator,
    member_of_network,
    representative_required,
    represents,
)
from partners.models import Person

from . import services
from .access import get_managed_project, may_manage
from .filters import NeedFilter, ProjectFilter, SolutionFilter, counted_projects, counted_until
from .forms import (
    CallForm,
    InviteForm,
    NeedForm,
    ProjectEditForm,
    ProposeProjectForm,
    ProviderMessageForm,
    ReplicationForm,
    SolutionForm,
    StatusForm,
)
from .maps import map_points
from .models import (
    FundingCall,
    Need,
    NeedStatus,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    Solution,
)

ACTIVE = ParticipationStatus.ACTIVE


def form_page(request: HttpRequest, form, title: str, error: ServiceError | None = None) -> HttpResponse:
    """A form page: 200 when new, 400 with the form's errors, or a service's refusal on the form at
    its status (nothing was changed)."""
    status = 400 if form.errors else 200
    if error is not None:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        status = error.status
    return render(request, "projects/form.html", {"form": form, "title": title}, status=status)


# --- calls ---------------------------------------------------------------------------------------


def call_list(request: HttpRequest) -> HttpResponse:
    forming = Prefetch(
        "projects",
        queryset=Project.objects.select_related("segment").annotate(
            partner_count=Count("participations", filter=Q(participations__status=ACTIVE))
        ),
        to_attr="consortia",
    )
    today = timezone.localdate()
    calls = FundingCall.objects.prefetch_related(forming)
    return render(
        request,
        "projects/call_list.html",
        {
            "open_calls": calls.filter(deadline__gte=today).order_by("deadline"),
            "closed_calls": calls.filter(deadline__lt=today).order_by("-deadline"),
            "today": today,
            "can_add": is_coordinator(request.user),
        },
    )


@coordinator_required
def call_create(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(**form.cleaned_data, by=request.user)
        except ServiceError as error:
            return form_page(request, form, _("New funding call"), error)
        else:
            messages.success(request, _("The call %(call)s is open.") % {"call": call.identifier})
            return redirect("projects:call_list")
    return form_page(request, form, _("New funding call"))


# --- projects ------------------------------------------------------------------------------------


def project_list(request: HttpRequest) -> HttpResponse:
    def listing() -> dict:
        filterset = ProjectFilter(request.GET or None, queryset=Project.objects.all(), request=request)
        page_obj = paginate(
            request, filterset.qs.select_related("segment", "call").order_by("-started_on", "title")
        )
        Participation.objects.count_partners_of(page_obj.object_list)
        return {
            "filter": filterset,
            "facets": filterset.facets(),
            "page_obj": page_obj,
            "counted_only": filterset.form.is_valid() and filterset.form.cleaned_data.get("counted") is True,
        }

    # Lazy: the templates' cached fragment usually holds the list already.
    context = lazy(listing, "filter", "facets", "page_obj", "counted_only")
    # The count depends on the day (counted_until) and the data only: `cached` keys on both.
    context["counted_total"] = cached("counted-projects", None, lambda: counted_projects().count())
    context["counted_until"] = counted_until()
    return render_list(request, "projects/project_list.html", "projects/_project_list_htmx.html", context)


@representative_required
def project_create(request: HttpRequest, person: Person) -> HttpResponse:
    form = ProposeProjectForm(request.POST or None, initial={"call": request.GET.get("call")})
    if request.method == "POST" and form.is_valid():
        try:
            project = services.propose_project(**form.cleaned_data, by=request.user)
        except ServiceError as error:
            return form_page(request, form, _("Propose a project"), error)
        else:
            messages.success(
                request, _("Your project idea is published; invite partners to form the consortium.")
            )
            return redirect(project)
    return form_page(request, form, _("Propose a project"))


@login_required
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_managed_project(request, slug)
    title = _("Edit %(project)s") % {"project": project.title}
    form = ProjectEditForm(request.POST or None, instance=Project.objects.get(pk=project.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(project=project, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            return form_page(request, form, title, error)
        else:
            messages.success(request, _("The project is updated."))
            return redirect(project)
    return form_page(request, form, title)


def project_detail(
    request: HttpRequest, slug: str, *, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("segment", "call", "group"), slug=slug)
    # Each partner's current period: its latest (earlier ones, left or declined, are history).
    current = {p.partner_id: p for p in project.participations.select_related("partner").order_by("pk")}
    participations = sorted(
        current.values(), key=lambda p: (p.role != ParticipationRole.COORDINATOR, p.partner.name)
    )
    coordinator = next((p.partner for p in participations if p.role == ParticipationRole.COORDINATOR), None)
    manager = may_manage(request.user, project)
    person = acting_representative(request.user)
    mine = next((p for p in participations if person and p.partner_id == person.partner_id), None)
    forming = project.status in services.FORMING_STATUSES
    representative = person is not None
    context = {
        "project": project,
        "active": [p for p in participations if p.status == ACTIVE],
        "pending": [
            p
            for p in participations
            if p.status in (ParticipationStatus.INVITED, ParticipationStatus.REQUESTED)
        ],
        "history": project.status_changes.select_related("changed_by"),
        "solutions": project.solutions.select_related("provider"),
        "replications": project.replications.select_related("solution", "city"),
        "coordinator": coordinator,
        "manager": manager,
        "mine": mine if representative else None,
        "can_request": forming
        and representative
        and (mine is None or mine.status in (ParticipationStatus.DECLINED, ParticipationStatus.LEFT)),
        "invite_form": (invite_form or InviteForm(project=project)) if manager and forming else None,
        "status_form": StatusForm(project=project)
        if manager and services.TRANSITIONS[project.status]
        else None,
        "points": map_points(
            ((p.partner, p.get_role_display()) for p in participations if p.status == ACTIVE),
            main=coordinator,
        ),
    }
    return render(request, "projects/project_detail.html", context, status=status)


def project_refused(request: HttpRequest, slug: str, error: ServiceError) -> HttpResponse:
    """The project page again, with the reason and the error's status; nothing was changed."""
    return refused(request, error, page=lambda: project_detail(request, slug))


@require_POST
@login_required
def project_invite(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    form = InviteForm(request.POST, project=project)
    if not form.is_valid():
        return project_detail(request, slug, invite_form=form, status=400)
    try:
        participation = services.invite_partner(project=project, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        if error.field not in form.fields:
            return project_refused(request, slug, error)
        form.add_error(error.field, error.message)
        return project_detail(request, slug, invite_form=form, status=error.status)
    messages.success(request, _("%(partner)s is invited.") % {"partner": participation.partner})
    return redirect(project)


@require_POST
@representative_required
def project_join(request: HttpRequest, slug: str, person: Person) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    try:
        services.request_to_join(project=project, partner=person.partner, by=request.user)
    except ServiceError as error:
        return project_refused(request, slug, error)
    messages.success(request, _("Your request to join was sent to the coordinator."))
    return redirect(project)


ANSWERS = {
    "accept-invitation": (services.accept_invitation, _("You joined the consortium.")),
    "decline-invitation": (services.decline_invitation, _("You declined the invitation.")),
    "accept-request": (services.accept_join_request, _("The partner joined the consortium.")),
    "decline-request": (services.decline_join_request, _("The request to join was declined.")),
}


@require_POST
@login_required
def participation_answer(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    if action not in ANSWERS:
        raise Http404
    participation = get_object_or_404(
        Participation.objects.select_related("project"), pk=pk, project__slug=slug
    )
    service, done = ANSWERS[action]
    try:
        service(participation=participation, by=request.user)
    except ServiceError as error:
        return project_refused(request, slug, error)
    messages.success(request, done)
    return redirect(participation.project)


@require_POST
@login_required
def project_status(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    to_status = request.POST.get("to_status", "")
    if to_status not in ProjectStatus.values:
        return project_refused(request, slug, ServiceError(_("Choose a status."), field="to_status"))
    try:
        services.change_status(
            project=project, to_status=to_status, by=request.user, note=request.POST.get("note", "")[:500]
        )
    except ServiceError as error:
        return project_refused(request, slug, error)
    messages.success(
        request, _("The project is now %(status)s.") % {"status": ProjectStatus(to_status).label.lower()}
    )
    return redirect(project)


# --- the marketplace -----------------------------------------------------------------------------


def solution_list(request: HttpRequest) -> HttpResponse:
    filterset = SolutionFilter(request.GET or None, queryset=Solution.objects.all())
    solutions = (
        filterset.qs.select_related("provider", "segment", "tested_in")
        .with_evidence()
        .order_by("-replication_count", "title")
    )
    return render(
        request,
        "projects/solution_list.html",
        {"filter": filterset, "page_obj": paginate(request, solutions)},
    )


#: Messages to providers per client address and hour: enough for a person, too few for a spammer.
PROVIDER_MESSAGE_LIMIT = 5
PROVIDER_MESSAGE_WINDOW = 60 * 60


def _solution(slug: str) -> Solution:
    return get_object_or_404(
        Solution.objects.select_related("provider", "segment", "tested_in", "project"), slug=slug
    )


def solution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _solution_page(request, _solution(slug))


def _solution_page(
    request: HttpRequest,
    solution: Solution,
    *,
    message_form: ProviderMessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    replications = list(solution.replications.select_related("city", "project"))
    person = acting_representative(request.user)
    sender = member_of_network(request.user)  # who may write to the provider
    places = ([(solution.tested_in, _("Tested here"))] if solution.tested_in else []) + [
        (r.city, _("Replicated here")) for r in replications
    ]
    return render(
        request,
        "projects/solution_detail.html",
        {
            "solution": solution,
            "replications": replications,
            "needs": Need.objects.met_by(solution).select_related("city"),
            "points": map_points(places, main=solution.tested_in),
            "can_replicate": person is not None
            and person.partner.is_city
            and all(r.city_id != person.partner_id for r in replications),
            "sender": sender,
            "message_form": message_form or ProviderMessageForm(),
        },
        status=status,
    )


@login_required
@require_POST
def solution_contact(request: HttpRequest, slug: str) -> HttpResponse:
    """A member writes to the provider's representatives; rate-limited per client address."""
    solution = _solution(slug)
    if member_of_network(request.user) is None:
        error = ServiceError(
            _("Only members of the network can contact a provider."), reason=Reason.FORBIDDEN
        )
        return refused(request, error, page=lambda: _solution_page(request, solution))
    form = ProviderMessageForm(request.POST)
    if address_over_limit(
        "provider-message", request, limit=PROVIDER_MESSAGE_LIMIT, window_seconds=PROVIDER_MESSAGE_WINDOW
    ):
        form.add_error(None, _("Too many messages from your address; please try again in an hour."))
        return _solution_page(request, solution, message_form=form, status=429)
    if not form.is_valid():
        return _solution_page(request, solution, message_form=form, status=400)
    try:
        services.contact_provider(solution=solution, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        return refused(request, error, page=lambda: _solution_page(request, solution, message_form=form))
    messages.success(
        request,
        _("Your message went to %(provider)s's representatives.") % {"provider": solution.provider.name},
    )
    return redirect(solution)


@representative_required
def solution_create(request: HttpRequest, person: Person) -> HttpResponse:
    form = SolutionForm(request.POST or None, provider=person.partner)
    if request.method == "POST" and form.is_valid():
        try:
            solution = services.publish_solution(
                provider=person.partner, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            return form_page(request, form, _("Publish a tested solution"), error)
        else:
            messages.success(request, _("Your solution is published."))
            return redirect(solution)
    return form_page(request, form, _("Publish a tested solution"))


@representative_required
def solution_replicate(request: HttpRequest, slug: str, person: Person) -> HttpResponse:
    solution = get_object_or_404(Solution, slug=slug)
    if not person.partner.is_city:
        raise PermissionDenied(_("Only cities and regions record replications."))
    title = _("%(city)s took up %(solution)s") % {"city": person.partner, "solution": solution}
    form = ReplicationForm(request.POST or None, city=person.partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_replication(
                solution=solution, city=person.partner, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            return form_page(request, form, title, error)
        else:
            messages.success(request, _("The replication is recorded."))
            return redirect(solution)
    return form_page(request, form, title)


def need_list(request: HttpRequest) -> HttpResponse:
    filterset = NeedFilter(request.GET or None, queryset=Need.objects.all())
    needs = filterset.qs.select_related("city", "segment")
    return render(
        request, "projects/need_list.html", {"filter": filterset, "page_obj": paginate(request, needs)}
    )


def need_detail(request: HttpRequest, slug: str) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("city__city_profile", "segment"), slug=slug)
    matches = Solution.objects.matching(need).select_related("provider", "tested_in")[:10]
    context = {"need": need, "matches": matches, "may_change": represents(request.user, need.city)}
    return render(request, "projects/need_detail.html", context)


def _own_need(request: HttpRequest, slug: str) -> Need:
    """The need, if the user may change it (its city's representatives, coordinators): else 403."""
    need = get_object_or_404(Need.objects.select_related("city"), slug=slug)
    if not represents(request.user, need.city):
        raise PermissionDenied(_("Only the city's representatives can change its need."))
    return need


@login_required
def need_edit(request: HttpRequest, slug: str) -> HttpResponse:
    need = _own_need(request, slug)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.update_need(need=need, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            return form_page(request, form, _("Edit the need"), error)
        messages.success(request, _("Your need is updated."))
        return redirect(need)
    return form_page(request, form, _("Edit the need"))


@login_required
@require_POST
def need_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Close the need (found, or no longer needed) or open it again; a refusal is its page."""
    need = _own_need(request, slug)
    close = need.status == NeedStatus.OPEN
    try:
        (services.close_need if close else services.reopen_need)(need=need, by=request.user)
    except ServiceError as error:
        return refused(request, error, page=lambda: need_detail(request, slug))
    messages.success(request, _("Your need is closed.") if close else _("Your need is open again."))
    return redirect(need)


@representative_required
def need_create(request: HttpRequest, person: Person) -> HttpResponse:
    if not person.partner.is_city:
        raise PermissionDenied(_("Only cities and regions publish needs."))
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.publish_need(city=person.partner, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            return form_page(request, form, _("Publish a need"), error)
        else:
            messages.success(request, _("Your need is published."))
            return redirect(need)
    return form_page(request, form, _("Publish a need"))
