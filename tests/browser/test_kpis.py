from datetime import timedelta

import pytest

from kpis.metrics import METRICS
from partners.models import LAUNCH_DATE
from tests.factories import (
    CityFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network():
    for i in range(4):
        joined = LAUNCH_DATE + timedelta(days=60 * i)
        project = ProjectFactory(started_on=joined)
        ParticipationFactory(project=project, partner=CityFactory(joined_on=joined), joined_on=joined)
        ParticipationFactory(project=project, partner=PartnerFactory(is_sme=True), joined_on=joined)
    for metric in METRICS:
        TargetFactory(
            metric=metric, unit="percent" if metric in ("sme_share", "collaboration_growth") else "count"
        )


def log_in_as_coordinator(page, live_server):
    UserFactory(username="coordinator", password="correct horse battery staple", is_staff=True)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", "correct horse battery staple")
    page.locator("main form [type=submit]").click()


def test_the_dashboard_draws_a_chart_per_target_and_passes_axe(
    live_server, page, axe_violations, console_errors, network
):
    log_in_as_coordinator(page, live_server)
    page.goto(live_server.url + "/dashboard/?as_of=2016-09-30")
    assert page.get_by_role("heading", level=1).inner_text() == "Targets dashboard"
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 4")
    drawn = page.evaluate(
        "[...document.querySelectorAll('canvas[data-chart]')].map(c => !!Chart.getChart(c))"
    )
    assert drawn == [True] * 4
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_date_picker_changes_the_date(live_server, page, console_errors, network):
    log_in_as_coordinator(page, live_server)
    page.goto(live_server.url + "/dashboard/")
    page.fill("input[name=as_of]", "2016-03-31")
    page.get_by_role("button", name="Show").click()
    assert "as_of=2016-03-31" in page.url
    assert page.get_by_text("as they stood on 31 Mar 2016").is_visible()
    assert console_errors == []


def test_the_public_targets_pass_axe(live_server, page, axe_violations, console_errors, network):
    for path in ["/", "/targets/"]:
        page.goto(live_server.url + path)
        assert page.locator("progress").count() == 4
        assert axe_violations(page) == []
    assert console_errors == []
