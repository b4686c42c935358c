"""Events data for other apps' pages (home, partner profile, /me/), each in a constant number of queries."""

from django import template
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from partners.models import Partner, Person

from ..models import Event, NewsItem, Registration
from ..rendering import render_markdown

register = template.Library()


@register.simple_tag
def latest_news(count: int = 3) -> QuerySet[NewsItem]:
    return NewsItem.objects.published().select_related("segment")[:count]


@register.simple_tag
def upcoming_events_of(partner: Partner) -> QuerySet[Event]:
    """Upcoming events the partner organises or has people registered for."""
    return Event.objects.upcoming().involving(partner).select_related("segment", "group")


@register.simple_tag
def registrations_of(person: Person) -> QuerySet[Registration]:
    """The member's own upcoming registrations and those they made for colleagues."""
    return (
        Registration.objects.made_by_or_for(person)
        .active()
        .filter(event__ends_at__gte=timezone.now())
        .select_related("event", "person")
        .order_by("event__starts_at", "person__name")
    )


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)
