"""What events adds to the pages and operations that lower apps own (see core.contributions): a
partner's upcoming events on its profile, the member's registrations on /me/, a segment's upcoming
events, a working group's sessions and events (and what its sessions decided, in its activity), the
upcoming events of each segment, the person's registrations in the personal-data export, and the
guard that keeps a contact person with a seat at a coming event."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from core.contributions import (
    GROUP_ACTIVITY,
    GROUP_SECTIONS,
    ME_SECTIONS,
    PERSON_REMOVAL_GUARDS,
    PERSONAL_DATA,
    PROFILE_SECTIONS,
    RETENTION,
    SEGMENT_FIGURES,
    SEGMENT_SECTIONS,
    ActivitySource,
    Figure,
    Guard,
    Happening,
    PersonalData,
    Retention,
    Section,
)
from partners.models import Person
from segments.models import Segment, WorkingGroup, count_per_segment

from .models import BreakoutSession, ContactMessage, Event, Registration, ended_today

# --- Pages ---------------------------------------------------------------------------------------


def _segment_events(request: HttpRequest, segment: Segment) -> dict[str, Any]:
    return {
        "events": Event.objects.filter(segment=segment, ends_at__gte=timezone.now()).order_by("starts_at")
    }


def _group_sessions(request: HttpRequest, group: WorkingGroup) -> dict[str, Any]:
    return {"sessions": _sessions_of(group)}


def _group_events(request: HttpRequest, group: WorkingGroup) -> dict[str, Any]:
    return {"events": Event.objects.filter(group=group).order_by("-starts_at")}


def _sessions_of(group: WorkingGroup) -> list[BreakoutSession]:
    return list(
        BreakoutSession.objects.filter(group=group)
        .select_related("event")
        .order_by("event__starts_at", "position")
    )


def _decisions(group: WorkingGroup) -> Iterable[Happening]:
    """What the group's sessions decided, on the day of their event."""
    return [
        Happening(
            timezone.localdate(session.event.starts_at),
            _("Decided at %(event)s") % {"event": session.event},
            session.outcome,
        )
        for session in _sessions_of(group)
        if session.outcome
    ]


def _upcoming_events() -> Any:
    # Evaluated per query (a lambda in the Figure), so "upcoming" is measured from now.
    return count_per_segment(Event.objects.filter(ends_at__gte=timezone.now()))


# The partner's section renders nothing when it has no upcoming event (see its template); which events
# are upcoming changes as they end (`varies`: the profile is cached).
PROFILE_SECTIONS.register(
    Section("events", "events/partner_events.html", lambda request, partner: {}, order=40, varies=ended_today)
)
ME_SECTIONS.register(Section("events", "events/me_section.html", lambda request, person: {}, order=40))
SEGMENT_SECTIONS.register(Section("events", "events/segment_events.html", _segment_events, order=40))
GROUP_SECTIONS.register(Section("sessions", "events/group_sessions.html", _group_sessions, order=40))
GROUP_SECTIONS.register(Section("events", "events/group_events.html", _group_events, order=50))
GROUP_ACTIVITY.register(ActivitySource("decisions", _decisions))
SEGMENT_FIGURES.register(
    Figure("upcoming_event_count", gettext_lazy("Upcoming events"), _upcoming_events, order=40)
)

# --- Personal data and the removal of a contact person -------------------------------------------


def _export_registrations(person: Person) -> list[dict[str, Any]]:
    # A registration holds nothing personal beyond the people it points at, whom partners erases.
    return list(
        Registration.objects.filter(person=person)
        .order_by("pk")
        .values("event__title", "event__starts_at", "status", "created_at", "registered_by__name")
    )


def _export_registrations_made(person: Person) -> list[dict[str, Any]]:
    """The registrations the person made for colleagues."""
    return list(
        Registration.objects.filter(registered_by=person)
        .order_by("pk")
        .values("event__title", "event__starts_at", "person__name", "status", "created_at")
    )


def _contact_messages(person: Person) -> Any:
    # Matched by email: the contact form is public and asks for no login.
    return ContactMessage.objects.filter(email__iexact=person.email)


def _export_contact_messages(person: Person) -> list[dict[str, Any]]:
    return list(
        _contact_messages(person)
        .order_by("pk")
        .values("name", "email", "subject", "message", "client_address", "created_at")
    )


def _erase_contact_messages(person: Person) -> None:
    _contact_messages(person).delete()


def _seated(person: Person) -> str | None:
    # Removing the person would drop their seats without promoting anyone from a waiting list.
    if (
        person.pk
        and Registration.objects.filter(person=person, event__ends_at__gte=timezone.now()).active().exists()
    ):
        return _("%(name)s is registered for coming events: cancel those registrations first.") % {
            "name": person.name
        }
    return None


PERSONAL_DATA.register(PersonalData("event_registrations", _export_registrations, order=40))
PERSONAL_DATA.register(PersonalData("registrations_for_colleagues", _export_registrations_made, order=41))
PERSONAL_DATA.register(
    PersonalData("contact_messages", _export_contact_messages, _erase_contact_messages, order=42)
)
PERSON_REMOVAL_GUARDS.register(Guard("seats", _seated))


def _expire_contact_messages(cutoff: Any) -> int:
    return ContactMessage.objects.filter(created_at__lt=cutoff).delete()[0]


RETENTION.register(
    Retention(
        "contact_messages",
        _expire_contact_messages,
        ngettext_lazy(
            "Contact messages: deleted after %(days)d day.",
            "Contact messages: deleted after %(days)d days.",
            "days",
        ),
    )
)
