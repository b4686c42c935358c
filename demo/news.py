"""Recent news about the generated upcoming events, so the home page and /news/ show current items.
Dated from the day the demo is first loaded; slugs are fixed, so loading again changes nothing."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, NewsItem

from .launch import Network, at

RECENT = [
    # (slug, title, days before today, event slug, segment, group, body in Markdown)
    (
        "registration-open-general-assembly",
        "Registration is open for the General Assembly",
        12,
        "general-assembly-upcoming",
        None,
        None,
        "The network's next **General Assembly** meets in Brussels. Members register themselves and "
        "their colleagues on the event page; when the seats are taken, the waiting list moves up "
        "automatically.\n\n- the network's targets, one year on\n- reports from the working groups\n"
        "- the funding calls ahead",
    ),
    (
        "site-visit-fully-booked",
        "Bus line site visit fully booked",
        5,
        "e-bus-site-visit-upcoming",
        "public-transport",
        "e-bus",
        "All eight seats for the visit of an *opportunity charging* bus line are taken. Join the "
        "waiting list: if someone cancels, the first person waiting gets the seat and an email.",
    ),
    (
        "smart-charging-webinar-announced",
        "Webinar on smart charging for city fleets",
        2,
        "smart-charging-webinar-upcoming",
        "infrastructure",
        "e-planning-smart-charging",
        "The E-planning and smart charging group shares what its cities learnt about charging "
        "municipal fleets overnight. Online, no seat limit; add it to your calendar from the event page.",
    ),
]


def load(network: Network) -> None:
    today = timezone.localdate()
    events = Event.objects.in_bulk([row[3] for row in RECENT], field_name="slug")
    for slug, title, days, event, segment, group, body in RECENT:
        NewsItem.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "body": body,
                "published_at": at(today - timedelta(days=days), 11),
                "event": events.get(event),
                "segment": network.segments.get(segment),
                "group": network.groups.get(group),
                "is_demo": True,
            },
        )
