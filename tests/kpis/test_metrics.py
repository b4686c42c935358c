"""Each metric on small cases computed by hand, with the edges the issue names."""

from datetime import date, timedelta

import pytest

from kpis import metrics
from kpis.metrics import METRICS, active_collaborations
from partners.models import LAUNCH_DATE, PartnerKind
from projects.models import ProjectStatus
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

L = LAUNCH_DATE
BEFORE_LAUNCH = L - timedelta(days=1)


def day(n: int) -> date:
    return L + timedelta(days=n)


def together_in_project(*partners, joined_on=L, **project):
    project = ProjectFactory(**project)
    for partner in partners:
        ParticipationFactory(project=project, partner=partner, joined_on=joined_on)
    return project


def test_registry_names_every_metric():
    assert set(METRICS) == {"cities", "sme_share", "collaboration_growth", "new_projects"}


# cities


def test_cities_counts_cities_and_regions_active_on_the_date():
    CityFactory()
    PartnerFactory(kind=PartnerKind.REGION)
    PartnerFactory(kind=PartnerKind.COMPANY)
    CityFactory(joined_on=day(10))
    assert metrics.cities(L) == 2
    assert metrics.cities(day(10)) == 3


def test_cities_counts_a_city_that_joined_and_left_only_in_between():
    CityFactory(joined_on=day(10), left_on=day(20))
    assert [metrics.cities(day(n)) for n in (9, 10, 19, 20)] == [0, 1, 1, 0]


def test_cities_before_the_launch_is_zero():
    CityFactory()
    assert metrics.cities(BEFORE_LAUNCH) == 0


# sme_share


def test_sme_share_is_the_percentage_of_active_partners():
    PartnerFactory(is_sme=True)
    PartnerFactory(is_sme=False)
    CityFactory()
    PartnerFactory(is_sme=True, joined_on=day(5))
    assert metrics.sme_share(L) == pytest.approx(100 / 3)
    assert metrics.sme_share(day(5)) == pytest.approx(50)


def test_sme_share_leaves_out_an_sme_that_left():
    PartnerFactory(is_sme=True, left_on=day(30))
    PartnerFactory(is_sme=False)
    assert metrics.sme_share(day(29)) == pytest.approx(50)
    assert metrics.sme_share(day(30)) == 0


def test_sme_share_without_partners_is_zero():
    PartnerFactory(is_sme=True)
    assert metrics.sme_share(BEFORE_LAUNCH) == 0


# collaborations


def test_a_project_with_one_partner_makes_no_pair():
    together_in_project(PartnerFactory())
    assert active_collaborations(L) == 0


def test_two_projects_shared_by_the_same_pair_are_one_collaboration():
    a, b = PartnerFactory(), PartnerFactory()
    together_in_project(a, b)
    together_in_project(a, b)
    assert active_collaborations(L) == 1


def test_a_group_and_a_project_shared_by_the_same_pair_are_one_collaboration():
    a, b = PartnerFactory(), PartnerFactory()
    together_in_project(a, b)
    group = WorkingGroupFactory()
    GroupMembershipFactory(group=group, partner=a)
    GroupMembershipFactory(group=group, partner=b)
    assert active_collaborations(L) == 1


def test_three_partners_in_a_project_are_three_pairs():
    together_in_project(PartnerFactory(), PartnerFactory(), PartnerFactory())
    assert active_collaborations(L) == 3


def test_a_group_membership_that_ended_ends_the_collaboration():
    group = WorkingGroupFactory()
    GroupMembershipFactory(group=group)
    GroupMembershipFactory(group=group, joined_on=day(10), left_on=day(40))
    assert [active_collaborations(day(n)) for n in (9, 10, 39, 40)] == [0, 1, 1, 0]


def test_a_requested_membership_without_a_join_date_does_not_count():
    group = WorkingGroupFactory()
    GroupMembershipFactory(group=group)
    GroupMembershipFactory(group=group, status="requested", joined_on=None)
    assert active_collaborations(day(10)) == 0


def test_a_project_counts_until_the_day_it_ended():
    together_in_project(PartnerFactory(), PartnerFactory(), status=ProjectStatus.COMPLETED, ended_on=day(30))
    assert [active_collaborations(day(n)) for n in (30, 31)] == [1, 0]


def test_a_participation_that_ended_ends_the_collaboration():
    a, b = PartnerFactory(), PartnerFactory()
    project = together_in_project(a)
    ParticipationFactory(project=project, partner=b, joined_on=day(5), left_on=day(15))
    assert [active_collaborations(day(n)) for n in (4, 5, 14, 15)] == [0, 1, 1, 0]


def test_a_partner_that_left_the_network_collaborates_no_more():
    a, b = PartnerFactory(), PartnerFactory(left_on=day(20))
    together_in_project(a, b)
    assert [active_collaborations(day(n)) for n in (19, 20)] == [1, 0]


def test_partners_in_different_places_of_the_same_id_are_not_paired():
    """A project and a group may share a primary key; they are still different places."""
    a, b = PartnerFactory(), PartnerFactory()
    project = together_in_project(a)
    group = WorkingGroupFactory(id=project.pk)
    GroupMembershipFactory(group=group, partner=b)
    assert active_collaborations(L) == 0


def test_collaboration_growth_is_the_percentage_change_since_the_launch():
    a, b, c = PartnerFactory(), PartnerFactory(), PartnerFactory()
    together_in_project(a, b)
    together_in_project(a, c)
    together_in_project(b, c, joined_on=day(10))
    assert metrics.collaboration_growth(L) == 0
    assert metrics.collaboration_growth(day(10)) == pytest.approx(50)


def test_collaboration_growth_measures_from_the_baseline_asked():
    a, b, c = PartnerFactory(), PartnerFactory(), PartnerFactory()
    together_in_project(a, b)
    together_in_project(a, c, joined_on=day(10))
    assert metrics.collaboration_growth(day(10), baseline=day(10)) == 0


def test_collaboration_growth_is_not_defined_without_collaborations_at_the_launch():
    together_in_project(PartnerFactory(), PartnerFactory(), joined_on=day(1))
    assert metrics.collaboration_growth(day(1)) is None


def test_collaboration_growth_before_the_launch_compares_with_the_launch():
    together_in_project(PartnerFactory(), PartnerFactory())
    assert metrics.collaboration_growth(BEFORE_LAUNCH) == -100


# new_projects


def test_new_projects_counts_projects_in_a_segment_started_since_the_launch():
    segment = SegmentFactory()
    ProjectFactory(segment=segment, started_on=L)
    ProjectFactory(segment=segment, started_on=day(30))
    ProjectFactory(segment=segment, started_on=BEFORE_LAUNCH)
    ProjectFactory(segment=None, started_on=day(10))
    ProjectFactory(segment=segment, started_on=None)
    assert metrics.new_projects(day(29)) == 1
    assert metrics.new_projects(day(30)) == 2


def test_new_projects_stop_counting_at_the_deadline():
    ProjectFactory(started_on=day(10))
    ProjectFactory(started_on=day(20))
    assert metrics.new_projects(day(100), deadline=day(10)) == 1


def test_new_projects_before_the_launch_is_zero():
    ProjectFactory(started_on=BEFORE_LAUNCH)
    assert metrics.new_projects(BEFORE_LAUNCH) == 0
