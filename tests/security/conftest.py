"""The security tests' shared ground: every URL pattern of the project, read from the URL resolver,
and one small scene around the shared cast (tests/cast.py) that gives each pattern a concrete URL.

The scene: the lead partner (Aarhus, a city) leads the cast's working group, coordinates a forming
project in it, publishes a need and organises the group's event; `lead` represents it. `member` works
at partner A without the right to act for it. Partner B (Tartu, a city) asked to join the group and
the project, provides a solution, and `rep_b`, its representative, is registered for the event and
subscribed to the digest. `coordinator` is staff. `lead_colleague` works at the lead partner
without the right to act for it: the matrix expects the member's answers from them too."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
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
from segments.models import MembershipStatus
from tests.cast import Cast, build_cast
from tests.digests.factories import SubscriptionFactory
from tests.factories import (
    EventFactory,
    FundingCallFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    TargetFactory,
    UserFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

#: Django's admin has its own tests (tests/foundation/test_admin.py); static files are not views.
SKIPPED_PREFIXES = ("admin/", "static/", "media/")

#: The columns of the permission matrix: roles of the shared cast (tests/cast.py), fewest rights first.
ROLES = ("anonymous", "member", "rep_b", "lead", "coordinator")


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
class Scene:
    """What the shared cast meets in the security tests, one object for each kind of URL argument."""

    cast: Cast
    request: object  # partner B's pending request to join the group
    call: object
    project: object  # forming, coordinated by the lead partner, in the group
    project_request: object  # partner B's pending request to join the project
    solution: object  # provided by partner B
    need: object  # published by the lead partner
    event: object  # the group's event
    registration: object  # rep_b's registration for the event
    news: object
    application: object
    outsider: object  # a partner in no group or project, to be invited
    unsubscribe_token: str  # rep_b's
    lead_colleague: object  # a login at the lead partner that does not represent it

    def client(self, role: str) -> Client:
        """A client logged in as a role of the cast, or as the lead's colleague ("lead_colleague")."""
        if role != "lead_colleague":
            return self.cast.client(role)
        client = Client()
        client.force_login(self.lead_colleague)
        return client


def build_scene(cast: Cast | None = None) -> Scene:
    """The scene around the cast (a new cast unless one is given)."""
    cast = cast or build_cast()
    group = cast.group
    request = GroupMembershipFactory(
        group=group, partner=cast.partner_b, status=MembershipStatus.REQUESTED, joined_on=None
    )
    call = FundingCallFactory(identifier="GV8-2017")
    project = ProjectFactory(
        segment=cast.segment, group=group, call=call, status=ProjectStatus.FORMING, slug="e-freight"
    )
    ParticipationFactory(project=project, partner=cast.lead_partner, role=ParticipationRole.COORDINATOR)
    project_request = ParticipationFactory(
        project=project, partner=cast.partner_b, status=ParticipationStatus.REQUESTED, joined_on=None
    )
    event = EventFactory(segment=cast.segment, group=group, slug="e-bus-meeting")
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
    SubscriptionFactory(person=cast.rep_b_person)
    return Scene(
        cast=cast,
        request=request,
        call=call,
        project=project,
        project_request=project_request,
        solution=SolutionFactory(provider=cast.partner_b, segment=cast.segment, slug="depot-charging"),
        need=NeedFactory(city=cast.lead_partner, segment=cast.segment, slug="night-charging"),
        event=event,
        registration=RegistrationFactory(event=event, person=cast.rep_b_person),
        news=NewsItemFactory(slug="launch"),
        application=application,
        outsider=PartnerFactory(name="Charge Lab", slug="charge-lab"),
        unsubscribe_token=make_token(cast.rep_b_person.pk),
        lead_colleague=PersonFactory(
            partner=cast.lead_partner, user=UserFactory(username="lead_colleague")
        ).user,
    )


@pytest.fixture
def scene(cast) -> Scene:
    return build_scene(cast)


def attempt(client: Client, method: str, url: str, data=None, **extra) -> HttpResponse:
    """One request whose writes are rolled back afterwards, so the next request meets the same
    data; the response is kept (rendered) for the caller."""
    cache.clear()  # rate limits (join, contact, API throttles) count per test request, not per run
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data, **extra)
        transaction.set_rollback(True)
    return response
