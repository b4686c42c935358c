"""The database itself refuses rows that break the domain's rules (on SQLite and PostgreSQL)."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from partners.models import LAUNCH_DATE, CityProfile
from projects.models import ParticipationRole, ProjectStatus
from tests.factories import (
    CityFactory,
    EventFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def refused(build) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_second_membership_of_a_partner_in_a_group_is_refused():
    membership = GroupMembershipFactory()
    refused(lambda: GroupMembershipFactory(partner=membership.partner, group=membership.group))


def test_memberships_of_the_same_partner_in_two_groups_are_allowed():
    membership = GroupMembershipFactory()
    GroupMembershipFactory(partner=membership.partner)


def test_second_coordinator_in_a_project_is_refused():
    coordinator = ParticipationFactory(role=ParticipationRole.COORDINATOR)
    refused(lambda: ParticipationFactory(project=coordinator.project, role=ParticipationRole.COORDINATOR))
    ParticipationFactory(project=coordinator.project, role=ParticipationRole.PARTNER)


def test_same_partner_twice_in_a_project_is_refused():
    participation = ParticipationFactory()
    refused(lambda: ParticipationFactory(project=participation.project, partner=participation.partner))


def test_event_that_ends_before_it_starts_is_refused():
    event = EventFactory.build()
    refused(lambda: EventFactory(starts_at=event.starts_at, ends_at=event.starts_at - timedelta(hours=1)))


def test_negative_capacity_is_refused():
    refused(lambda: EventFactory(capacity=-1))


def test_second_registration_of_a_person_for_an_event_is_refused():
    registration = RegistrationFactory()
    refused(lambda: RegistrationFactory(event=registration.event, person=registration.person))


def test_partner_leaving_before_joining_is_refused():
    refused(lambda: PartnerFactory(joined_on=LAUNCH_DATE, left_on=LAUNCH_DATE - timedelta(days=1)))
    PartnerFactory(joined_on=LAUNCH_DATE, left_on=LAUNCH_DATE + timedelta(days=1))


def test_half_a_location_is_refused():
    refused(lambda: PartnerFactory(latitude=50, longitude=None))


def test_closed_project_without_end_date_is_refused():
    refused(lambda: ProjectFactory(status=ProjectStatus.COMPLETED, ended_on=None))
    ProjectFactory(status=ProjectStatus.COMPLETED, ended_on=date(2017, 1, 1))


def test_project_ending_before_it_started_is_refused():
    refused(lambda: ProjectFactory(started_on=date(2017, 1, 2), ended_on=date(2017, 1, 1)))


def test_membership_left_before_joined_is_refused():
    refused(lambda: GroupMembershipFactory(joined_on=date(2017, 1, 2), left_on=date(2017, 1, 1)))


def test_email_is_unique_whatever_its_case():
    PersonFactory(email="Anna@Example.org")
    refused(lambda: PersonFactory(email="anna@example.org"))


def test_share_target_over_100_percent_is_refused():
    refused(lambda: TargetFactory(metric="sme_share", unit="percent", target_value=101))
    TargetFactory(metric="collaboration_growth", unit="percent", target_value=150)


def test_target_deadline_before_baseline_is_refused():
    refused(lambda: TargetFactory(baseline_date=date(2018, 1, 1), deadline=date(2017, 12, 31)))


@pytest.mark.parametrize(
    ("population", "size_class"),
    [
        (99_999, "small"),
        (100_000, "medium"),
        (249_999, "medium"),
        (250_000, "large"),
        (1_000_000, "metropolitan"),
    ],
)
def test_size_class_follows_population(population, size_class):
    city = CityFactory(city_profile__population=population)
    assert CityProfile.objects.get(partner=city).size_class == size_class
