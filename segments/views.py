from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import Confirmation, confirm
from core.errors import ServiceError
from core.refusals import refused
from partners.access import person_of

from . import services
from .access import can_act_for, can_manage
from .activity import group_activity
from .filters import WorkingGroupFilter
from .forms import MessageForm, RoleForm
from .models import GroupMembership, GroupRole, MembershipStatus, Segment, WorkingGroup

ROLE_ORDER = {role: position for position, role in enumerate(GroupRole.values)}


def segment_list(request: HttpRequest) -> HttpResponse:
    segments = Segment.objects.with_figures().with_leads_and_groups()
    return render(request, "segments/segment_list.html", {"segments": segments})


def segment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    segment = get_object_or_404(Segment.objects.with_figures().with_leads_and_groups(), slug=slug)
    # The apps above segments add their sections (SEGMENT_SECTIONS): projects, events, replications.
    return render(request, "segments/segment_detail.html", {"segment": segment})


def group_list(request: HttpRequest) -> HttpResponse:
    groups = (
        WorkingGroup.objects.select_related("segment")
        .with_member_counts()
        .with_leads()
        .order_by("segment__position", "name")
    )
    filterset = WorkingGroupFilter(request.GET or None, queryset=groups)
    person = person_of(request.user)
    return render(
        request,
        "segments/group_list.html",
        {
            "filter": filterset,
            "groups": filterset.qs,
            "own_city": person.partner if person and person.partner.is_city else None,
        },
    )


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _group_page(request, get_object_or_404(WorkingGroup.objects.select_related("segment"), slug=slug))


def _group_page(
    request: HttpRequest, group: WorkingGroup, *, status: int = 200, form: MessageForm | None = None
) -> HttpResponse:
    memberships = list(group.memberships.select_related("partner__city_profile").order_by("pk"))
    person = person_of(request.user)
    # The partner's current period: its latest (an earlier one, left or declined, is history).
    own = next((m for m in reversed(memberships) if person and m.partner_id == person.partner_id), None)
    members = sorted(
        (m for m in memberships if m.status == MembershipStatus.ACTIVE),
        key=lambda m: (ROLE_ORDER[m.role], m.partner.name),
    )
    context = {
        "group": group,
        "members": members,
        "pending": sorted(
            (m for m in memberships if m.status == MembershipStatus.REQUESTED), key=lambda m: m.partner.name
        ),
        "own": own,
        "sole_lead": own in members
        and own.role == GroupRole.LEAD
        and [m.role for m in members].count(GroupRole.LEAD) == 1,
        "own_partner": person.partner if person else None,
        "may_act": person is not None and can_act_for(request.user, person.partner),
        "may_manage": can_manage(request.user, group),
        "roles": GroupRole.choices,
        "form": form or MessageForm(),
        # Projects, sessions and events are sections of the apps above (GROUP_SECTIONS).
        "activity": group_activity(group, memberships),
    }
    return render(request, "segments/group_detail.html", context, status=status)


def _act(request: HttpRequest, group: WorkingGroup, action: Callable[[], str]) -> HttpResponse:
    """Run a workflow step: done, back to the group's page with a message; refused, the group's page
    again at the refusal's status (403, 409) with the reason, and nothing changed."""
    try:
        done = action()
    except ServiceError as error:
        return refused(request, error, page=lambda: _group_page(request, group))
    messages.success(request, done)
    return redirect(group)


def _membership(slug: str, pk: int) -> GroupMembership:
    return get_object_or_404(
        GroupMembership.objects.select_related("partner", "group"), group__slug=slug, pk=pk
    )


