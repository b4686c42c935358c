"""In a browser: a representative proposes a project for GV8-2017 and invites a partner, whose
representative accepts; and the projects and marketplace pages pass axe-core."""

from datetime import date, timedelta

import pytest

from projects.models import ParticipationRole, ProjectStatus
from tests.factories import (
    CityFactory,
    FundingCallFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
)
from tests.projects.factories import NeedFactory, ReplicationFactory, SolutionFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"


def log_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()


def test_a_consortium_forms_in_the_browser(live_server, page, console_errors):
    FundingCallFactory(
        identifier="GV8-2017",
        title="Electrified urban commercial vehicles",
        deadline=date.today() + timedelta(days=60),
    )
    SegmentFactory(name="Smart urban logistics with light e-vehicles", short_name="E-logistics")
    aarhus = CityFactory(name="Aarhus", slug="aarhus", country="DK")
    freight = PartnerFactory(name="Nordic Freight ApS", slug="nordic-freight", country="DK")
    RepresentativeFactory(partner=aarhus, user=UserFactory(username="aarhus"))
    RepresentativeFactory(partner=freight, user=UserFactory(username="freight"))
    base = live_server.url

    log_in(page, base, "aarhus")
    page.goto(base + "/projects/new/")
    page.get_by_label("Title").fill("E-freight consortium")
    page.get_by_label("Segment").select_option(label="Smart urban logistics with light e-vehicles")
    page.get_by_label("Funding call").select_option(label="GV8-2017: Electrified urban commercial vehicles")
    page.get_by_label("Summary").fill("Freight operators with cities answer GV8-2017.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1).inner_text() == "E-freight consortium"
    project_url = page.url

    page.get_by_label("Partner to invite").select_option(label="Nordic Freight ApS")
    page.get_by_role("button", name="Invite").click()
    assert page.get_by_text("Nordic Freight ApS is invited.").is_visible()
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, "freight")
    page.goto(project_url)
    page.get_by_role("button", name="Accept the invitation").click()
    assert page.get_by_text("You joined the consortium.").is_visible()
    consortium = page.locator("ul.consortium").inner_text()
    assert "Aarhus" in consortium and "Coordinator" in consortium and "Nordic Freight ApS" in consortium
    assert page.locator(".js-points-map.leaflet-container").count() == 1
    assert console_errors == []


def test_projects_and_marketplace_pages_pass_axe(live_server, page, axe_violations, console_errors):
    segment = SegmentFactory(name="Smart electrification of public transport", short_name="E-bus")
    call = FundingCallFactory(identifier="GV8-2017")
    project = ProjectFactory(
        title="E-bus replication", segment=segment, call=call, status=ProjectStatus.FORMING
    )
    gothenburg = CityFactory(name="Gothenburg")
    ParticipationFactory(project=project, partner=gothenburg, role=ParticipationRole.COORDINATOR)
    ParticipationFactory(project=project, partner=CityFactory(name="Graz"))
    solution = SolutionFactory(
        title="Opportunity charging", segment=segment, tested_in=gothenburg, project=project
    )
    ReplicationFactory(solution=solution, city=CityFactory(name="Cork"))
    need = NeedFactory(title="Electric buses for Tartu", segment=segment)
    for path in [
        "/projects/",
        project.get_absolute_url(),
        "/calls/",
        "/solutions/",
        solution.get_absolute_url(),
        "/needs/",
        need.get_absolute_url(),
    ]:
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    assert console_errors == []


def test_ticking_a_facet_updates_the_results_and_the_url(live_server, page, console_errors):
    bus = SegmentFactory(short_name="E-bus", slug="e-bus")
    ProjectFactory(title="Bus line", segment=bus)
    ProjectFactory(title="Freight pilot")
    page.goto(live_server.url + "/projects/")
    page.get_by_label("E-bus").check()
    page.wait_for_url("**segment=e-bus**")
    results = page.locator("#results")
    assert "Bus line" in results.inner_text() and "Freight pilot" not in results.inner_text()
    assert page.get_by_label("E-bus").is_checked()
    assert console_errors == []
