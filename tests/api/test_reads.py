"""Reading the API: every list and detail, filters shared with the pages, search, ordering, bad
input answered with a 4xx naming the parameter."""

import pytest

from tests.factories import (
    EventFactory,
    FundingCallFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "partners": lambda: PartnerFactory(),
    "segments": lambda: SegmentFactory(),
    "groups": lambda: WorkingGroupFactory(),
    "projects": lambda: ProjectFactory(),
    "calls": lambda: FundingCallFactory(),
    "events": lambda: EventFactory(),
    "news": lambda: NewsItemFactory(),
    "solutions": lambda: SolutionFactory(),
    "needs": lambda: NeedFactory(),
}


@pytest.mark.parametrize("name", LISTS)
def test_every_list_and_its_details(anonymous, name):
    LISTS[name]()
    body = anonymous.get(f"/api/v1/{name}/").json()
    assert body["count"] >= 1
    row = body["results"][0]
    detail = anonymous.get(row["url"])
    assert detail.status_code == 200
    assert detail.json()["url"] == row["url"]


def test_partner_list_uses_the_directory_filters(anonymous):
    PartnerFactory(name="Göteborgs Stad", country="SE", kind="city")
    PartnerFactory(name="Voltgrid", country="DE", kind="company")
    member = PartnerFactory(name="Busworks", country="DE", kind="company")
    GroupMembershipFactory(partner=member, group=WorkingGroupFactory(segment=SegmentFactory(slug="bus")))

    def names(query):
        return [row["name"] for row in anonymous.get(f"/api/v1/partners/?{query}").json()["results"]]

    assert names("country=SE") == ["Göteborgs Stad"]
    assert names("kind=company&ordering=-name") == ["Voltgrid", "Busworks"]
    assert names("q=goteborg") == ["Göteborgs Stad"]  # accents ignored, as on the page
    assert names("segment=bus") == ["Busworks"]


def test_related_objects_are_linked_by_slug_and_url(anonymous):
    project = ProjectFactory(slug="e-freight", segment=SegmentFactory(slug="logistics"))
    ParticipationFactory(project=project, partner=PartnerFactory(slug="voltgrid"), status="active")
    row = anonymous.get("/api/v1/projects/e-freight/").json()
    assert row["segment"] == "logistics"
    assert row["segment_url"] == "http://testserver/api/v1/segments/logistics/"
    assert row["participants"][0]["partner"] == "voltgrid"
    assert anonymous.get(row["participants"][0]["partner_url"]).json()["slug"] == "voltgrid"


def test_partners_who_left_are_not_listed(anonymous):
    from datetime import date

    PartnerFactory(slug="gone", joined_on=date(2016, 1, 28), left_on=date(2017, 1, 1))
    assert anonymous.get("/api/v1/partners/").json()["count"] == 0


def test_page_size_is_bounded(anonymous):
    PartnerFactory.create_batch(3)
    assert len(anonymous.get("/api/v1/partners/?page_size=2").json()["results"]) == 2
    for size in ("101", "0", "-1", "many"):
        response = anonymous.get(f"/api/v1/partners/?page_size={size}")
        assert response.status_code == 400
        assert response.json()["fields"] == {"page_size": ["A whole number from 1 to 100."]}


@pytest.mark.parametrize(
    "query, field",
    [("colour=red", "colour"), ("kind=spaceship", "kind"), ("country=XX", "country")],
)
def test_unknown_filters_and_values_are_400_naming_the_parameter(anonymous, query, field):
    response = anonymous.get(f"/api/v1/partners/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == [field]


def test_malformed_dates_and_slugs(anonymous):
    assert anonymous.get("/api/v1/events/?date_from=2017-02-31").status_code == 400
    assert anonymous.get("/api/v1/partners/no-such-partner/").status_code == 404
    assert anonymous.get("/api/v1/partners/bad%20slug!/").status_code == 404
    assert anonymous.get("/api/v1/partners/?page=999").json()["code"] == "not_found"


def test_errors_are_json_even_when_csv_was_asked(anonymous):
    response = anonymous.get("/api/v1/partners/?format=csv&colour=red")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_an_invalid_token_is_401(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = anonymous.get("/api/v1/partners/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_unchanged_list_is_304_with_its_etag(anonymous):
    PartnerFactory()
    first = anonymous.get("/api/v1/partners/")
    assert first["ETag"]
    again = anonymous.get("/api/v1/partners/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    PartnerFactory()
    changed = anonymous.get("/api/v1/partners/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_cors_allows_reads_only(anonymous):
    response = anonymous.options(
        "/api/v1/partners/", HTTP_ORIGIN="https://data.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "PATCH" not in response["Access-Control-Allow-Methods"]


def test_anonymous_clients_are_throttled_with_retry_after(anonymous, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"})
    assert anonymous.get("/api/v1/segments/").status_code == 200
    assert anonymous.get("/api/v1/segments/").status_code == 200
    response = anonymous.get("/api/v1/segments/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_anonymous_clients_are_held_to_the_anonymous_rate_only(anonymous, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    from core.throttling import AuthenticatedRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    monkeypatch.setattr(AuthenticatedRateThrottle, "THROTTLE_RATES", {"user": "1/minute"})
    assert [anonymous.get("/api/v1/segments/").status_code for _ in range(3)] == [200, 200, 429]


def test_token_clients_are_held_to_the_rate_of_logins(cast, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    from core.throttling import AuthenticatedRateThrottle
    from tests.api.conftest import client_for

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    monkeypatch.setattr(AuthenticatedRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    client = client_for(cast.rep_a)
    assert [client.get("/api/v1/segments/").status_code for _ in range(3)] == [200, 200, 429]


def test_a_method_a_resource_lacks_is_405_in_any_format(cast):
    from tests.api.conftest import client_for

    client = client_for(cast.rep_a)
    assert client.generic("TRACE", "/api/v1/partners/?format=csv").status_code == 405
    assert client.delete("/api/v1/partners/voltaic-fleets/").status_code == 405
