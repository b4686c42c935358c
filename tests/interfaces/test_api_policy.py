"""One validation policy and one error shape for every API route, and what HTTP clients and
browsers need from the API and the GeoJSON: an index, JSON 404s, Link, Cache-Control, validators,
CORS headers a script may read, compression."""

import gzip
import json

import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "code", "fields"}
    return body


def test_the_index_lists_every_resource(anonymous):
    index = anonymous.get("/api/v1/").json()
    assert index["partners"] == "http://testserver/api/v1/partners/"
    assert {
        "segments",
        "groups",
        "projects",
        "calls",
        "events",
        "news",
        "solutions",
        "needs",
        "targets",
    } <= set(index)
    assert index["partners.geojson"] == "http://testserver/api/v1/partners.geojson"


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v2/", "/api/", "/api/v1/partners/a/b/c/"])
def test_an_unknown_path_under_api_is_a_json_404(anonymous, path):
    assert error(anonymous.get(path), 404)["code"] == "not_found"


def test_pages_keep_their_html_404(client):
    response = client.get("/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize(
    "params, name", [({"page": "abc"}, "page"), ({"page": "0"}, "page"), ({"page_size": "x"}, "page_size")]
)
def test_a_malformed_page_is_a_400_naming_it_in_every_format(anonymous, cast, fmt, params, name):
    assert list(error(anonymous.get("/api/v1/partners/", {**params, "format": fmt}), 400)["fields"]) == [name]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partners/?segment=nowhere",
        "/api/v1/partners/?segment=public-transport&segment=nowhere",
        "/api/v1/partners.geojson?segment=nowhere",
        "/api/v1/groups/?segment=nowhere",
        "/api/v1/projects/?segment=nowhere",
        "/api/v1/projects/?call=nowhere",
        "/api/v1/events/?segment=nowhere",
        "/api/v1/events/?group=nowhere",
        "/api/v1/solutions/?segment=nowhere",
    ],
)
def test_a_slug_that_names_nothing_is_a_400_naming_the_filter_on_every_list(anonymous, cast, path):
    response = anonymous.get(path)
    name = path.split("?")[1].split("=")[0]
    assert response.status_code == 400 and name in response.json()["fields"], response.content


def test_a_known_segment_filters_the_directory(anonymous, cast):
    slug = cast.group.segment.slug
    names = {row["name"] for row in anonymous.get(f"/api/v1/partners/?segment={slug}").json()["results"]}
    assert cast.lead_partner.name in names


def test_a_page_past_the_end_is_a_404(anonymous, cast):
    error(anonymous.get("/api/v1/partners/", {"page": 99}), 404)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/partners/voltaic-fleets/", "/api/v1/groups/e-freight/", "/api/v1/segments/urban-logistics/"],
)
def test_details_answer_csv_too(anonymous, cast, path):
    response = anonymous.get(path, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(response.content.decode("utf-8-sig").splitlines()) == 2


def test_lists_link_their_pages_and_say_how_long_to_keep_them(anonymous, cast):
    PartnerFactory.create_batch(3)
    response = anonymous.get("/api/v1/partners/", {"page_size": 2, "page": 2})
    assert response["Link"] == (
        '<http://testserver/api/v1/partners/?page=3&page_size=2>; rel="next", '
        '<http://testserver/api/v1/partners/?page_size=2>; rel="prev"'
    )
    assert response["Cache-Control"] == "max-age=60, must-revalidate, public"
    again = anonymous.get(
        "/api/v1/partners/", {"page_size": 2, "page": 2}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_an_answer_for_a_known_user_is_private(cast):
    from tests.api.conftest import client_for

    response = client_for(cast.rep_a).get("/api/v1/partners/")
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/api/v1/partners/", "/map/partners.geojson", "/news/feed/", "/events/feed.ics"]
)
def test_browsers_of_any_origin_may_read_the_validators(client, cast, path):
    response = client.get(path, HTTP_ORIGIN="https://city.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "link", "retry-after"} <= exposed


def test_machine_answers_are_compressed_for_clients_that_accept_it(client, cast):
    PartnerFactory.create_batch(30)
    response = client.get("/api/v1/partners/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] >= 30
    assert "Content-Encoding" not in client.get("/partners/", HTTP_ACCEPT_ENCODING="gzip")


def test_the_map_geojson_is_geojson_with_ids_absolute_urls_and_an_etag(client, cast):
    response = client.get("/map/partners.geojson")
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [feature["id"] for feature in features] == ["aarhus", "tartu"]
    assert features[0]["properties"]["url"] == "http://testserver/partners/aarhus/"
    assert client.get("/map/partners.geojson", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.parametrize("path", ["/api/v1/partners.geojson", "/api/v1/projects.geojson"])
def test_the_api_geojson_answers_a_client_that_asks_for_json(anonymous, cast, path):
    response = anonymous.get(path, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["type"] == "FeatureCollection"
    assert anonymous.get(path)["Content-Type"] == "application/geo+json"


def test_the_api_geojson_declares_its_filters(anonymous):
    schema = anonymous.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/partners.geojson"]["get"]
    assert operation["operationId"] == "partners_geojson_retrieve"
    assert {"country", "kind", "sme"} <= {parameter["name"] for parameter in operation["parameters"]}
