"""The security tests' shared ground: every URL pattern of the project, read from the URL resolver,
and one small network (the cast) that gives each pattern a concrete URL.

The cast: a city leads a working group, coordinates a forming project in it, publishes a need and
organises the group's event; `group_lead` represents that city and `member` is a colleague there
without the right to act for it. `other` represents a company that asked to join the group and the
project, is registered for the event and provides a solution. `coordinator` is staff."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.views import APIView

from digests.unsubscribe import make_token
from partners.models import MembershipApplication, PartnerKind
from projects.models import ParticipationRole, ParticipationStatus, ProjectStatus
from segments.models import GroupRole, MembershipStatus
from tests.digests.factories import SubscriptionFactory
from tests.factories import (
    CityFactory,
    EventFactory,
    FundingCallFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    RepresentativeFactory,
    SegmentFactory,
    TargetFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

#: Django's admin has its own tests (tests/foundation/test_admin.py); static files are not views.
SKIPPED_PREFIXES = ("admin/", "static/", "media/")

ROLES = ("anonymous", "member", "other", "group_lead", "coordinator")


def url_patterns() -> dict[str, URLPattern]:
    """Every named URL pattern of the project, as {"namespace:name": pattern}."""
    return dict(_walk(get_resolver(), "", ""))


def is_rest_api(name: str) -> bool:
    """Whether a pattern is served by Django REST framework (JSON in, JSON out)."""
    view_class = getattr(url_patterns()[name].callback, "cls", None)
    return view_class is not None and issubclass(view_class, APIView)


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry, route, inner)
        elif isinstance(entry, URLPattern):
            # An unnamed pattern could not be given a row: name it, or this fails on purpose.
            assert entry.name, f"URL pattern {route!r} has no name"
            yield ":".join(part for part in (namespace, entry.name) if part), entry


@dataclass
class Cast:
    users: dict[str, AbstractBaseUser | None]
    lead_city: object
    other_partner: object
    group: object
    request: object  # other_partner's pending request to join the group
    call: object
    project: object
    project_request: object  # other_partner's pending request to join the project
    solution: object
    need: object
    event: object
    registration: object  # other's registration for the event
    news: object
    application: object
    outsider: object  # a partner in no group or project, to be invited
    unsubscribe_token: str

    def client(self, role: str) -> Client:
        client = Client()
        if self.users[role] is not None:
            client.force_login(self.users[role])
        return client


def build_cast() -> Cast:
    segment = SegmentFactory(name="E-bus", slug="e-bus")
    lead_city = CityFactory(name="Gothenburg", slug="gothenburg", country="SE")
    other_partner = PartnerFactory(name="Volt Depot", slug="volt-depot", kind=PartnerKind.COMPANY)
    group_lead = RepresentativeFactory(partner=lead_city, user=UserFactory(username="lead")).user
    member = PersonFactory(partner=lead_city, user=UserFactory(username="member")).user
    other_person = RepresentativeFactory(partner=other_partner, user=UserFactory(username="other"))
    coordinator = UserFactory(username="coordinator", is_staff=True)

    group = WorkingGroupFactory(segment=segment, name="E-bus group", slug="e-bus-group")
    GroupMembershipFactory(group=group, partner=lead_city, role=GroupRole.LEAD)
    request = GroupMembershipFactory(
        group=group, partner=other_partner, status=MembershipStatus.REQUESTED, joined_on=None
    )
    call = FundingCallFactory(identifier="GV8-2017")
    project = ProjectFactory(
        segment=segment, group=group, call=call, status=ProjectStatus.FORMING, slug="e-freight"
    )
    ParticipationFactory(project=project, partner=lead_city, role=ParticipationRole.COORDINATOR)
    project_request = ParticipationFactory(
        project=project, partner=other_partner, status=ParticipationStatus.REQUESTED, joined_on=None
    )
    event = EventFactory(segment=segment, group=group, slug="e-bus-meeting")
    application = MembershipApplication.objects.create(
        organisation_name="Tallinn",
        kind=PartnerKind.CITY,
        country="EE",
        city="Tallinn",
        contact_name="Tiina",
        contact_email="tiina@example.org",
        consented_at=timezone.now() - timedelta(days=1),
    )
    TargetFactory(metric="cities")
    SubscriptionFactory(person=other_person)
    return Cast(
        users={
            "anonymous": None,
            "member": member,
            "other": other_person.user,
            "group_lead": group_lead,
            "coordinator": coordinator,
        },
        lead_city=lead_city,
        other_partner=other_partner,
        group=group,
        request=request,
        call=call,
        project=project,
        project_request=project_request,
        solution=SolutionFactory(provider=other_partner, segment=segment, slug="depot-charging"),
        need=NeedFactory(city=lead_city, segment=segment, slug="night-charging"),
        event=event,
        registration=RegistrationFactory(event=event, person=other_person),
        news=NewsItemFactory(slug="launch"),
        application=application,
        outsider=PartnerFactory(name="Charge Lab", slug="charge-lab"),
        unsubscribe_token=make_token(other_person.pk),
    )


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


def attempt(client: Client, method: str, url: str, data=None, **extra) -> HttpResponse:
    """One request whose writes are rolled back afterwards, so the next request meets the same
    data; the response is kept (rendered) for the caller."""
    cache.clear()  # rate limits (join, contact, API throttles) count per test request, not per run
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data, **extra)
        transaction.set_rollback(True)
    return response