def _rejected(request: HttpRequest, group: WorkingGroup, form: MessageForm | RoleForm) -> HttpResponse:
    """An invalid form: the group's page again, with the errors, as a 400."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _group_page(request, group, status=400, form=form if isinstance(form, MessageForm) else None)


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(WorkingGroup, slug=slug)
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied(_("Your login is not linked to a partner organisation."))
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _rejected(request, group, form)

    def ask() -> str:
        membership = services.request_group_membership(
            group=group, partner=person.partner, by=request.user, message=form.cleaned_data["message"]
        )
        if membership.status == MembershipStatus.ACTIVE:
            return _("%(partner)s is now a member of %(group)s.") % {
                "partner": person.partner,
                "group": group,
            }
        return _("Your request to join %(group)s was sent to the group's lead.") % {"group": group}

    return _act(request, group, ask)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)

    def run() -> str:
        services.withdraw_request(membership=membership, by=request.user)
        return _("The request was withdrawn.")

    return _act(request, membership.group, run)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)

    def run() -> str:
        services.leave_group(membership=membership, by=request.user)
        return _("%(partner)s has left the group.") % {"partner": membership.partner}

    return _act(request, membership.group, run)


def _may_manage(request: HttpRequest, membership: GroupMembership) -> None:
    """The confirmation page is shown only to who may act: the group's lead or a coordinator."""
    if not can_manage(request.user, membership.group):
        raise PermissionDenied(_("Only the group's lead or a coordinator can decide this."))


def _confirm_decision(request: HttpRequest, membership: GroupMembership, *, approve: bool) -> HttpResponse:
    """The page that asks the lead to confirm, with the message (typed on the group's page) to send."""
    _may_manage(request, membership)
    partner = membership.partner.name
    if approve:
        question = _("Approve the request of %(partner)s?") % {"partner": partner}
        consequence = _("%(partner)s becomes a member of %(group)s at once and is told so.")
        button = _("Yes, approve %(partner)s") % {"partner": partner}
    else:
        question = _("Decline the request of %(partner)s?") % {"partner": partner}
        consequence = _("%(partner)s is told that %(group)s declined; the request cannot be reopened.")
        button = _("Yes, decline %(partner)s") % {"partner": partner}
    return confirm(
        request,
        Confirmation(
            question=question,
            consequence=consequence % {"partner": partner, "group": membership.group.name},
            button=button,
            back=membership.group.get_absolute_url() + "#requests",
            form=MessageForm(initial={"message": request.GET.get("message", "")}),
        ),
    )


def _decide(request: HttpRequest, slug: str, pk: int, *, approve: bool) -> HttpResponse:
    membership = _membership(slug, pk)
    if request.method != "POST":
        return _confirm_decision(request, membership, approve=approve)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _rejected(request, membership.group, form)
    service = services.approve_membership_request if approve else services.decline_membership_request

    def run() -> str:
        service(membership=membership, by=request.user, message=form.cleaned_data["message"])
        if approve:
            return _("%(partner)s is now a member.") % {"partner": membership.partner}
        return _("The request of %(partner)s was declined.") % {"partner": membership.partner}

    return _act(request, membership.group, run)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, approve=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, approve=False)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _rejected(request, membership.group, form)

    def run() -> str:
        changed = services.change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        return _("%(partner)s is now %(role)s.") % {
            "partner": changed.partner,
            "role": changed.get_role_display().lower(),
        }

    return _act(request, membership.group, run)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hand_over(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks to confirm; POST hands the lead over (the former lead cannot take it back alone)."""
    membership = _membership(slug, pk)
    if request.method != "POST":
        _may_manage(request, membership)
        partner = membership.partner.name
        return confirm(
            request,
            Confirmation(
                question=_("Hand over the lead of %(group)s to %(partner)s?")
                % {"group": membership.group.name, "partner": partner},
                consequence=_(
                    "%(partner)s leads the group at once; your organisation stays a member and can no "
                    "longer manage the group or take the lead back."
                )
                % {"partner": partner},
                button=_("Yes, hand over the lead to %(partner)s") % {"partner": partner},
                back=membership.group.get_absolute_url(),
            ),
        )

    def run() -> str:
        services.hand_over_lead(group=membership.group, to_membership=membership, by=request.user)
        return _("%(partner)s now leads the group.") % {"partner": membership.partner}

    return _act(request, membership.group, run)
