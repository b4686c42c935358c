"""factory_boy factories for the whole domain; tests build exactly the rows they talk about."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model

from events.models import Event, EventKind, NewsItem, Registration, RegistrationStatus
from kpis.models import Target
from partners.models import LAUNCH_DATE, CityProfile, Partner, PartnerKind, Person
from projects.models import FundingCall, Participation, ParticipationRole, Project, ProjectStatus
from segments.models import GroupMembership, GroupRole, MembershipStatus, Segment, WorkingGroup


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.COMPANY
    country = "DE"
    city = "Berlin"
    joined_on = LAUNCH_DATE
    latitude = factory.Sequence(lambda n: Decimal(40 + n % 20))
    longitude = factory.Sequence(lambda n: Decimal(n % 20))


class CityFactory(PartnerFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = PartnerKind.CITY
    city_profile = factory.RelatedFactory(
        "tests.factories.CityProfileFactory", factory_related_name="partner"
    )


class CityProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityProfile

    partner = factory.SubFactory(PartnerFactory, kind=PartnerKind.CITY)
    population = 150_000


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class RepresentativeFactory(PersonFactory):
    """A person who may act for the partner, with a login."""

    is_representative = True
    user = factory.SubFactory(UserFactory)


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Segment {n}")
    short_name = factory.Sequence(lambda n: f"S{n}")
    slug = factory.Sequence(lambda n: f"segment-{n}")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    segment = factory.SubFactory(SegmentFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    formed_on = LAUNCH_DATE


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    partner = factory.SubFactory(PartnerFactory)
    group = factory.SubFactory(WorkingGroupFactory)
    role = GroupRole.MEMBER
    status = MembershipStatus.ACTIVE
    joined_on = LAUNCH_DATE


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall

    programme = "Horizon Europe"
    identifier = factory.Sequence(lambda n: f"CALL-{n}")
    title = factory.Sequence(lambda n: f"Call {n}")
    deadline = factory.LazyFunction(lambda: date.today() + timedelta(days=90))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    segment = factory.SubFactory(SegmentFactory)
    status = ProjectStatus.RUNNING
    started_on = LAUNCH_DATE


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = ParticipationRole.PARTNER
    joined_on = LAUNCH_DATE


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.WORKSHOP
    starts_at = factory.LazyFunction(
        lambda: datetime.now(ZoneInfo("Europe/Brussels")).replace(microsecond=0) + timedelta(days=30)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    city = "Brussels"
    country = "BE"
    capacity = 20


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    status = RegistrationStatus.CONFIRMED


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    body = "Something happened."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    metric = "cities"
    target_value = 50
    unit = "count"
    baseline_date = LAUNCH_DATE
    deadline = date(2017, 12, 31)
