"""The cache is an accelerator, never a dependency (issue 16): with Redis killed, every public page and
API list answers 200 and writes succeed; a circuit breaker keeps a dead or hung Redis from costing each
request a timeout."""

import socket
import threading

import pytest
from django.test import override_settings

from core.cache import breaker, redis_cache
from events.models import ContactMessage
from tests.faults.conftest import free_port

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/partners/",
    "/partners/?segment=fleets",
    "/projects/",
    "/events/",
    "/news/",
    "/targets/",
    "/segments/",
    "/groups/",
    "/solutions/",
    "/needs/",
    "/map/partners.geojson",
    "/api/v1/partners/",
    "/api/v1/segments/",
    "/api/v1/groups/",
    "/api/v1/projects/",
    "/api/v1/calls/",
    "/api/v1/events/",
    "/api/v1/news/",
    "/api/v1/solutions/",
    "/api/v1/needs/",
    "/api/v1/targets/",
    "/api/v1/partners.geojson",
    "/api/v1/projects.geojson",
]


@pytest.fixture(autouse=True)
def _closed_breaker():
    breaker.close()
    yield
    breaker.close()


def test_with_redis_killed_pages_are_served_and_writes_succeed(cast, client, throwaway_redis):
    with override_settings(CACHES={"default": redis_cache(throwaway_redis.url)}):
        for path in PAGES:  # the cache is warm and in use
            assert client.get(path).status_code == 200, path
        assert not breaker.is_open

        throwaway_redis.kill()

        assert {path: client.get(path).status_code for path in PAGES} == dict.fromkeys(PAGES, 200)
        assert breaker.is_open
        # Writes: a page form, an API edit, and the data version each bumps.
        response = client.post(
            "/contact/", {"name": "Ann", "email": "ann@example.org", "subject": "Hi", "message": "Hello"}
        )
        assert response.status_code == 302
        assert ContactMessage.objects.count() == 1
        response = cast.client("rep_a").patch(
            f"/api/v1/partners/{cast.partner_a.slug}/",
            {"description": "Written while Redis was down."},
            content_type="application/json",
        )
        assert response.status_code == 200
        cast.partner_a.refresh_from_db()
        assert cast.partner_a.description == "Written while Redis was down."
        # The read after the write shows it: nothing stale was served from a cache that is gone.
        assert (
            "Written while Redis was down."
            in client.get(f"/api/v1/partners/{cast.partner_a.slug}/").json()["description"]
        )


def test_a_hung_redis_costs_one_timeout_not_one_per_request(cast, client):
    """A server that accepts connections and never answers: without the breaker every cache call of
    every request would wait SOCKET_TIMEOUT; with it, the first one trips and the rest skip the cache."""
    port = free_port()
    accepted: list[socket.socket] = []
    with socket.socket() as server:
        server.bind(("127.0.0.1", port))
        server.listen(64)

        def accept() -> None:
            while True:
                try:
                    accepted.append(server.accept()[0])
                except OSError:
                    return

        threading.Thread(target=accept, daemon=True).start()
        with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{port}/0")}):
            for path in ["/partners/", "/projects/", "/api/v1/partners/", "/events/"]:
                assert client.get(path).status_code == 200
        assert breaker.is_open
        assert len(accepted) == 1
        for connection in accepted:
            connection.close()
