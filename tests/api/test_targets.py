"""The targets: each target's standing on any date (the dashboard's assessment, judged on the earlier
of `as_of` and the deadline), and a metric's monthly series."""

from datetime import date

import pytest

from tests.factories import PartnerFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities_target(db):
    PartnerFactory.create_batch(3, kind="city", joined_on=date(2016, 1, 28))
    PartnerFactory(kind="city", joined_on=date(2016, 6, 1))
    PartnerFactory(kind="company", joined_on=date(2016, 1, 28))
    return TargetFactory(metric="cities", target_value=50, deadline=date(2017, 12, 31))


def test_targets_on_a_date(anonymous, cities_target):
    (row,) = anonymous.get("/api/v1/targets/?as_of=2016-03-01").json()
    assert row["metric"] == "cities"
    assert row["current_value"] == 3
    assert row["target_value"] == 50
    assert row["progress"] == 6.0
    assert row["as_of"] == row["judged_on"] == "2016-03-01"
    assert row["deadline"] == "2017-12-31"
    assert row["status"] == "off_track"
    later = anonymous.get("/api/v1/targets/?as_of=2016-07-01").json()[0]
    assert later["current_value"] == 4


def test_after_its_deadline_a_target_is_judged_on_its_deadline(anonymous, cities_target):
    PartnerFactory(kind="city", joined_on=date(2018, 1, 1))  # after the deadline: does not count
    (row,) = anonymous.get("/api/v1/targets/?as_of=2018-06-30").json()
    assert (row["as_of"], row["judged_on"]) == ("2018-06-30", "2017-12-31")
    assert (row["current_value"], row["progress"], row["status"]) == (4, 8.0, "missed")
    body = anonymous.get("/api/v1/targets/cities/series/?as_of=2018-06-30").json()
    assert body["judged_on"] == "2017-12-31"
    assert body["points"][-1] == {"date": "2017-12-31", "value": 4}


def test_targets_as_csv(anonymous, cities_target):
    response = anonymous.get("/api/v1/targets/?as_of=2016-03-01&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "metric,label,unit,target_value,current_value,progress,baseline_date,deadline,as_of,series,"
        "judged_on,status"
    )
    assert lines[1].startswith("cities,")
    assert lines[1].endswith(",2016-03-01,off_track")


def test_series_by_month(anonymous, cities_target):
    body = anonymous.get("/api/v1/targets/cities/series/?as_of=2016-07-15").json()
    points = {p["date"]: p["value"] for p in body["points"]}
    assert points["2016-01-28"] == 3
    assert points["2016-05-31"] == 3
    assert points["2016-06-30"] == 4
    assert body["points"][-1] == {"date": "2016-07-15", "value": 4}
    assert body["as_of"] == body["judged_on"] == "2016-07-15"


def test_series_before_the_baseline_is_the_date_asked(anonymous, cities_target):
    body = anonymous.get("/api/v1/targets/cities/series/?as_of=2016-01-01").json()
    assert body["points"] == [{"date": "2016-01-01", "value": 0}]
    assert body["judged_on"] == "2016-01-01"


@pytest.mark.parametrize("query", ["as_of=2017-02-31", "as_of=yesterday", "as_of=", "limit=3"])
def test_malformed_dates_and_unknown_parameters_are_400(anonymous, cities_target, query):
    response = anonymous.get(f"/api/v1/targets/?{query}")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [query.split("=")[0]]


def test_unknown_metric_is_404(anonymous, cities_target):
    assert anonymous.get("/api/v1/targets/sme_share/series/").status_code == 404
    assert anonymous.get("/api/v1/targets/nonsense/series/").status_code == 404
