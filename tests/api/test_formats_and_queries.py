"""CSV and GeoJSON carry the same rows as the JSON, with the same filters; every list runs the same
number of queries for 10 rows as for 200."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    EventFactory,
    FundingCallFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    TargetFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_csv_has_the_json_rows_with_the_same_filters(anonymous):
    PartnerFactory.create_batch(3, country="SE")
    PartnerFactory.create_batch(2, country="DE")
    json_rows = anonymous.get("/api/v1/partners/?country=SE").json()["results"]
    response = anonymous.get("/api/v1/partners/?country=SE&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ev4scc-partners.csv"'
    rows = csv_rows(response)
    assert [row["slug"] for row in rows] == [row["slug"] for row in json_rows]
    assert rows[0]["url"] == json_rows[0]["url"]
    assert rows[0]["country"] == "SE"


def test_csv_is_every_row_not_a_page(anonymous):
    PartnerFactory.create_batch(25)
    assert len(csv_rows(anonymous.get("/api/v1/partners/?format=csv"))) == 25


def test_csv_flattens_related_objects_to_slugs(anonymous):
    project = ProjectFactory(slug="e-freight")
    ParticipationFactory(project=project, partner=PartnerFactory(slug="a"), status="active")
    ParticipationFactory(project=project, partner=PartnerFactory(slug="b"), status="active")
    (row,) = csv_rows(anonymous.get("/api/v1/projects/?format=csv"))
    assert row["participants"] == "a; b"


def test_partners_geojson_has_the_json_rows(anonymous):
    PartnerFactory.create_batch(3, country="SE")
    PartnerFactory(country="SE", latitude=None, longitude=None)  # no place on a map
    PartnerFactory(country="DE")
    response = anonymous.get("/api/v1/partners.geojson?country=SE")
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    located = [row["slug"] for row in anonymous.get("/api/v1/partners/?country=SE").json()["results"]]
    assert [f["properties"]["slug"] for f in body["features"]] == located[:3]
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert len(feature["geometry"]["coordinates"]) == 2


def test_projects_geojson_places_projects_at_their_participants(anonymous):
    located = ProjectFactory(slug="located", segment=SegmentFactory(slug="bus"))
    ParticipationFactory(project=located, status="active")
    ProjectFactory(slug="nowhere", segment=SegmentFactory(slug="other"))
    features = anonymous.get("/api/v1/projects.geojson?segment=bus").json()["features"]
    assert [f["properties"]["slug"] for f in features] == ["located"]
    assert features[0]["geometry"]["type"] == "MultiPoint"
    everything = anonymous.get("/api/v1/projects.geojson").json()["features"]
    assert {f["properties"]["slug"]: f["geometry"] for f in everything}["nowhere"] is None


def _partners(n):
    for partner in PartnerFactory.create_batch(n):
        GroupMembershipFactory(partner=partner)


def _projects(n):
    segment, call = SegmentFactory(), FundingCallFactory()
    for project in ProjectFactory.create_batch(n, segment=segment, call=call):
        ParticipationFactory(project=project, status="active")


def _events(n):
    group = WorkingGroupFactory()
    EventFactory.create_batch(n, group=group, segment=group.segment)


def _news(n):
    event, project = EventFactory(), ProjectFactory()
    NewsItemFactory.create_batch(n, event=event, project=project, segment=project.segment)


def _solutions(n):
    SolutionFactory.create_batch(n, tested_in=PartnerFactory(kind="city"), project=ProjectFactory())


BUILDERS = {
    "partners": _partners,
    "segments": lambda n: SegmentFactory.create_batch(n, lead_city=PartnerFactory(kind="city")),
    "groups": lambda n: [
        GroupMembershipFactory(group=group) for group in WorkingGroupFactory.create_batch(n)
    ],
    "projects": _projects,
    "calls": lambda n: FundingCallFactory.create_batch(n),
    "events": _events,
    "news": _news,
    "solutions": _solutions,
    "needs": lambda n: NeedFactory.create_batch(n),
}


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("suffix", ["?page_size=100", "?format=csv"])
def test_lists_run_the_same_queries_for_10_and_200_rows(anonymous, name, suffix):
    BUILDERS[name](10)
    few = queries(anonymous, f"/api/v1/{name}/{suffix}")
    BUILDERS[name](190)
    assert queries(anonymous, f"/api/v1/{name}/{suffix}") == few


@pytest.mark.parametrize("url", ["/api/v1/partners.geojson", "/api/v1/projects.geojson"])
def test_geojson_runs_the_same_queries_for_10_and_200_rows(anonymous, url):
    _projects(10)
    few = queries(anonymous, url)
    _projects(190)
    assert queries(anonymous, url) == few


def test_targets_run_the_same_queries_for_10_and_200_partners(anonymous):
    TargetFactory(metric="cities")
    TargetFactory(metric="collaboration_growth", target_value=50, unit="percent")
    _partners(10)
    few = queries(anonymous, "/api/v1/targets/")
    _partners(190)
    assert queries(anonymous, "/api/v1/targets/") == few


def test_project_detail_runs_the_same_queries_for_2_and_40_participants(anonymous):
    project = ProjectFactory(slug="big")
    ParticipationFactory.create_batch(2, project=project, status="active")
    few = queries(anonymous, "/api/v1/projects/big/")
    ParticipationFactory.create_batch(38, project=project, status="active")
    assert queries(anonymous, "/api/v1/projects/big/") == few


def test_partner_detail_runs_the_same_queries_for_2_and_40_contacts(cast):
    from tests.api.conftest import client_for
    from tests.factories import PersonFactory

    client = client_for(cast.rep_a)
    client.get("/api/v1/partners/")  # the token's first use of the minute also writes its last use
    few = queries(client, "/api/v1/partners/voltaic-fleets/")
    PersonFactory.create_batch(38, partner=cast.partner_a)
    assert queries(client, "/api/v1/partners/voltaic-fleets/") == few
