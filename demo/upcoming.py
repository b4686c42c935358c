"""Generated upcoming events with registrations (one of them full, with a waiting list), dated from
the day the demo is first loaded; their slugs are fixed, so loading again changes nothing."""

import random
from datetime import timedelta

from django.utils import timezone

from events.models import Event, EventKind, Registration, RegistrationStatus
from partners.models import Person

from .launch import Network, at
from .places import TOWNS

UPCOMING = [
    # (slug, title, kind, days from today, town country, segment, group, capacity)
    (
        "general-assembly-upcoming",
        "EV4SCC General Assembly",
        EventKind.GENERAL_ASSEMBLY,
        45,
        "BE",
        None,
        None,
        150,
    ),
    (
        "e-freight-workshop-upcoming",
        "E-freight workshop: cargo bike micro-hubs",
        EventKind.WORKSHOP,
        20,
        "DK",
        "urban-logistics",
        "e-freight",
        12,
    ),
    (
        "smart-charging-webinar-upcoming",
        "Webinar: smart charging for city fleets",
        EventKind.WEBINAR,
        9,
        "FR",
        "infrastructure",
        "e-planning-smart-charging",
        None,
    ),
    (
        "e-bus-site-visit-upcoming",
        "Site visit: opportunity charging bus line",
        EventKind.SITE_VISIT,
        60,
        "SE",
        "public-transport",
        "e-bus",
        8,
    ),
    (
        "mobility-hubs-meeting-upcoming",
        "Mobility hubs group meeting",
        EventKind.GROUP_MEETING,
        33,
        "NL",
        "multimodal",
        "mobility-hubs",
        30,
    ),
]


def load(rng: random.Random, network: Network) -> None:
    today = timezone.localdate()
    people = list(Person.objects.filter(partner__left_on__isnull=True).order_by("id")[:400])
    for slug, title, kind, days, country, segment, group, capacity in UPCOMING:
        town, lat, lon = TOWNS[country][0]
        day = today + timedelta(days=days)
        attendees = rng.sample(people, min(len(people), (capacity or 25) + (3 if capacity == 8 else -2)))
        event, created = Event.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "starts_at": at(day, 10),
                "ends_at": at(day, 16),
                "venue": f"{town} city hall" if kind != EventKind.WEBINAR else "Online",
                "city": town,
                "country": country,
                "latitude": lat,
                "longitude": lon,
                "segment": network.segments.get(segment),
                "group": network.groups.get(group),
                "capacity": capacity,
                "is_demo": True,
                "description": f"{title}, for partners of the EV4SCC network.",
                "agenda": "10:00 Welcome\n10:30 Cases from the partners\n13:00 Lunch\n14:00 Working session\n"
                "15:30 Conclusions",
            },
        )
        if not created:
            continue
        if group:
            event.organisers.set([network.groups[group].memberships.filter(role="lead").first().partner])
        # The site visit is over-subscribed: the last three wait for a seat.
        for index, person in enumerate(attendees):
            full = capacity is not None and index >= capacity
            Registration.objects.create(
                event=event,
                person=person,
                status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
                created_at=timezone.now() - timedelta(days=30 - index % 30, minutes=index),
            )
