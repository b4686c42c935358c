from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.conditional import conditional
from core.confirm import Confirmation, confirm
from core.csv import csv_response, file_name
from core.errors import Reason, ServiceError
from core.pages import lazy, paginate, render_list
from core.ratelimit import address_over_limit, client_address
from core.refusals import refused
from partners.access import acting_representative, in_network, person_of

from . import services
from .access import get_organised_event, is_organiser, may_change_registration
from .calendar import calendar_for
from .filters import EventFilterSet
from .forms import ColleagueForm, ContactForm, RegistrationForm
from .models import BreakoutSession, Event, NewsItem, Registration, RegistrationStatus, ended_today

CONTACT_LIMIT = 5  # messages per client address and window
CONTACT_WINDOW = 60 * 60  # seconds


def _filtered_events(request: HttpRequest) -> tuple[EventFilterSet, QuerySet[Event]]:
    """The filter set and its events; malformed filters give form errors and no events."""
    queryset = Event.objects.select_related("segment", "group")
    filterset = EventFilterSet(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def event_list(request: HttpRequest) -> HttpResponse:
    def listing() -> dict:
        filterset, events = _filtered_events(request)
        page = paginate(request, events.with_seats().upcoming_first())
        return {
            "filter": filterset,
            "facets": filterset.facets(),
            "page_obj": page,
            "events": page.object_list,
        }

    # Lazy: the templates' cached fragment usually holds the list already.
    context = lazy(listing, "filter", "facets", "page_obj", "events")
    context["ended_today"] = ended_today()
    response = render_list(request, "events/event_list.html", "events/_event_list_htmx.html", context)
    # Without a query string the filter set is unbound, so without errors: no need to build it.
    if request.GET and context["filter"].errors:
        response.status_code = 400
    return response


def _event_context(request: HttpRequest, event: Event) -> dict:
    counts = event.registrations.counts()
    person = person_of(request.user)
    mine = event.registrations.active().made_by_or_for(person).select_related("person") if person else []
    can_register = in_network(person) and event.registration_open and not event.has_started
    return {
        "event": event,
        "counts": counts,
        "seats_left": event.seats_left(counts["confirmed"]),
        "my_registrations": mine,
        "form": RegistrationForm(event=event, registrant=person) if can_register else None,
        # Adding a contact person is a representative's right, as in the profile editor.
        "colleague_form": ColleagueForm() if can_register and acting_representative(request.user) else None,
        "is_organiser": is_organiser(request.user, event),
    }


def _get_event(slug: str) -> Event:
    return get_object_or_404(
        Event.objects.select_related("segment", "group").prefetch_related(
            "organisers", Prefetch("sessions", queryset=BreakoutSession.objects.select_related("group"))
        ),
        slug=slug,
    )


def _event_page(
    request: HttpRequest,
    event: Event,
    *,
    form: RegistrationForm | None = None,
    colleague_form: ColleagueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _event_context(request, event)
    if form is not None:
        context["form"] = form
    if colleague_form is not None:
        context["colleague_form"] = colleague_form
    return render(request, "events/event_detail.html", context, status=status)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_page(request, _get_event(slug))


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    """Register oneself or a colleague. An invalid form, or a refusal about the person, is the form
    again with its errors; any other refusal is the event's page at the refusal's status."""
    event = _get_event(slug)
    registrant = person_of(request.user)
    if not in_network(registrant):
        error = ServiceError(_("Only members of the network can register."), reason=Reason.FORBIDDEN)
        return refused(request, error, page=lambda: _event_page(request, event))
    form = RegistrationForm(request.POST, event=event, registrant=registrant)
    if not form.is_valid():
        return _event_page(request, event, form=form, status=400)
    try:
        registration = services.register(event=event, person=form.cleaned_data["person"], by=request.user)
    except ServiceError as error:
        if error.field not in form.fields:
            return refused(request, error, page=lambda: _event_page(request, event, form=form))
        form.add_error(error.field, error.message)
        return _event_page(request, event, form=form, status=error.status)
    return _registered(request, registration)


def _registered(request: HttpRequest, registration: Registration) -> HttpResponse:
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("%(name)s is registered.") % {"name": registration.person.name})
    else:
        messages.warning(
            request,
            _("The event is full: %(name)s is on the waiting list.") % {"name": registration.person.name},
        )
    return redirect(registration.event)


@login_required
@require_POST
def event_register_colleague(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a colleague who is not yet a contact and register them in one step (representatives).
    An invalid form, or a refusal about the name or email, is the form again with its errors."""
    event = _get_event(slug)
    if acting_representative(request.user) is None:
        error = ServiceError(
            _("Only a representative of the organisation can add a colleague."), reason=Reason.FORBIDDEN
        )
        return refused(request, error, page=lambda: _event_page(request, event))
    form = ColleagueForm(request.POST)
    if not form.is_valid():
        return _event_page(request, event, colleague_form=form, status=400)
    try:
        registration = services.register_new_colleague(event=event, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        if error.field not in form.fields:
            return refused(request, error, page=lambda: _event_page(request, event, colleague_form=form))
        form.add_error(error.field, error.message)
        return _event_page(request, event, colleague_form=form, status=error.status)
    return _registered(request, registration)


def _change_registration(request: HttpRequest, slug: str, pk: int, change, done: str) -> HttpResponse:
    """Cancel or leave the waiting list; a refusal is the event's page at its status (403, 409)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, event__slug=slug)
    try:
        promoted = change(registration=registration, by=request.user)
    except ServiceError as error:
        return refused(request, error, page=lambda: _event_page(request, _get_event(slug)))
    messages.success(request, done)
    if promoted:
        messages.info(request, _("%(name)s moved up from the waiting list.") % {"name": promoted.person.name})
    return redirect(request.POST.get("next") if _is_local(request.POST.get("next")) else registration.event)


def _confirm_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "person"), pk=pk, event__slug=slug
    )
    if not may_change_registration(request.user, registration):
        raise PermissionDenied(_("You can cancel only your own registrations and those you made."))
    back = request.GET.get("next")
    back = back if _is_local(back) else registration.event.get_absolute_url()
    name, event = registration.person.name, registration.event.title
    return confirm(
        request,
        Confirmation(
            question=_("Cancel the seat of %(name)s at %(event)s?") % {"name": name, "event": event},
            consequence=_(
                "The seat goes at once to the first person on the waiting list, if there is one: "
                "registering again may put %(name)s on the waiting list."
            )
            % {"name": name},
            button=_("Yes, cancel the seat"),
            back=back,
            hidden={"next": back},
        ),
    )


