"""One read path per target: the API (/api/v1/targets/, its series and CSV), the dashboard (its cards,
tables and CSV downloads) and the public summary (home page, /targets/) show the same assessment
(kpis.progress.assess), judged on min(as_of, deadline), on dates before the launch, mid-way, on the
deadline and after it. Issue 15, item 6: the API said 2 cities / 4 % where the dashboard said 1 / 2 %."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.template.defaultfilters import floatformat
from django.utils import timezone
from rest_framework.test import APIClient

from kpis.api import number
from kpis.metrics import METRICS
from kpis.progress import Assessment, Status, assess
from kpis.templatetags.kpis import kpi
from partners.models import LAUNCH_DATE, PartnerKind
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    TargetFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2017, 12, 31)
AFTER = date(2018, 3, 1)  # everything that happens after the deadline, and must not count for it
PERCENT = {"sme_share", "collaboration_growth"}
GOALS = {"cities": 10, "sme_share": 60, "collaboration_growth": 400, "new_projects": 2}
DATES = {
    "before launch": LAUNCH_DATE - timedelta(days=1),
    "launch": LAUNCH_DATE,
    "mid-way": date(2016, 9, 30),
    "mid-month, second year": date(2017, 3, 15),
    "deadline": DEADLINE,
    "day after the deadline": DEADLINE + timedelta(days=1),
    "after the deadline": date(2018, 6, 30),
    "today": None,
}


@pytest.fixture
def targets() -> dict:
    return {
        metric: TargetFactory(
            metric=metric,
            target_value={"cities": 10, "sme_share": 60, "collaboration_growth": 400, "new_projects": 2}[
                metric
            ],
            unit="percent" if metric in PERCENT else "count",
            deadline=DEADLINE,
        )
        for metric in METRICS
    }


@pytest.fixture
def network() -> None:
    """A network that grows before the deadline and more after it, in every metric."""
    segment = SegmentFactory()
    group = WorkingGroupFactory(segment=segment)
    launch_cities = CityFactory.create_batch(2, joined_on=LAUNCH_DATE)
    sme = PartnerFactory(is_sme=True, joined_on=LAUNCH_DATE)
    PartnerFactory(kind=PartnerKind.RESEARCH, joined_on=LAUNCH_DATE)
    for city in launch_cities:  # one collaboration at the launch: the baseline of the growth
        GroupMembershipFactory(group=group, partner=city, joined_on=LAUNCH_DATE)
    joined = CityFactory(joined_on=date(2016, 9, 1))
    GroupMembershipFactory(group=group, partner=joined, joined_on=date(2016, 9, 1))
    CityFactory(joined_on=date(2017, 6, 1), left_on=date(2017, 9, 30))
    PartnerFactory(is_sme=True, joined_on=date(2017, 2, 1))
    ProjectFactory(segment=segment, started_on=date(2016, 5, 1))
    project = ProjectFactory(segment=segment, started_on=date(2017, 3, 1))
    ParticipationFactory(project=project, partner=launch_cities[0], joined_on=date(2017, 3, 1))
    ParticipationFactory(project=project, partner=sme, joined_on=date(2017, 3, 1))
    ProjectFactory(segment=None, started_on=date(2017, 4, 1))  # no segment: never counts
    # After the deadline: more cities, SMEs, collaborations and projects.
    for city in CityFactory.create_batch(2, joined_on=AFTER):
        GroupMembershipFactory(group=group, partner=city, joined_on=AFTER)
    PartnerFactory.create_batch(2, is_sme=True, joined_on=AFTER)
    ProjectFactory.create_batch(2, segment=segment, started_on=AFTER)


@pytest.fixture
def coordinator(client):
    client.force_login(UserFactory(username="coordinator", is_staff=True))
    return client


def card(html: str, target) -> str:
    start = html.index(f'id="target-{target.pk}-title"')
    return html[start : html.index("</article>", start)]


def shown(card_html: str) -> dict:
    """The figures a target card shows."""
    return {
        "value": re.search(r"<strong>([^<]+)</strong>", card_html).group(1),
        "percent": re.search(r"<progress [^>]*>([^<]*)</progress>", card_html).group(1),
        "status": re.search(r'<span class="badge[^"]*">([^<]+)</span>', card_html).group(1),
        "judged on the deadline": "judged on its deadline" in card_html,
    }


def expected_card(row: dict, unit: str) -> dict:
    """What a card shows for a row of the API."""
    return {
        "value": kpi(row["current_value"], unit),
        "percent": f"{floatformat(row['progress'], 0)}%",
        "status": Status(row["status"]).label,
        "judged on the deadline": row["judged_on"] != row["as_of"],
    }


def api_rows(as_of: date) -> dict:
    cache.clear()  # each reader computes for itself
    response = APIClient().get("/api/v1/targets/", {"as_of": as_of.isoformat()})
    assert response.status_code == 200
    return {row["metric"]: row for row in response.json()}


def dashboard(client, as_of: date):
    cache.clear()
    response = client.get("/dashboard/", {"as_of": as_of.isoformat()})
    assert response.status_code == 200
    return response


def assert_row_is(row: dict, assessment: Assessment) -> None:
    assert row["as_of"] == assessment.as_of.isoformat()
    assert row["judged_on"] == assessment.judged_on.isoformat()
    assert row["current_value"] == number(assessment.value)
    assert row["progress"] == number(assessment.percent)
    assert row["status"] == assessment.status
    assert row["target_value"] == assessment.goal


@pytest.mark.parametrize("when", list(DATES))
def test_the_api_the_dashboard_and_the_assessment_agree(coordinator, targets, network, when):
    as_of = DATES[when] or timezone.localdate()
    rows = api_rows(as_of)
    response = dashboard(coordinator, as_of)
    html = response.content.decode()
    on_page = {a.target.metric: a for a in response.context["assessments"]}
    assert set(rows) == set(on_page) == set(METRICS)
    for metric, target in targets.items():
        assessment = assess(target, as_of)
        # The semantics: judged on the earlier of the date asked and the deadline.
        judged_on = min(as_of, DEADLINE)
        assert assessment.judged_on == judged_on
        expected = METRICS[metric](judged_on, baseline=target.baseline_date, deadline=DEADLINE)
        assert assessment.value == pytest.approx(expected), (metric, when)
        # The API serialises it...
        assert_row_is(rows[metric], assessment)
        # ... the dashboard shows it (its context and its rendered card)...
        assert on_page[metric].value == pytest.approx(assessment.value)
        assert on_page[metric].judged_on == assessment.judged_on
        assert on_page[metric].status == assessment.status
        assert shown(card(html, target)) == expected_card(rows[metric], target.unit), (metric, when)


@pytest.mark.parametrize("when", list(DATES))
def test_the_series_agree_in_the_api_the_dashboard_and_its_csv(coordinator, targets, network, when):
    as_of = DATES[when] or timezone.localdate()
    on_page = {a.target.metric: a for a in dashboard(coordinator, as_of).context["assessments"]}
    for metric, target in targets.items():
        assessment = assess(target, as_of)
        expected = [[day.isoformat(), number(value)] for day, value in assessment.points]
        cache.clear()
        body = APIClient().get(f"/api/v1/targets/{metric}/series/", {"as_of": as_of.isoformat()}).json()
        assert body["judged_on"] == assessment.judged_on.isoformat()
        assert body["as_of"] == as_of.isoformat()
        assert [[p["date"], p["value"]] for p in body["points"]] == expected, (metric, when)
        assert body["points"][-1]["date"] == body["judged_on"]
        assert [[day.isoformat(), number(v)] for day, v in on_page[metric].points] == expected
        cache.clear()
        response = coordinator.get(f"/dashboard/{metric}.csv", {"as_of": as_of.isoformat()})
        _header, *lines = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        assert [[day, number(float(value)) if value else None] for _d, day, value, _t in lines] == expected


def test_the_api_csv_has_the_same_figures_as_its_json(targets, network):
    rows = api_rows(date(2018, 6, 30))
    cache.clear()
    text = (
        APIClient()
        .get("/api/v1/targets/", {"as_of": "2018-06-30", "format": "csv"})
        .content.decode("utf-8-sig")
    )
    for line in csv.DictReader(io.StringIO(text)):
        row = rows[line["metric"]]
        assert float(line["current_value"]) == row["current_value"]
        assert float(line["progress"]) == row["progress"]
        assert line["judged_on"] == row["judged_on"] == "2017-12-31"
        assert line["as_of"] == row["as_of"] == "2018-06-30"
        assert line["status"] == row["status"]


def test_the_public_summary_shows_the_apis_figures_for_today(client, targets, network):
    rows = api_rows(timezone.localdate())
    for path in ["/", "/targets/"]:
        cache.clear()
        html = client.get(path).content.decode()
        for metric, target in targets.items():
            assert shown(card(html, target)) == expected_card(rows[metric], target.unit), (path, metric)


def test_after_the_deadline_a_later_figure_does_not_count(coordinator, targets, network):
    """The case of the issue: cities that joined after the deadline counted in the API, not on the
    dashboard. Both now say how the target stood on its deadline."""
    after = date(2018, 6, 30)
    assert METRICS["cities"](after) == 5  # the network today has five cities...
    row = api_rows(after)["cities"]
    assert row["current_value"] == 3  # ... the target, judged on its deadline, three
    assert row["progress"] == 30.0
    assert (row["as_of"], row["judged_on"], row["status"]) == ("2018-06-30", "2017-12-31", "missed")
    html = dashboard(coordinator, after).content.decode()
    assert shown(card(html, targets["cities"])) == {
        "value": "3",
        "percent": "30%",
        "status": "missed",
        "judged on the deadline": True,
    }
