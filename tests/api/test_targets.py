"""The targets: values on any date from kpis.metrics, and a metric's monthly series."""

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
    assert row["as_of"] == "2016-03-01"
    assert row["deadline"] == "2017-12-31"
    later = anonymous.get("/api/v1/targets/?as_of=2016-07-01").json()[0]
    assert later["current_value"] == 4


def test_targets_as_csv(anonymous, cities_target):
    response = anonymous.get("/api/v1/targets/?as_of=2016-03-01&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("metric,label,unit,target_value,current_value,progress")
    assert lines[1].startswith("cities,")


def test_series_by_month(anonymous, cities_target):
    body = anonymous.get("/api/v1/targets/cities/series/?as_of=2016-07-15").json()
    points = {p["date"]: p["value"] for p in body["points"]}
    assert points["2016-01-28"] == 3
    assert points["2016-05-31"] == 3
    assert points["2016-06-30"] == 4
    assert body["points"][-1] == {"date": "2016-07-15", "value": 4}


@pytest.mark.parametrize("query", ["as_of=2017-02-31", "as_of=yesterday", "as_of=", "limit=3"])
def test_malformed_dates_and_unknown_parameters_are_400(anonymous, cities_target, query):
    response = anonymous.get(f"/api/v1/targets/?{query}")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [query.split("=")[0]]


def test_unknown_metric_is_404(anonymous, cities_target):
    assert anonymous.get("/api/v1/targets/sme_share/series/").status_code == 404
    assert anonymous.get("/api/v1/targets/nonsense/series/").status_code == 404
