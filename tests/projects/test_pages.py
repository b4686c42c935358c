"""The read pages: calls, the project list with its filters and facets, the project page; their query
counts stay the same whatever the number of projects and participants."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import LAUNCH_DATE
from projects.models import (
    FundingCall,
    ParticipationRole,
    ParticipationStatus,
    Project,
    ProjectStatus,
    ProjectStatusChange,
)
from tests.factories import (
    FundingCallFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# --- calls ---------------------------------------------------------------------------------------


def test_calls_show_open_ones_with_a_countdown_and_past_ones_closed(client):
    soon = FundingCallFactory(identifier="OPEN-1", deadline=date.today() + timedelta(days=10))
    past = FundingCallFactory(identifier="GV8-2017", deadline=date(2017, 2, 1))
    ProjectFactory(title="E-freight consortium", call=past, status=ProjectStatus.SUBMITTED)
    ProjectFactory(title="Forming for open", call=soon, status=ProjectStatus.FORMING)
    page = client.get("/calls/").content.decode()
    open_part, closed_part = page.split('id="closed-calls"')
    assert (
        "OPEN-1" in open_part and "1\xa0week, 3\xa0days left" in open_part and "Forming for open" in open_part
    )
    assert "GV8-2017" in closed_part and "Closed" in closed_part and "E-freight consortium" in closed_part


def test_call_list_queries_do_not_grow_with_calls_and_projects(client):
    FundingCallFactory()
    FundingCallFactory(deadline=date(2016, 1, 1))
    few = queries(client, "/calls/")
    for _ in range(6):
        call = FundingCallFactory(deadline=date(2017, 1, 1))
        ProjectFactory.create_batch(3, call=call)
    assert queries(client, "/calls/") == few


def test_coordinator_adds_a_call_but_not_one_that_has_closed(client):
    client.force_login(UserFactory(is_staff=True))
    form = {
        "programme": "Horizon 2020",
        "identifier": "NEW-1",
        "title": "A call",
        "url": "",
        "description": "",
    }
    response = client.post("/calls/new/", {**form, "deadline": "2015-01-01"})
    assert response.status_code == 400 and "cannot be in the past" in response.content.decode()
    assert (
        client.post("/calls/new/", {**form, "deadline": str(date.today() + timedelta(days=5))}).status_code
        == 302
    )
    response = client.post("/calls/new/", {**form, "deadline": str(date.today() + timedelta(days=5))})
    assert response.status_code == 409 and "exists already" in response.content.decode()
    assert FundingCall.objects.filter(identifier="NEW-1").count() == 1


def test_only_coordinators_add_calls(client):
    assert client.get("/calls/new/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/calls/new/").status_code == 403
    assert client.post("/calls/new/", {"identifier": "X", "deadline": "2099-01-01"}).status_code == 403


def test_the_admin_refuses_a_new_call_with_a_past_deadline(admin_client):
    data = {
        "programme": "H2020",
        "identifier": "ADM-1",
        "title": "t",
        "deadline": "2015-01-01",
        "url": "",
        "description": "",
    }
    response = admin_client.post("/admin/projects/fundingcall/add/", data)
    assert response.status_code == 200 and "cannot be in the past" in response.content.decode()
    data["deadline"] = str(date.today() + timedelta(days=1))
    assert admin_client.post("/admin/projects/fundingcall/add/", data).status_code == 302


# --- the project list ----------------------------------------------------------------------------


@pytest.fixture
def listed(db):
    logistics = SegmentFactory(short_name="E-logistics", slug="urban-logistics")
    bus = SegmentFactory(short_name="E-bus", slug="public-transport")
    danish = PartnerFactory(name="Aarhus Freight", slug="aarhus-freight", country="DK")
    freight = ProjectFactory(title="Electric freight", segment=logistics, status=ProjectStatus.RUNNING)
    ParticipationFactory(project=freight, partner=danish)
    ProjectFactory(title="Bus line", segment=bus, status=ProjectStatus.IDEA, started_on=date(2016, 5, 1))
    ProjectFactory(title="Before the launch", segment=bus, started_on=date(2015, 1, 1))
    ProjectFactory(title="No segment", segment=None, started_on=date(2016, 6, 1))
    ProjectFactory(title="After the deadline", segment=bus, started_on=date(2018, 1, 1))
    return freight


def titles(response) -> list[str]:
    return [p.title for p in response.context["page_obj"]]


def test_search_and_facets_narrow_the_list_and_keep_state_in_the_url(client, listed):
    assert titles(client.get("/projects/?q=freight")) == ["Electric freight"]
    assert titles(client.get("/projects/?segment=urban-logistics")) == ["Electric freight"]
    assert titles(client.get("/projects/?country=DK")) == ["Electric freight"]
    assert titles(client.get("/projects/?partner=aarhus-freight")) == ["Electric freight"]
    assert titles(client.get("/projects/?status=idea")) == ["Bus line"]
    response = client.get("/projects/?segment=public-transport")
    statuses = {f.value: f.count for f in response.context["facets"]["status"]}
    segments = {f.value: (f.count, f.selected) for f in response.context["facets"]["segment"]}
    assert statuses == {"idea": 1, "running": 2}
    assert segments["public-transport"] == (3, True) and segments["urban-logistics"] == (1, False)
    assert 'name="segment" value="public-transport" checked' in response.content.decode()


def test_the_counted_filter_gives_exactly_the_projects_the_target_counts(client, listed):
    response = client.get("/projects/?counted=1")
    expected = Project.objects.new_in_segments(LAUNCH_DATE, date(2017, 12, 31))
    assert (
        sorted(titles(response))
        == sorted(expected.values_list("title", flat=True))
        == ["Bus line", "Electric freight"]
    )
    assert response.context["counted_total"] == 2
    assert "<strong>2</strong> new projects in a market segment" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?segment=nope",
        "?status=flying",
        "?country=ZZ",
        "?partner=ghost",
        "?counted=yes",
        "?q=" + "x" * 500,
    ],
)
def test_bad_filter_values_never_fail(client, listed, query):
    assert client.get("/projects/" + query).status_code == 200


def test_a_nul_byte_in_a_filter_is_a_400(client, listed):
    # Refused before any query (core.unstorable): PostgreSQL cannot store or compare it.
    assert client.get("/projects/?call=%00").status_code == 400


def test_a_page_past_the_end_is_404_and_no_page_number_400(client, listed):
    assert client.get("/projects/?page=9").status_code == 404
    assert client.get("/projects/?page=x").status_code == 400


def test_htmx_gets_only_the_results(client, listed):
    response = client.get("/projects/?q=bus", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Bus line" in page and "<html" not in page and "HX-Request" in response["Vary"]
    assert '<div id="facets" data-hx-swap-oob="true">' in page  # the counts follow the filters


def test_project_list_queries_do_not_grow_with_projects_and_participants(client):
    def build(n):
        for _ in range(n):
            project = ProjectFactory(call=FundingCallFactory())
            ParticipationFactory.create_batch(3, project=project)

    build(2)
    few = queries(client, "/projects/?status=running")
    build(18)
    assert queries(client, "/projects/?status=running") == few


# --- the project page ----------------------------------------------------------------------------


def test_the_project_page_shows_everything_about_the_project(client, cast, project):
    ParticipationFactory(project=project, partner=cast.partner_b, role=ParticipationRole.ASSOCIATED)
    ParticipationFactory(
        project=project, partner=cast.lead_partner, status=ParticipationStatus.INVITED, joined_on=None
    )
    ProjectStatusChange.objects.create(project=project, from_status="idea", to_status="forming")
    response = client.get(f"/projects/{project.slug}/")
    page = response.content.decode()
    for text in [
        "Electric freight pilot",
        "Smart urban logistics",
        "GV8-2017",
        "Voltaic Fleets",
        "Coordinator",
        "Tartu",
        "Associated partner",
        "Status history",
        "Forming",
    ]:
        assert text in page
    assert "Aarhus" not in page  # an invitation is not membership, and only the parties see it
    points = response.context["points"]
    assert {p["name"] for p in points} == {"Voltaic Fleets", "Tartu"}
    assert 'id="consortium-points"' in page


def test_an_unknown_project_is_404(client, db):
    assert client.get("/projects/nothing-here/").status_code == 404


def test_project_page_queries_do_not_grow_with_participants_and_history(cast, project):
    path = f"/projects/{project.slug}/"
    few = queries(cast.client("rep_a"), path)
    for partner in PartnerFactory.create_batch(12):
        ParticipationFactory(project=project, partner=partner)
    ParticipationFactory.create_batch(
        4, project=project, status=ParticipationStatus.REQUESTED, joined_on=None
    )
    for _ in range(5):
        ProjectStatusChange.objects.create(project=project, to_status="forming", changed_by=UserFactory())
    assert queries(cast.client("rep_a"), path) == few
