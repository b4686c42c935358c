"""What goes into one person's digest for one period: what changed in what they follow.

Composing takes the same number of queries however much changed (one per section), because each
section is one query filtered by subqueries on the subscription's followed segments, groups and
projects, and the grouping happens in Python.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django_countries.fields import Country

from events.models import Event, NewsItem, RegistrationStatus
from partners.models import Partner, Person
from projects.models import Need, Project, ProjectStatusChange, Solution
from segments.models import GroupMembership, MembershipStatus, WorkingGroup

from .models import Subscription
from .periods import Period

#: Upcoming events this far after the period are announced.
EVENTS_AHEAD = timedelta(weeks=8)
#: Partners named per country; the rest are counted.
NAMES_PER_COUNTRY = 5


@dataclass
class CountryPartners:
    country: Country
    partners: list[Partner]

    @property
    def named(self) -> list[Partner]:
        return self.partners[:NAMES_PER_COUNTRY]

    @property
    def more(self) -> int:
        return max(0, len(self.partners) - NAMES_PER_COUNTRY)


@dataclass
class ProjectChanges:
    project: Project
    changes: list[ProjectStatusChange]

    @property
    def is_new(self) -> bool:
        return not self.changes[0].from_status

    @property
    def status(self) -> str:
        return self.changes[-1].get_to_status_display()


@dataclass
class GroupChanges:
    group: WorkingGroup
    joined: list[Partner] = field(default_factory=list)
    left: list[Partner] = field(default_factory=list)


@dataclass
class Digest:
    subscription: Subscription
    period: Period
    new_partners: list[CountryPartners]
    projects: list[ProjectChanges]
    solutions: list[Solution]
    needs: list[Need]
    groups: list[GroupChanges]
    news: list[NewsItem]
    events: list[Event]

    @property
    def person(self) -> Person:
        return self.subscription.person

    @property
    def has_changes(self) -> bool:
        """Whether anything changed. Upcoming events only accompany changes: on their own they would
        make the same digest arrive every week."""
        return any((self.new_partners, self.projects, self.solutions, self.needs, self.groups, self.news))

    @property
    def new_partner_count(self) -> int:
        return sum(len(entry.partners) for entry in self.new_partners)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def compose(subscription: Subscription, period: Period) -> Digest:
    """The digest of `subscription.person` for `period` (the subscription with its person loaded)."""
    since, until = _local_midnight(period.start), _local_midnight(period.end + timedelta(days=1))
    segments = subscription.segments.values("pk")
    groups = subscription.groups.values("pk")
    projects = subscription.projects.values("pk")
    followed = Q(segment__in=segments) | Q(group__in=groups)
    return Digest(
        subscription=subscription,
        period=period,
        new_partners=_new_partners(subscription.countries, period),
        projects=_project_changes(
            period,
            Q(project__in=projects) | Q(project__segment__in=segments) | Q(project__group__in=groups),
        ),
        solutions=list(
            Solution.objects.filter(segment__in=segments, created_at__gte=since, created_at__lt=until)
            .select_related("provider", "segment")
            .order_by("segment__position", "title")
        ),
        needs=list(
            Need.objects.open()
            .filter(segment__in=segments, created_at__gte=since, created_at__lt=until)
            .select_related("city", "segment")
            .order_by("segment__position", "title")
        ),
        groups=_group_changes(period, groups),
        news=list(
            NewsItem.objects.filter(published_at__gte=since, published_at__lt=until)
            .filter(Q() if subscription.all_news else followed | Q(project__in=projects))
            .order_by("-published_at")
        ),
        events=list(_events_with_seats(until).filter(followed)),
    )


def _new_partners(countries: list[Country], period: Period) -> list[CountryPartners]:
    if not countries:
        return []
    partners = Partner.objects.filter(
        country__in=[country.code for country in countries], joined_on__range=(period.start, period.end)
    ).order_by("country", "name")
    return [
        CountryPartners(Country(code), list(rows))
        for code, rows in groupby(partners, lambda p: p.country.code)
    ]


def _project_changes(period: Period, followed: Q) -> list[ProjectChanges]:
    changes = (
        ProjectStatusChange.objects.filter(followed, changed_on__range=(period.start, period.end))
        .select_related("project")
        .order_by("project__title", "project_id", "changed_on", "changed_at", "id")
    )
    return [ProjectChanges(project, list(rows)) for project, rows in groupby(changes, lambda c: c.project)]


def _group_changes(period: Period, groups: QuerySet) -> list[GroupChanges]:
    memberships = (
        GroupMembership.objects.filter(group__in=groups)
        .filter(
            Q(
                joined_on__range=(period.start, period.end),
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT],
            )
            | Q(left_on__range=(period.start, period.end))
        )
        .select_related("partner", "group")
        .order_by("group__name", "group_id", "partner__name")
    )
    result = []
    for group, rows in groupby(memberships, lambda m: m.group):
        entry = GroupChanges(group)
        for membership in rows:
            if membership.joined_on and period.start <= membership.joined_on <= period.end:
                entry.joined.append(membership.partner)
            if membership.left_on and period.start <= membership.left_on <= period.end:
                entry.left.append(membership.partner)
        result.append(entry)
    return result


def _events_with_seats(after: datetime) -> QuerySet:
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
