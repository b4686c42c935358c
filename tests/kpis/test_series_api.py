"""/api/v1/targets/<metric>/series/ with from, to and interval: the dashboard's values on every date
they share, the reference metric's on every day; bad input is a 400 naming the parameter."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from kpis import snapshots
from kpis.metrics import METRICS
from kpis.progress import assess_all
from kpis.series import month_ends
from tests.factories import CityFactory, GroupMembershipFactory, ProjectFactory, TargetFactory

URL = "/api/v1/targets/{}/series/"


@pytest.fixture
def network(db):
    group = GroupMembershipFactory().group
    GroupMembershipFactory(group=group, joined_on=date(2016, 3, 9))
    GroupMembershipFactory(group=group, joined_on=date(2016, 5, 20), left_on=date(2016, 9, 1))
    for day in (date(2016, 2, 10), date(2016, 4, 4), date(2016, 7, 30)):
        CityFactory(joined_on=day)
    ProjectFactory(started_on=date(2016, 6, 2))
    for metric in METRICS:
        TargetFactory(metric=metric, unit="count", deadline=date(2017, 12, 31))


@pytest.fixture
def stored(network):
    snapshots.fill(until=date(2016, 6, 30))  # the rest is computed live


def get(metric, **params):
    return APIClient().get(URL.format(metric), params)


@pytest.mark.parametrize("metric", list(METRICS))
def test_daily_points_agree_with_the_dashboard_and_the_reference(stored, metric):
    body = get(metric, **{"from": "2016-01-28", "to": "2016-12-31", "interval": "day"}).json()
    points = {date.fromisoformat(p["date"]): p["value"] for p in body["points"]}
    assert len(points) == 339 and body["interval"] == "day"
    (assessment,) = [a for a in assess_all(date(2016, 12, 31)) if a.target.metric == metric]
    for day, value in assessment.points:
        assert points[day] == pytest.approx(value, abs=0.005), day
    for day in (date(2016, 3, 8), date(2016, 3, 9), date(2016, 6, 30), date(2016, 7, 1), date(2016, 9, 1)):
        assert points[day] == pytest.approx(METRICS[metric](day), abs=0.005), day


def test_weekly_points_fall_on_sundays_between_from_and_to(network):
    body = get("cities", **{"from": "2016-03-02", "to": "2016-04-05", "interval": "week"}).json()
    days = [p["date"] for p in body["points"]]
    assert days == [
        "2016-03-02",
        "2016-03-06",
        "2016-03-13",
        "2016-03-20",
        "2016-03-27",
        "2016-04-03",
        "2016-04-05",
    ]
    assert [p["value"] for p in body["points"]][-2:] == [1.0, 2.0]


def test_without_a_range_the_monthly_series_is_unchanged(network):
    body = get("cities", as_of="2016-04-30").json()
    assert [p["date"] for p in body["points"]] == [
        d.isoformat() for d in month_ends(date(2016, 1, 28), date(2016, 4, 30))
    ]
    assert body["interval"] == "month" and body["judged_on"] == "2016-04-30"
    assert get("cities", to="2016-04-30", interval="month").json() == body


def test_after_the_deadline_the_range_ends_on_it(network):
    body = get("cities", **{"from": "2017-12-29", "to": "2018-03-01", "interval": "day"}).json()
    assert [p["date"] for p in body["points"]] == ["2017-12-29", "2017-12-30", "2017-12-31"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"interval": "year"}, "interval"),
        ({"from": "2016-13-01"}, "from"),
        ({"from": "2016-05-01", "to": "2016-04-01"}, "from"),
        ({"to": "2016-04-01", "as_of": "2016-04-01"}, "to"),
        ({"from": "2010-01-01", "to": "2017-12-31", "interval": "day"}, "interval"),
        ({"every": "day"}, "every"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(network, params, field):
    response = get("cities", **params)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
