"""The monthly series agree with the metric functions on every date, in one query per series."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpis.metrics import METRICS
from kpis.series import SERIES, month_ends
from partners.models import LAUNCH_DATE, PartnerKind
from projects.models import ProjectStatus
from tests.factories import (
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2017, 12, 31)


def test_month_ends_run_from_the_start_through_each_month_end_to_the_end():
    assert month_ends(date(2016, 1, 28), date(2016, 4, 15)) == [
        date(2016, 1, 28),
        date(2016, 1, 31),
        date(2016, 2, 29),
        date(2016, 3, 31),
        date(2016, 4, 15),
    ]
    assert month_ends(date(2016, 1, 31), date(2016, 2, 29)) == [date(2016, 1, 31), date(2016, 2, 29)]
    assert month_ends(date(2016, 12, 1), date(2017, 1, 31)) == [
        date(2016, 12, 1),
        date(2016, 12, 31),
        date(2017, 1, 31),
    ]


def test_month_ends_of_a_date_not_after_the_start_is_that_date():
    assert month_ends(date(2016, 1, 28), date(2015, 6, 1)) == [date(2015, 6, 1)]


def random_network(rng: random.Random, size: int) -> None:
    """Partners, groups and projects with random dates over the target period."""

    def some_day(start: date = LAUNCH_DATE - timedelta(days=60)) -> date:
        return start + timedelta(days=rng.randint(0, (DEADLINE - start).days + 30))

    def maybe_after(start: date) -> date | None:
        return start + timedelta(days=rng.randint(1, 400)) if rng.random() < 0.3 else None

    segments = [SegmentFactory(), SegmentFactory()]
    partners = []
    for _ in range(size):
        joined = some_day()
        partners.append(
            PartnerFactory(
                kind=rng.choice(list(PartnerKind)),
                is_sme=rng.random() < 0.5,
                joined_on=joined,
                left_on=maybe_after(joined),
            )
        )
    groups = [WorkingGroupFactory(segment=rng.choice(segments)) for _ in range(2)]
    for partner in rng.sample(partners, size // 2):
        joined = some_day(partner.joined_on)
        GroupMembershipFactory(
            partner=partner, group=rng.choice(groups), joined_on=joined, left_on=maybe_after(joined)
        )
    for _ in range(size // 2):
        started = some_day()
        ended = maybe_after(started)
        project = ProjectFactory(
            segment=rng.choice([*segments, None]),
            started_on=started,
            ended_on=ended,
            status=ProjectStatus.COMPLETED if ended else ProjectStatus.RUNNING,
        )
        for partner in rng.sample(partners, rng.randint(1, 4)):
            joined = some_day(started)
            ParticipationFactory(
                project=project, partner=partner, joined_on=joined, left_on=maybe_after(joined)
            )


@pytest.mark.parametrize("metric", list(METRICS))
def test_series_equal_the_metric_function_on_every_date(metric):
    random_network(random.Random(8), 30)
    dates = month_ends(LAUNCH_DATE - timedelta(days=45), DEADLINE + timedelta(days=40))
    baseline = date(2017, 1, 15)
    values = SERIES[metric](dates, baseline=baseline, deadline=DEADLINE)
    expected = [METRICS[metric](day, baseline=baseline, deadline=DEADLINE) for day in dates]
    assert values == pytest.approx(expected)
    assert len(set(expected)) > 3  # the network changes, so the comparison means something


@pytest.mark.parametrize("metric", list(METRICS))
def test_a_series_takes_one_query_whatever_the_months_and_rows(metric):
    def queries(size: int, months: int) -> int:
        random_network(random.Random(size), size)
        dates = month_ends(LAUNCH_DATE, LAUNCH_DATE + timedelta(days=31 * months))
        with CaptureQueriesContext(connection) as captured:
            SERIES[metric](dates, baseline=LAUNCH_DATE, deadline=DEADLINE)
        return len(captured)

    assert queries(4, 2) == queries(20, 30) == 1
