"""What events tells a subscriber in the digest email (see core.contributions.DIGEST_ITEMS): the news
published during the period, and the events coming up after it that still have seats. Upcoming
events only accompany what changed: on their own they would make the same digest arrive every week.

Each `collect` reads the subscription's `segments`, `groups` and `projects` (managers or querysets
of `Segment`, `WorkingGroup` and `Project`, used as subqueries), `all_news` (every news item, not
only those about what is followed), and `period.start` and `period.end` (dates, inclusive); each
runs one query.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from core.contributions import DIGEST_ITEMS, DigestItems

from .models import Event, NewsItem, RegistrationStatus

#: Upcoming events this far after the period are announced.
EVENTS_AHEAD = timedelta(weeks=8)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _followed(subscription: Any) -> Q:
    return Q(segment__in=subscription.segments.values("pk")) | Q(group__in=subscription.groups.values("pk"))


def news(subscription: Any, period: Any) -> list[NewsItem]:
    """News published in the period: all of it, or only about the followed segments, groups and projects."""
    about = (
        Q()
        if subscription.all_news
        else _followed(subscription) | Q(project__in=subscription.projects.values("pk"))
    )
    return list(
        NewsItem.objects.filter(
            about,
            published_at__gte=_local_midnight(period.start),
            published_at__lt=_local_midnight(period.end + timedelta(days=1)),
        ).order_by("-published_at")
    )


def upcoming_events(subscription: Any, period: Any) -> list[Event]:
    """Events of the followed segments and groups in the EVENTS_AHEAD after the period, with seats left."""
    return list(
        events_with_seats(_local_midnight(period.end + timedelta(days=1))).filter(_followed(subscription))
    )


def events_with_seats(after: datetime) -> QuerySet:
    """Events starting within EVENTS_AHEAD of `after` that still take registrations; `seats_left`
    is None where there is no limit."""
    return (
        Event.objects.filter(starts_at__gte=after, starts_at__lt=after + EVENTS_AHEAD, registration_open=True)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
        )
        .annotate(seats_left=F("capacity") - F("confirmed"))
        .filter(Q(capacity__isnull=True) | Q(seats_left__gt=0))
        .order_by("starts_at")
    )


DIGEST_ITEMS.register(
    DigestItems(
        key="news",
        collect=news,
        template="events/email/digest_news.html",
        text_template="events/email/digest_news.txt",
        order=60,
    )
)
DIGEST_ITEMS.register(
    DigestItems(
        key="events",
        collect=upcoming_events,
        template="events/email/digest_events.html",
        text_template="events/email/digest_events.txt",
        order=70,
        counts_as_change=False,
    )
)
