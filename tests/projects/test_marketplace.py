"""Solutions, needs and replications: the pages, the forms with their rules, the ranking."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from projects.models import Need, ParticipationStatus, Replication, Solution
from tests.factories import (
    CityFactory,
    ParticipationFactory,
    ProjectFactory,
    RepresentativeFactory,
    SegmentFactory,
)
from tests.projects.factories import NeedFactory, ReplicationFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.fixture
def bus(db):
    return SegmentFactory(name="Smart electrification of public transport", short_name="E-bus", slug="e-bus")


def city(name, population):
    return CityFactory(name=name, slug=name.lower(), city_profile__population=population)


# --- ranking -------------------------------------------------------------------------------------


def test_matching_solutions_rank_replications_in_cities_of_the_same_size_first_then_evidence(bus):
    small_need = NeedFactory(segment=bus, city=city("Tartu", 95_000))
    big = SolutionFactory(
        title="Big-city favourite",
        segment=bus,
        vehicles=10,
        charge_points=3,
        tested_in=city("Gothenburg", 583_000),
    )
    for name in ["Lyon", "Milan"]:
        ReplicationFactory(solution=big, city=city(name, 500_000))
    small = SolutionFactory(title="Small-town proven", segment=bus)
    ReplicationFactory(solution=small, city=city("Umea", 90_000))
    evidenced = SolutionFactory(
        title="Well evidenced", segment=bus, vehicles=5, tested_in=city("Graz", 291_000)
    )
    SolutionFactory(title="Bare claim", segment=bus)
    SolutionFactory(title="Other segment")
    ranked = list(Solution.objects.matching(small_need))
    assert [s.title for s in ranked] == [
        "Small-town proven",
        "Big-city favourite",
        "Well evidenced",
        "Bare claim",
    ]
    assert (ranked[0].similar_replications, ranked[1].evidence_score, ranked[1].replication_count) == (
        1,
        3,
        2,
    )
    assert evidenced in ranked


def test_open_needs_a_solution_could_meet_leave_out_closed_other_segments_and_cities_that_took_it_up(bus):
    solution = SolutionFactory(segment=bus)
    wanted = NeedFactory(segment=bus, title="Wanted")
    NeedFactory(segment=bus, status="closed")
    NeedFactory()
    done = NeedFactory(segment=bus)
    ReplicationFactory(solution=solution, city=done.city)
    assert list(Need.objects.met_by(solution)) == [wanted]


# --- pages ---------------------------------------------------------------------------------------


def test_the_solution_page_shows_evidence_the_replication_map_and_needs(client, bus):
    gothenburg = city("Gothenburg", 583_000)
    solution = SolutionFactory(
        title="Opportunity charging",
        segment=bus,
        tested_in=gothenburg,
        vehicles=10,
        evidence="Two years of service.",
    )
    for name in ["Graz", "Cork", "Umea"]:
        ReplicationFactory(solution=solution, city=city(name, 200_000))
    NeedFactory(segment=bus, title="Buses for Tartu")
    response = client.get(solution.get_absolute_url())
    page = response.content.decode()
    assert "Tested in Gothenburg, replicated in 3 cities" in page
    assert "Two years of service." in page and "Buses for Tartu" in page
    assert len(response.context["points"]) == 4


def test_the_need_page_lists_matching_solutions(client, bus):
    need = NeedFactory(
        segment=bus, title="Buses for Tartu", budget_min_eur=1000, budget_max_eur=5000, timeline="2018"
    )
    SolutionFactory(segment=bus, title="Opportunity charging")
    SolutionFactory(title="Cargo bikes")
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Opportunity charging" in page and "Cargo bikes" not in page and "from €1,000 up to €5,000" in page


def test_lists_filter_by_segment_and_search_and_ignore_bad_values(client, bus):
    SolutionFactory(segment=bus, title="Opportunity charging")
    SolutionFactory(title="Cargo bikes")
    NeedFactory(segment=bus, title="Buses for Tartu")
    NeedFactory(title="Closed one", status="closed")
    assert [s.title for s in client.get("/solutions/?segment=e-bus").context["page_obj"]] == [
        "Opportunity charging"
    ]
    assert [s.title for s in client.get("/solutions/?q=cargo").context["page_obj"]] == ["Cargo bikes"]
    assert [n.title for n in client.get("/needs/?status=open").context["page_obj"]] == ["Buses for Tartu"]
    for path in ["/solutions/?segment=nope", "/needs/?status=flying&segment=x"]:
        assert client.get(path).status_code == 200
    assert client.get("/solutions/?page=5").status_code == 404
    assert client.get("/solutions/nothing/").status_code == 404
    assert client.get("/needs/nothing/").status_code == 404


def test_marketplace_pages_run_the_same_queries_with_few_and_many_rows(client, bus):
    solution = SolutionFactory(segment=bus, tested_in=city("Gothenburg", 583_000))
    need = NeedFactory(segment=bus)
    ReplicationFactory(solution=solution)
    paths = ["/solutions/", "/needs/", solution.get_absolute_url(), need.get_absolute_url()]
    few = [queries(client, path) for path in paths]
    for _ in range(8):
        other = SolutionFactory(segment=bus, tested_in=CityFactory())
        ReplicationFactory.create_batch(2, solution=other)
        ReplicationFactory(solution=solution)
        NeedFactory(segment=bus)
    assert [queries(client, path) for path in paths] == few


# --- publishing ----------------------------------------------------------------------------------


def test_a_representative_publishes_a_solution_with_evidence(cast, project, bus):
    project = project
    response = cast.client("rep_a").post(
        "/solutions/new/",
        {
            "title": "Depot charging",
            "segment": bus.pk,
            "summary_en": "Chargers at night.",
            "evidence": "30 buses",
            "tested_in": cast.lead_partner.pk,
            "project": project.pk,
            "vehicles": "30",
            "charge_points": "12",
        },
    )
    solution = Solution.objects.get(title="Depot charging")
    assert response.status_code == 302 and response["Location"] == solution.get_absolute_url()
    assert (solution.provider, solution.project, solution.vehicles) == (cast.partner_a, project, 30)
    assert AuditEntry.objects.filter(action="solution.published").exists()


def test_a_solution_can_only_cite_a_project_of_the_provider(cast, project, bus):
    response = cast.client("rep_b").post(
        "/solutions/new/",
        {"title": "Depot charging", "segment": bus.pk, "summary_en": "x", "project": project.pk},
    )
    assert response.status_code == 400
    assert not Solution.objects.exists()


def test_bad_solution_input_is_a_form_error(cast, bus):
    response = cast.client("rep_a").post(
        "/solutions/new/", {"title": "", "segment": bus.pk, "summary_en": "x", "vehicles": "-3"}
    )
    assert response.status_code == 400
    assert not Solution.objects.exists()


def test_only_representatives_publish(cast, bus):
    assert cast.client("anonymous").get("/solutions/new/").status_code == 302
    assert (
        cast.client("member")
        .post("/solutions/new/", {"title": "x", "segment": bus.pk, "summary_en": "x"})
        .status_code
        == 403
    )
    assert not Solution.objects.exists()


def test_a_city_publishes_a_need(cast, bus):
    data = {
        "title": "Electric buses",
        "segment": bus.pk,
        "description_en": "Two lines.",
        "timeline": "2018",
        "budget_min_eur": "100000",
        "budget_max_eur": "500000",
    }
    response = cast.client("lead").post("/needs/new/", data)
    need = Need.objects.get()
    assert response.status_code == 302 and (need.city, need.status) == (cast.lead_partner, "open")


def test_a_need_budget_must_be_a_range(cast, bus):
    data = {
        "title": "Electric buses",
        "segment": bus.pk,
        "description_en": "x",
        "budget_min_eur": "500",
        "budget_max_eur": "100",
    }
    assert cast.client("lead").post("/needs/new/", data).status_code == 400
    assert not Need.objects.exists()


def test_only_cities_publish_needs(cast, bus):
    data = {"title": "Electric buses", "segment": bus.pk, "description_en": "x"}
    assert cast.client("rep_a").post("/needs/new/", data).status_code == 403
    assert cast.client("member").get("/needs/new/").status_code == 403
    assert cast.client("anonymous").post("/needs/new/", data).status_code == 302
    assert not Need.objects.exists()


# --- replications --------------------------------------------------------------------------------


def test_a_city_records_a_replication_in_one_of_its_projects(
    cast, project, bus, django_capture_on_commit_callbacks
):
    solution = SolutionFactory(segment=bus, provider=cast.partner_b)
    RepresentativeFactory(partner=cast.partner_b, email="provider@example.org")
    ParticipationFactory(project=project, partner=cast.lead_partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("lead").post(
            f"/solutions/{solution.slug}/replicate/",
            {"project": project.pk, "replicated_on": "2017-05-01"},
        )
    assert response.status_code == 302
    replication = Replication.objects.get()
    assert (replication.city, replication.project, replication.replicated_on) == (
        cast.lead_partner,
        project,
        date(2017, 5, 1),
    )
    assert [sorted(message.to) for message in mail.outbox] == [["provider@example.org", "rep@tartu.example"]]
    assert (
        "Replicated in 1 city" in cast.client("anonymous").get(solution.get_absolute_url()).content.decode()
    )


def test_a_replication_is_recorded_once_per_city(cast, bus):
    solution = SolutionFactory(segment=bus)
    ReplicationFactory(solution=solution, city=cast.lead_partner)
    response = cast.client("lead").post(
        f"/solutions/{solution.slug}/replicate/", {"replicated_on": "2017-05-01"}
    )
    assert response.status_code == 409 and "already recorded" in response.content.decode()
    assert Replication.objects.count() == 1


def test_a_replication_needs_the_citys_own_project_and_a_past_date(cast, bus):
    solution = SolutionFactory(segment=bus)
    other_project = ProjectFactory()
    assert (
        cast.client("lead")
        .post(
            f"/solutions/{solution.slug}/replicate/",
            {"project": other_project.pk, "replicated_on": "2017-05-01"},
        )
        .status_code
        == 400
    )
    ParticipationFactory(
        project=other_project, partner=cast.lead_partner, status=ParticipationStatus.INVITED, joined_on=None
    )
    tomorrow = str(date.today() + timedelta(days=1))
    assert (
        cast.client("lead")
        .post(f"/solutions/{solution.slug}/replicate/", {"replicated_on": tomorrow})
        .status_code
        == 400
    )
    assert not Replication.objects.exists()


def test_only_cities_record_replications(cast, bus):
    solution = SolutionFactory(segment=bus)
    assert (
        cast.client("rep_a")
        .post(f"/solutions/{solution.slug}/replicate/", {"replicated_on": "2017-05-01"})
        .status_code
        == 403
    )
    assert cast.client("anonymous").post(f"/solutions/{solution.slug}/replicate/", {}).status_code == 302
    assert cast.client("lead").get("/solutions/nothing/replicate/").status_code == 404
    assert not Replication.objects.exists()