def _is_local(url: str | None) -> bool:
    return bool(url) and url.startswith("/") and not url.startswith("//")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks to confirm; POST cancels (a freed seat goes to the first person waiting at once)."""
    if request.method != "POST":
        return _confirm_cancel(request, slug, pk)
    return _change_registration(
        request, slug, pk, services.cancel_registration, _("The registration is cancelled.")
    )


@login_required
@require_POST
def registration_leave(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _change_registration(
        request, slug, pk, services.leave_waiting_list, _("You have left the waiting list.")
    )


def _attendees(event: Event):
    return (
        event.registrations.active()
        .select_related("person__partner", "registered_by")
        .order_by("status", "created_at", "id")
    )


def _attendees_page(request: HttpRequest, event: Event) -> HttpResponse:
    return render(request, "events/attendees.html", {"event": event, "registrations": _attendees(event)})


@login_required
def event_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    return _attendees_page(request, get_organised_event(request, slug))


@login_required
def event_attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_organised_event(request, slug)
    header = ["name", "email", "organisation", "country", "status", "registered_at", "registered_by"]
    rows = (
        [
            registration.person.name,
            registration.person.email,
            registration.person.partner.name,
            registration.person.partner.country.code,
            registration.status,
            registration.created_at,
            registration.registered_by.name if registration.registered_by else "",
        ]
        for registration in _attendees(event)
    )
    return csv_response(file_name("event", event.slug, "attendees"), header, rows)


@login_required
@require_POST
def event_close(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_organised_event(request, slug)
    try:
        services.close_registration(event=event, by=request.user)
    except ServiceError as error:
        return refused(request, error, page=lambda: _attendees_page(request, event))
    messages.success(request, _("Registration is closed."))
    return redirect("events:event_attendees", slug=event.slug)


def _ics_response(request: HttpRequest, events: list[Event], name: str, filename: str) -> HttpResponse:
    """The calendar, with URLs on the site as the client reached it, an ETag and the latest change
    as Last-Modified: a calendar client that polls gets 304 until an event changes."""
    body = calendar_for(events, name=name, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    last_modified = max((event.updated_at for event in events), default=None)
    return conditional(request, response, last_modified=last_modified, max_age=300)


@require_safe
def events_feed(request: HttpRequest) -> HttpResponse:
    filterset, events = _filtered_events(request)
    if filterset.errors:
        return HttpResponse(filterset.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    events = list(events.order_by("starts_at"))
    return _ics_response(request, events, _("EV4SCC events"), "ev4scc-events.ics")


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    return _ics_response(request, [event], event.title, f"ev4scc-event-{event.slug}.ics")


def news_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, NewsItem.objects.published().select_related("segment", "event"), per_page=10)
    return render(request, "events/news_list.html", {"page_obj": page, "news": page.object_list})


def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(
        NewsItem.objects.published().select_related("segment", "group", "event", "project"), slug=slug
    )
    return render(request, "events/news_detail.html", {"item": item})


def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        address = client_address(request)
        if address_over_limit("contact", request, limit=CONTACT_LIMIT, window_seconds=CONTACT_WINDOW):
            form.add_error(None, _("Too many messages from your address; please try again in an hour."))
            return render(request, "events/contact.html", {"form": form}, status=429)
        if form.is_valid():
            # A filled honeypot is a bot: it is thanked like a person, and nothing is stored or sent.
            if not form.is_spam:
                services.send_contact_message(**form.contact_details(), client_address=address)
            messages.success(request, _("Thank you: your message has reached the coordinators."))
            return redirect("events:contact")
        return render(request, "events/contact.html", {"form": form}, status=400)
    return render(request, "events/contact.html", {"form": form})
