"""A third party's view of the API: a client generated from our OpenAPI schema at test time
(openapi-python-client, as an integrator would) lists, filters and pages every resource, and every
request and response it exchanges is validated against the schema (openapi-core). The schema also
passes `redocly lint` (npm @redocly/cli) with no error.

Marked `validators` (make test-validators): generating the client takes a few seconds."""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from ev4scc.wsgi import application
from tests.factories import (
    EventFactory,
    FundingCallFactory,
    NewsItemFactory,
    PartnerFactory,
    ProjectFactory,
    SegmentFactory,
    TargetFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

pytestmark = [pytest.mark.validators, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--file", str(path), "--validate", "--fail-on-warn")
    return path


@pytest.fixture(scope="module")
def generated(schema_file, tmp_path_factory):
    """The package `ev4scc_client`, generated from the schema and imported."""
    out = tmp_path_factory.mktemp("client")
    config = out / "config.yaml"
    config.write_text(
        "post_hooks: []\nproject_name_override: ev4scc_client\npackage_name_override: ev4scc_client\n"
    )
    package = out / "ev4scc_client"
    command = [str(GENERATOR), "generate", "--path", str(schema_file), "--output-path", str(package)]
    result = subprocess.run(
        [*command, "--meta", "none", "--config", str(config)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "Warning" not in result.stdout + result.stderr, (
        result.stdout + result.stderr
    )
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("ev4scc_client")
    finally:
        sys.path.remove(str(out))
        for name in [name for name in sys.modules if name.startswith("ev4scc_client")]:
            del sys.modules[name]
        shutil.rmtree(out, ignore_errors=True)


class _Request:
    """An httpx request as openapi-core reads one."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        self.path = request.url.path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("Content-Type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.url.params.multi_items()),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.content_type = response.headers.get("Content-Type", "")
        self.headers = Headers(dict(response.headers))
        self.data = response.content


@pytest.fixture
def api(generated, schema_file):
    """The generated client, talking to the application in process; every exchange is validated
    against the schema as it happens."""
    # GeoJSON is JSON (RFC 7946); openapi-core is told so.
    config = Config(extra_media_type_deserializers={"application/geo+json": json.loads})
    spec = OpenAPI.from_file_path(str(schema_file), config=config)

    def validate(response: httpx.Response) -> None:
        response.read()
        spec.validate_request(_Request(response.request))
        spec.validate_response(_Request(response.request), _Response(response))

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    transport = httpx.WSGITransport(app=application)
    client = generated.Client(
        base_url="http://testserver",
        raise_on_unexpected_status=True,
        httpx_args={"transport": transport, "event_hooks": {"response": [validate]}},
    )
    yield client
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def data(cast):
    """At least three rows of every resource, so that each can be paged."""
    SegmentFactory.create_batch(2)
    WorkingGroupFactory.create_batch(2, segment=cast.segment)
    PartnerFactory(is_sme=True)
    calls = FundingCallFactory.create_batch(3)
    for call in calls:
        ProjectFactory(segment=cast.segment, call=call)
    EventFactory.create_batch(3, segment=cast.segment)
    NewsItemFactory.create_batch(3)
    SolutionFactory.create_batch(3, provider=cast.partner_a, segment=cast.segment)
    NeedFactory.create_batch(3, city=cast.partner_b, segment=cast.segment)
    TargetFactory()


def _module(generated, tag: str, name: str):
    return importlib.import_module(f"ev4scc_client.api.{tag}.{name}")


#: Each paginated resource, with a filter an integrator would use (as the generated client types it).
RESOURCES = {
    "partners": lambda g: {"sme": True, "country": [g.models.PartnersListCountryItem("DE")]},
    "segments": lambda g: {"ordering": g.models.SegmentsListOrdering("name")},
    "groups": lambda g: {"city": "tartu", "not_joined": True},
    "projects": lambda g: {"segment": ["urban-logistics"], "counted": False},
    "calls": lambda g: {"ordering": g.models.CallsListOrdering("-deadline")},
    "events": lambda g: {"segment": ["urban-logistics"]},
    "news": lambda g: {"q": "News"},
    "solutions": lambda g: {"segment": ["urban-logistics"]},
    "needs": lambda g: {"segment": ["urban-logistics"]},
}


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_generated_client_lists_filters_and_pages_every_resource(api, generated, data, resource):
    list_ = _module(generated, resource, f"{resource}_list")
    first = list_.sync_detailed(client=api, page_size=1)
    assert first.status_code == 200 and first.parsed.count >= 2, first.content
    second = list_.sync_detailed(client=api, page_size=1, page=2)
    assert second.status_code == 200
    assert second.parsed.results[0].to_dict() != first.parsed.results[0].to_dict()
    assert second.headers["Link"].count("rel=") == 2  # next and prev (RFC 8288)
    filtered = list_.sync_detailed(client=api, **RESOURCES[resource](generated))
    assert filtered.status_code == 200 and filtered.parsed.count >= 1, filtered.content
    one = filtered.parsed.results[0]
    key = {"calls": "identifier"}.get(resource, "slug")
    detail = _module(generated, resource, f"{resource}_retrieve").sync_detailed(
        client=api, **{key: getattr(one, key)}
    )
    assert detail.status_code == 200 and detail.parsed.to_dict()[key] == getattr(one, key)


def test_the_generated_client_reads_the_targets_the_geojson_and_the_index(api, generated, data):
    targets = _module(generated, "targets", "targets_list").sync_detailed(client=api)
    assert targets.status_code == 200 and targets.parsed
    series = _module(generated, "targets", "targets_series_retrieve").sync_detailed(
        client=api, metric=targets.parsed[0].metric
    )
    assert series.status_code == 200
    for tag in ("partners", "projects"):
        geojson = _module(generated, tag, f"{tag}_geojson_retrieve").sync_detailed(client=api)
        assert geojson.status_code == 200 and geojson.headers["Content-Type"] == "application/geo+json"
        assert all(feature["id"] for feature in json.loads(geojson.content)["features"])
    index = _module(generated, "api", "root_retrieve").sync_detailed(client=api)
    assert set(index.parsed.to_dict()) >= {"partners", "targets", "schema"}


def test_a_bad_boolean_is_a_400_in_the_schema_s_error_shape(api, schema_file, data):
    # Sent by hand: the generated client only sends booleans, and openapi-core refuses this request.
    transport = httpx.WSGITransport(app=application)
    with httpx.Client(transport=transport, base_url="http://testserver") as client:
        response = client.get("/api/v1/partners/", params={"sme": "maybe"})
    spec = OpenAPI.from_file_path(str(schema_file))
    request = _Request(response.request)
    spec.validate_response(request, _Response(response))  # the 400 is as documented
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and list(response.json()["fields"]) == ["sme"]


def test_redocly_lint_finds_no_error(schema_file):
    result = subprocess.run(
        [str(REDOCLY), "lint", str(schema_file), "--config", str(ROOT / "redocly.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    errors = [problem for problem in report["problems"] if problem["severity"] == "error"]
    assert errors == [] and result.returncode == 0, errors
