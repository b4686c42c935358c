"""The dashboard's dates (issue 20, point 9): one human format in tables and on the charts' axes,
each figure says the day it is judged on, and a date in the future is refused."""

import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import TargetFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def target(db):
    return TargetFactory(metric="cities", unit="count", deadline=date(2017, 12, 31))


def test_a_target_past_its_deadline_says_it_is_judged_on_its_deadline(coordinator, target):
    html = coordinator.get("/dashboard/", {"as_of": "2019-03-31"}).content.decode()
    assert "as they stood on 31 Mar 2019" in html
    assert "judged on its deadline, 31 Dec 2017" in html


def test_a_target_before_its_deadline_says_the_day_it_is_judged_on(coordinator, target):
    html = coordinator.get("/dashboard/", {"as_of": "2016-06-15"}).content.decode()
    assert "judged on 15 Jun 2016" in html and "judged on its deadline, 3" not in html


def test_the_chart_axis_writes_days_as_the_table_does(coordinator, target):
    response = coordinator.get("/dashboard/", {"as_of": "2016-06-15"})
    chart = response.context["assessments"][0].chart()
    assert chart["days"][0] == "28 Jan 2016" and chart["labels"][0] == "2016-01-28"
    assert '<time datetime="2016-01-28">28 Jan 2016</time>' in response.content.decode()


def test_the_chart_axis_follows_the_language(coordinator, target):
    response = coordinator.get("/dashboard/", {"as_of": "2016-06-15"}, headers={"accept-language": "fr"})
    html = response.content.decode()
    data = re.search(r'<script id="chart-\d+-data" type="application/json">(.*?)</script>', html).group(1)
    in_table = re.search(r'<time datetime="2016-02-29">([^<]+)</time>', html).group(1)
    assert json.loads(data)["days"][2] == in_table == "29 Fév 2016"


def test_a_date_in_the_future_is_refused_with_a_form_error(coordinator, target):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = coordinator.get("/dashboard/", {"as_of": tomorrow.isoformat()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose today or a date in the past" in html and 'id="id_as_of_error"' in html
    # The figures shown are today's, not the future's.
    assert response.context["as_of"] == timezone.localdate()


def test_today_is_accepted(coordinator, target):
    response = coordinator.get("/dashboard/", {"as_of": timezone.localdate().isoformat()})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/dashboard/cities.csv", "/dashboard/breakdowns/cities.csv"])
def test_a_download_for_a_future_date_is_refused_saying_why(coordinator, target, url):
    response = coordinator.get(url, {"as_of": "9999-12-31"})
    assert response.status_code == 400
    assert "Choose today or a date in the past" in response.content.decode()
