"""Schemathesis against the live schema: every operation, generated valid and invalid inputs, no 500,
and every response (status, content type, headers, body) as the schema says. Bounded so that it runs
in well under a minute."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from ev4scc.wsgi import application
from partners.models import ApiToken
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    ParticipationFactory,
    RepresentativeFactory,
    TargetFactory,
    WorkingGroupFactory,
)
from tests.projects.factories import NeedFactory, SolutionFactory

#: Loaded through the application itself (no server): the schema a client downloads.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)

IDENTITY = {"Accept-Encoding": "identity"}

#: What the issue asks: no 500, and status codes, content types, headers and bodies as documented.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
#: Minutes of generated requests: `make test-fuzz`, not the everyday `make test`.
pytestmark = pytest.mark.fuzz

FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI application directly fires request_finished, whose close_old_connections would
    close the test's database connection (and its transaction) on PostgreSQL; Django's own test client
    disconnects it for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(db, monkeypatch) -> dict:
    """A little of everything; the writes' path parameters point at objects the token may touch."""
    from rest_framework.throttling import SimpleRateThrottle

    # Hundreds of requests in a minute; throttling has its own test (test_reads.py).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    participation = ParticipationFactory(status="active")
    GroupMembershipFactory(partner=participation.partner)
    event = EventFactory(segment=participation.project.segment)
    NewsItemFactory(project=participation.project)
    SolutionFactory(provider=participation.partner, project=participation.project)
    NeedFactory()
    TargetFactory()
    representative = RepresentativeFactory(partner=participation.partner)
    return {
        "token": ApiToken.objects.create(user=representative.user, name="fuzz")[1],
        "slugs": {
            "partners": participation.partner.slug,
            "groups": WorkingGroupFactory().slug,
            "events": event.slug,
        },
    }


@schema.parametrize()
@FUZZ
def test_api_answers_as_its_schema_says(case):
    # Schemathesis's WSGI transport does not decode gzip (core.conditional compresses the API).
    case.call_and_validate(checks=CHECKS, headers=IDENTITY)


@schema.include(method=["PATCH", "POST"]).parametrize()
@FUZZ
def test_writes_with_a_token_answer_as_the_schema_says(case, data):
    collection = case.path.split("/")[3]
    case.path_parameters = {**(case.path_parameters or {}), "slug": data["slugs"][collection]}
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Token {data['token']}", **IDENTITY})
