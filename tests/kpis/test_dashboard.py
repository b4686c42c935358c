"""The coordinators' dashboard and its CSV downloads."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpis.breakdowns import BREAKDOWNS
from kpis.metrics import METRICS
from kpis.progress import assess
from kpis.templatetags.kpis import kpi
from partners.models import LAUNCH_DATE, PartnerKind
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    RepresentativeFactory,
    SegmentFactory,
    TargetFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2017, 12, 31)
URLS = ["/dashboard/", "/dashboard/cities.csv", "/dashboard/breakdowns/sme_share.csv"]


@pytest.fixture
def coordinator(client):
    client.force_login(UserFactory(username="coordinator", is_staff=True))
    return client


@pytest.fixture
def targets():
    return [
        TargetFactory(
            metric=metric, unit="percent" if metric in ("sme_share", "collaboration_growth") else "count"
        )
        for metric in METRICS
    ]


def network(size: int = 3) -> None:
    """A small network that grows over 2016: cities, SMEs, a group and projects in a segment."""
    segment = SegmentFactory()
    group = WorkingGroupFactory(segment=segment)
    for i in range(size):
        joined = LAUNCH_DATE + timedelta(days=40 * i)
        city = CityFactory(joined_on=joined, country="SE")
        sme = PartnerFactory(is_sme=True, joined_on=joined, country="FR")
        GroupMembershipFactory(group=group, partner=city, joined_on=joined)
        project = ProjectFactory(segment=segment, started_on=joined)
        ParticipationFactory(project=project, partner=city, joined_on=joined)
        ParticipationFactory(project=project, partner=sme, joined_on=joined)
    PartnerFactory(kind=PartnerKind.RESEARCH, country="FR")


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", URLS)
def test_members_are_refused(client, url):
    client.force_login(RepresentativeFactory().user)
    assert client.get(url).status_code == 403


def test_the_dashboard_shows_a_card_per_target_with_the_metric_functions_numbers(coordinator, targets):
    network()
    as_of = date(2016, 5, 1)
    response = coordinator.get("/dashboard/", {"as_of": as_of.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    for target in targets:
        value = METRICS[target.metric](as_of, baseline=target.baseline_date, deadline=target.deadline)
        assessment = next(a for a in response.context["assessments"] if a.target == target)
        assert assessment.value == pytest.approx(value)
        card = html[html.index(f'id="target-{target.pk}-title"') :]
        shown = re.search(r"<strong>([^<]+)</strong>", card).group(1)
        assert shown == kpi(value, target.unit)
    assert html.count("<progress") == len(targets)


def test_the_dashboard_numbers_on_a_few_dates_equal_the_metric_functions(coordinator, targets):
    network(5)
    for as_of in [LAUNCH_DATE - timedelta(days=1), date(2016, 3, 31), date(2016, 8, 15), date(2019, 1, 1)]:
        response = coordinator.get("/dashboard/", {"as_of": as_of.isoformat()})
        for assessment in response.context["assessments"]:
            target = assessment.target
            on = min(as_of, target.deadline)
            expected = METRICS[target.metric](on, baseline=target.baseline_date, deadline=target.deadline)
            assert assessment.value == pytest.approx(expected), (target.metric, as_of)


def test_the_dashboard_shows_a_target_added_for_a_later_period(coordinator, targets):
    later = TargetFactory(
        metric="cities", target_value=80, deadline=date(2030, 12, 31), baseline_date=date(2018, 1, 1)
    )
    html = coordinator.get("/dashboard/").content.decode()
    assert f'id="target-{later.pk}-title"' in html
    assert f'id="chart-{later.pk}-data"' in html


def test_each_chart_has_its_data_and_a_table_with_the_same_numbers(coordinator, targets):
    network()
    response = coordinator.get("/dashboard/", {"as_of": "2016-04-15"})
    html = response.content.decode()
    cities = next(a for a in response.context["assessments"] if a.target.metric == "cities")
    assert f'<canvas data-chart="{cities.chart_id}"' in html
    assert f'<script id="{cities.chart_id}" type="application/json">' in html
    assert cities.values == [1, 1, 1, 2, 2]  # 28 Jan, 31 Jan, 29 Feb, 31 Mar, 15 Apr
    table = html[html.index(f'id="chart-{cities.target.pk}-title"') :]
    table = table[: table.index("</table>")]
    assert re.findall(r'<td class="num">(\d+)</td><td class="num">50</td>', table) == [
        "1",
        "1",
        "1",
        "2",
        "2",
    ]
    assert 'src="/static/js/dashboard.js"' in html


def test_the_date_picker_shows_the_network_as_it_stood(coordinator, targets):
    network()
    early = coordinator.get("/dashboard/", {"as_of": "2016-01-28"}).context["assessments"]
    later = coordinator.get("/dashboard/", {"as_of": "2016-06-01"}).context["assessments"]
    assert [a.value for a in early if a.target.metric == "cities"] == [1]
    assert [a.value for a in later if a.target.metric == "cities"] == [3]


@pytest.mark.parametrize("bad", ["yesterday", "2016-13-01", "2016-02-30", "0000-01-01", "'; DROP TABLE"])
def test_a_malformed_date_is_a_form_error_not_a_crash(coordinator, targets, bad):
    response = coordinator.get("/dashboard/", {"as_of": bad})
    assert response.status_code == 400
    assert response.context["form"].errors["as_of"]
    assert 'class="field-error"' in response.content.decode()


def test_the_dashboard_without_targets_says_so(coordinator):
    response = coordinator.get("/dashboard/")
    assert response.status_code == 200
    assert "No targets yet" in response.content.decode()


def test_the_breakdowns_are_on_the_page(coordinator, targets):
    network()
    html = coordinator.get("/dashboard/", {"as_of": "2016-06-01"}).content.decode()
    for name in BREAKDOWNS:
        assert f'id="breakdown-{name}"' in html
        assert f'href="/dashboard/breakdowns/{name}.csv?as_of=2016-06-01"' in html


def rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_series_csv_has_the_same_numbers_as_the_dashboard(coordinator, targets):
    network()
    response = coordinator.get("/dashboard/cities.csv", {"as_of": "2016-04-15"})
    assert rows(response) == [
        ["target_deadline", "date", "value", "target_value"],
        *[
            ["2017-12-31", day, value, "50.00"]
            for day, value in [
                ("2016-01-28", "1"),
                ("2016-01-31", "1"),
                ("2016-02-29", "1"),
                ("2016-03-31", "2"),
                ("2016-04-15", "2"),
            ]
        ],
    ]
    assert 'filename="ev4scc-kpi-cities-2016-04-15.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize("metric", list(METRICS))
def test_every_series_downloads(coordinator, targets, metric):
    network()
    target = next(t for t in targets if t.metric == metric)
    lines = rows(coordinator.get(f"/dashboard/{metric}.csv", {"as_of": "2016-06-01"}))
    assessment = assess(target, date(2016, 6, 1))
    assert [line[1] for line in lines[1:]] == [day.isoformat() for day in assessment.dates]


def test_sme_breakdown_csv_has_the_share_overall_and_among_companies(coordinator):
    network()
    lines = rows(coordinator.get("/dashboard/breakdowns/sme_share.csv", {"as_of": "2016-06-01"}))
    header, overall, *countries = lines
    assert header[0] == "Country"
    # 3 cities (SE), 3 SME companies and 1 research body (FR)
    assert overall == ["All countries", "7", "3", "42.9", "3", "3", "100.0"]
    assert ["France", "4", "3", "75.0", "3", "3", "100.0"] in countries


def test_the_breakdowns_count_by_their_dimension(coordinator):
    network()
    as_of = {"as_of": "2016-06-01"}
    cities = rows(coordinator.get("/dashboard/breakdowns/cities.csv", as_of))
    assert cities[1] == ["Sweden", "0", "3", "0", "0", "0", "3"]  # population 150,000: medium
    collaborations = rows(coordinator.get("/dashboard/breakdowns/collaborations.csv", as_of))
    # in the group: 3 cities (3 pairs); in the projects: each city with its SME (3 pairs)
    assert [row[1] for row in collaborations[1:]] == ["6"]
    projects = rows(coordinator.get("/dashboard/breakdowns/new_projects.csv", as_of))
    assert [row[-1] for row in projects[1:]] == ["3"]


@pytest.mark.parametrize("url", ["/dashboard/unknown.csv", "/dashboard/breakdowns/unknown.csv"])
def test_unknown_downloads_are_not_found(coordinator, url):
    assert coordinator.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/dashboard/cities.csv", "/dashboard/breakdowns/cities.csv"])
def test_a_download_with_a_malformed_date_is_refused(coordinator, url):
    response = coordinator.get(url, {"as_of": "2016-99-99"})
    assert response.status_code == 400


def test_the_dashboard_runs_the_same_queries_with_few_and_many_rows_and_months(coordinator, targets):
    def queries(size: int, as_of: str) -> int:
        network(size)
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get("/dashboard/", {"as_of": as_of}).status_code == 200
        return len(captured)

    assert queries(2, "2016-03-01") == queries(20, "2017-11-30")


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (45, "count", "45"),
        (1234, "count", "1,234"),
        (52.2012, "percent", "52.2 %"),
        (50, "percent", "50 %"),
        (None, "percent", "–"),
    ],
)
def test_values_are_shown_whole_or_to_one_decimal(value, unit, shown):
    assert kpi(value, unit) == shown


def test_the_dashboard_is_cached_until_the_data_changes(coordinator, targets):
    network()
    cities = TargetFactory(metric="cities", deadline=date(2040, 12, 31))

    def shown() -> float:
        response = coordinator.get("/dashboard/")
        return next(a.value for a in response.context["assessments"] if a.target == cities)

    before = shown()
    with CaptureQueriesContext(connection) as cached:
        assert shown() == before
    assert not any("partners_partner" in query["sql"] for query in cached.captured_queries)
    CityFactory()
    assert shown() == before + 1


@pytest.mark.parametrize("as_of", ["0001-01-01", "1999-12-31"])
def test_extreme_dates_answer(coordinator, targets, as_of):
    network()
    response = coordinator.get("/dashboard/", {"as_of": as_of})
    assert response.status_code == 200
    assert all(len(a.chart()["labels"]) <= 26 for a in response.context["assessments"])
    assert coordinator.get("/dashboard/collaboration_growth.csv", {"as_of": as_of}).status_code == 200
