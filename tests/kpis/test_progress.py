"""Progress, pace, trend and forecast of a target, on hand-made series."""

from datetime import date
from decimal import Decimal

import pytest

from kpis.progress import Assessment, Status, assess, trend_per_month
from kpis.series import month_ends
from tests.factories import CityFactory, TargetFactory

START, DEADLINE = date(2016, 1, 31), date(2017, 12, 31)


def assessment(values: list, as_of: date, goal: int = 50) -> Assessment:
    target = TargetFactory.build(target_value=Decimal(goal), baseline_date=START, deadline=DEADLINE)
    judged_on = min(as_of, DEADLINE)
    dates = month_ends(START, judged_on)
    assert len(dates) == len(values)
    return Assessment(
        target=target,
        as_of=as_of,
        judged_on=judged_on,
        dates=dates,
        values=values,
        trend=trend_per_month(dates, values),
    )


def test_the_trend_is_the_slope_per_month_of_the_last_12_months():
    dates = month_ends(START, date(2016, 12, 31))
    values = [10 + 2 * i for i in range(len(dates))]
    assert trend_per_month(dates, values) == pytest.approx(2, rel=0.03)
    # only the last 12 months count: a flat first year does not slow a rising second one
    dates = month_ends(START, date(2017, 12, 31))
    values = [10] * 12 + [10 + 3 * i for i in range(1, 13)]
    assert trend_per_month(dates, values) == pytest.approx(3, rel=0.05)


def test_a_target_rising_fast_enough_is_on_track_with_its_forecast_date():
    a = assessment([20 + 2 * i for i in range(12)], date(2016, 12, 31))  # 42 at the end of 2016
    assert a.value == 42
    assert a.status == Status.ON_TRACK
    assert a.percent == pytest.approx(84)
    assert a.pace_needed == pytest.approx(8 / 12, rel=0.01)
    assert a.pace_so_far == pytest.approx(2, rel=0.05)
    assert date(2017, 4, 1) < a.reached_on < date(2017, 5, 15)  # four months at two a month


def test_a_target_rising_too_slowly_is_off_track():
    a = assessment([10 + i for i in range(12)], date(2016, 12, 31))
    assert a.status == Status.OFF_TRACK
    assert a.expected_at_deadline == pytest.approx(33, rel=0.05)
    assert a.reached_on > DEADLINE


def test_a_flat_or_falling_target_has_no_forecast_date():
    a = assessment([30 - i for i in range(12)], date(2016, 12, 31))
    assert a.status == Status.OFF_TRACK
    assert a.reached_on is None


def test_a_target_is_judged_on_its_deadline_once_that_has_passed():
    values = [20 + i for i in range(24)]
    a = assessment(values, date(2026, 1, 1))
    assert a.judged_on == DEADLINE
    assert a.value == 43
    assert a.status == Status.MISSED
    assert a.pace_needed is None


def test_a_target_reached_is_met_on_the_first_date_it_was_reached():
    a = assessment([40 + i for i in range(24)], date(2026, 1, 1))
    assert a.status == Status.MET
    assert a.reached_on == date(2016, 11, 30)
    assert a.bar_value == 100


def test_an_undefined_value_has_no_progress_nor_status():
    a = assessment([None, None], date(2016, 2, 29))
    assert a.status == Status.UNKNOWN
    assert a.percent is None
    assert a.bar_value == 0
    assert a.reached_on is None


def test_the_chart_continues_the_trend_to_the_deadline():
    a = assessment([20 + 2 * i for i in range(12)], date(2016, 12, 31))
    chart = a.chart()
    assert chart["labels"][0] == "2016-01-31" and chart["labels"][-1] == "2017-12-31"
    assert chart["trend"][:11] == [None] * 11
    assert chart["trend"][11] == 42
    assert chart["trend"][-1] == pytest.approx(42 + 24, rel=0.05)


@pytest.mark.django_db
def test_assess_reads_the_series_of_the_targets_metric():
    CityFactory(joined_on=date(2016, 6, 1))
    target = TargetFactory(metric="cities", target_value=2, baseline_date=START, deadline=DEADLINE)
    a = assess(target, date(2016, 7, 15))
    assert a.values == [0, 0, 0, 0, 0, 1, 1]
