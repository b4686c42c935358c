import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.conditional import conditional
from core.confirm import Confirmation, confirm
from core.contributions import APPLICATION_FIELDS, export_personal_data, retention_notices, sections_vary
from core.errors import ServiceError
from core.pages import lazy, paginate, render_list
from core.ratelimit import address_over_limit
from core.refusals import refused
from core.versions import cached

from . import services
from .access import coordinator_required, get_editable_partner, is_member, person_of, represents
from .filters import PartnerFilter
from .forms import ApplicationForm, EraseForm, PartnerProfileForm, PeopleFormSet, RejectForm
from .geo import cached_partners_geojson, country_counts
from .models import ApplicationStatus, MembershipApplication, Partner

#: Applications accepted per client address per hour on /join/.
JOIN_LIMIT_PER_HOUR = 5


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    """The directory of active partners: search, facets, sorting, pages; htmx swaps the results."""

    def listing() -> dict:
        filterset = PartnerFilter(request.GET, queryset=Partner.objects.active(), request=request)
        page = paginate(request, filterset.qs.select_related("city_profile"))
        facets = filterset.facets()
        return {
            "filter": filterset,
            "page_obj": page,
            "facets": facets,
            # Apps above partners add facets (DIRECTORY_FILTERS): the page shows them in the filter's order.
            "facet_panels": filterset.facet_panels(facets),
        }

    # Lazy: the templates' cached fragment usually holds the list already.
    context = lazy(listing, "filter", "page_obj", "facets", "facet_panels")
    return render_list(request, "partners/partner_list.html", "partners/partner_results.html", context)


@require_safe
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's profile, former partners included (saying they left)."""

    def find() -> Partner | None:
        found = Partner.objects.select_related("city_profile").prefetch_related("people").filter(slug=slug)
        return found.first()

    # Cached with its contact people until the data changes; the page's content is a cached fragment
    # too, which runs the sections of the apps above partners (PROFILE_SECTIONS) on a miss only.
    partner = cached("partner", slug, find)
    if partner is None:
        raise Http404
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "show_emails": is_member(request.user),
            "can_edit": represents(request.user, partner),
            "sections_vary": sections_vary("profile"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def partner_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """A representative (or a coordinator) edits the profile and the contact people."""
    partner = get_editable_partner(request, slug)
    form = PartnerProfileForm(request.POST or None, instance=partner)
    people = PeopleFormSet(request.POST or None, instance=partner, prefix="people")

    def page(status: int = 200) -> HttpResponse:
        context = {"partner": partner, "form": form, "people": people}
        return render(request, "partners/partner_form.html", context, status=status)

    if request.method == "POST" and form.is_valid() and people.is_valid():
        try:
            services.update_partner_profile(
                partner=partner, changes=form.cleaned_data, people=people.people_data(), by=request.user
            )
        except ServiceError as error:
            if error.field not in form.fields:  # a rule about the whole edit, or the people
                return refused(request, error, page=page)
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(partner)
    return page(400 if request.method == "POST" else 200)


@require_safe
def partner_map(request: HttpRequest) -> HttpResponse:
    """The choropleth of partners per country; the table below carries the same numbers."""
    tiles = settings.LEAFLET_CONFIG["TILES"]  # optional; the boundaries alone make a readable map
    return render(
        request, "partners/map.html", {"countries": country_counts(), "tiles": tiles[0] if tiles else None}
    )


@require_safe
def partner_geojson(request: HttpRequest) -> HttpResponse:
    body = cached_partners_geojson(request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="application/geo+json")
    return conditional(request, response, max_age=300)


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """The public application form, with a honeypot field and a limit per client address."""
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if address_over_limit("join", request, limit=JOIN_LIMIT_PER_HOUR, window_seconds=3600):
            return render(request, "partners/join.html", {"form": form, "limited": True}, status=429)
        if form.is_valid():
            services.submit_application(data=form.application_data())
            return redirect("partners:join_done")
    return render(
        request, "partners/join.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@require_safe
def join_done(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/join_done.html")


@coordinator_required
@require_safe
def application_list(request: HttpRequest) -> HttpResponse:
    """Coordinators: the pending applications, oldest first, and the latest reviewed ones."""
    pending = MembershipApplication.objects.pending().order_by("submitted_at")
    reviewed = MembershipApplication.objects.exclude(status=ApplicationStatus.PENDING).order_by(
        "-reviewed_at"
    )
    return render(
        request,
        "partners/application_list.html",
        {
            "page_obj": paginate(request, pending),
            "reviewed": reviewed.select_related("reviewed_by", "partner")[:20],
        },
    )


def _render_application(request, application, reject_form=None, status=200) -> HttpResponse:
    context = {
        "application": application,
        "duplicates": services.possible_duplicates(application),
        # What the apps above partners keep with an application (APPLICATION_FIELDS).
        "parts": [(part.label, part.display(application)) for part in APPLICATION_FIELDS],
        "reject_form": reject_form or RejectForm(),
    }
    return render(request, "partners/application_detail.html", context, status=status)


@coordinator_required
@require_safe
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application with its possible duplicates, and the approve and reject buttons."""
    return _render_application(request, get_object_or_404(MembershipApplication, pk=pk))


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST approves (a partner and an invitation cannot be taken back)."""
    application = get_object_or_404(MembershipApplication, pk=pk)
    if request.method != "POST":
        name = application.organisation_name
        return confirm(
            request,
            Confirmation(
                question=_("Approve %(name)s?") % {"name": name},
                consequence=_(
                    "%(name)s becomes a partner at once and %(contact)s is emailed an invitation to set a "
                    "password. An approval cannot be undone."
                )
                % {"name": name, "contact": application.contact_name},
                button=_("Yes, approve %(name)s") % {"name": name},
                back=reverse("partners:application", args=[application.pk]),
            ),
        )
    try:
        partner = services.approve_application(application=application, reviewer=request.user)
    except ServiceError as error:
        return refused(request, error, page=lambda: _render_application(request, application))
    messages.success(request, _("%(name)s is now a partner; the invitation is sent.") % {"name": partner})
    return redirect("partners:applications")


@coordinator_required
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(MembershipApplication, pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_application(
                application=application, reviewer=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            if error.field not in form.fields:  # already reviewed, or not a coordinator
                return refused(request, error, page=lambda: _render_application(request, application, form))
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The application is rejected; the applicant is told."))
            return redirect("partners:applications")
    return _render_application(request, application, form, status=400)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/privacy.html", {"retention": retention_notices()})


@login_required
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything held about the logged-in person, as a JSON download."""
    person = person_of(request.user)
    if person is None:
        return redirect("me")
    response = HttpResponse(
        json.dumps(export_personal_data(person), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="ev4scc-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase_me(request: HttpRequest) -> HttpResponse:
    """Asks for confirmation, then erases the person's personal data and logs them out."""
    person = person_of(request.user)
    if person is None:
        return redirect("me")
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.erase_person(person=person, by=request.user)
        logout(request)
        messages.success(request, _("Your personal data is erased and your login closed."))
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/erase_confirm.html", {"form": form, "person": person}, status=status)
