"""The OpenAPI description: valid, no warnings, every operation with its errors and an example, and
the documentation UI served from the project's own static files."""

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))  # raises on a warning
    return yaml.safe_load(path.read_text())


OPERATIONS = [
    ("/api/v1/partners/", "get"),
    ("/api/v1/partners/{slug}/", "get"),
    ("/api/v1/partners/{slug}/", "patch"),
    ("/api/v1/segments/", "get"),
    ("/api/v1/groups/", "get"),
    ("/api/v1/groups/{slug}/membership-requests/", "post"),
    ("/api/v1/projects/", "get"),
    ("/api/v1/calls/", "get"),
    ("/api/v1/events/", "get"),
    ("/api/v1/events/{slug}/registrations/", "post"),
    ("/api/v1/news/", "get"),
    ("/api/v1/solutions/", "get"),
    ("/api/v1/needs/", "get"),
    ("/api/v1/targets/", "get"),
    ("/api/v1/targets/{metric}/series/", "get"),
    ("/api/v1/partners.geojson", "get"),
    ("/api/v1/projects.geojson", "get"),
]


def test_every_endpoint_is_described(schema):
    assert {(path, method) for path, methods in schema["paths"].items() for method in methods} >= set(
        OPERATIONS
    )


@pytest.mark.parametrize("path, method", OPERATIONS)
def test_every_operation_documents_its_errors(schema, path, method):
    responses = schema["paths"][path][method]["responses"]
    expected = {"400", "404", "429"} | ({"401", "403", "409"} if method != "get" else set())
    assert expected <= set(responses)
    error = responses["400"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_every_response_body_has_an_example(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code, response in operation["responses"].items():
                for media_type, content in response.get("content", {}).items():
                    has_example = {"examples", "example"} & set(content) or "example" in content["schema"]
                    assert has_example, (path, method, code, media_type)


def test_lists_offer_csv(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/partners/"]["get"]["parameters"]}
    assert sorted(parameters["format"]["schema"]["enum"]) == ["csv", "json"]
    assert parameters["page_size"]["schema"]["maximum"] == 100


@pytest.mark.django_db
def test_docs_are_served_without_a_cdn(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<style>" not in page and "<script>" not in page  # the Content Security Policy forbids inline code
    assert "http" not in page.split("<body>")[1].replace("http-equiv", "")
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"] == "application/javascript"
