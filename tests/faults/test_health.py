"""/healthz is liveness (no dependency); /readyz reports each dependency with its status and latency:
503 without the database, 200 and "degraded" without Redis (issue 16)."""

import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from core.cache import breaker, redis_cache
from tests.faults.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _closed_breaker():
    breaker.close()
    yield
    breaker.close()


def test_ready_with_local_services(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    statuses = {name: check["status"] for name, check in body["checks"].items()}
    local_cache = "locmem" in settings.CACHES["default"]["BACKEND"]
    assert statuses == {
        "database": "ok",
        "cache": "local" if local_cache else "ok",
        "broker": "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok",
    }
    assert all(check["latency_ms"] >= 0 for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def with_redis(throwaway_redis):
    """The cache and the broker on the throwaway Redis, as in production."""
    from ev4scc.celery import app

    services = {
        "CACHES": {"default": redis_cache(throwaway_redis.url)},
        "REDIS_URL": throwaway_redis.url,
        "CELERY_TASK_ALWAYS_EAGER": False,
    }
    app.conf.broker_url = throwaway_redis.url
    try:
        with override_settings(**services):
            yield throwaway_redis
    finally:
        app.conf.broker_url = "memory://"


def test_with_redis_down_ready_is_degraded_and_pages_are_served(client, cast, with_redis):
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["checks"]["cache"]["status"] == body["checks"]["broker"]["status"] == "ok"

    with_redis.kill()
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == body["checks"]["broker"]["status"] == "down"
    assert client.get("/partners/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_without_the_database_ready_is_503_and_live_is_200(client, monkeypatch):
    """SQLite's test database lives in memory and cannot be taken away: its cursor fails instead.
    The PostgreSQL test below takes the real server away."""
    from django.db import OperationalError

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"] == {
        "status": "down",
        "latency_ms": response.json()["checks"]["database"]["latency_ms"],
        "error": "OperationalError",
    }
    assert client.get("/healthz").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_with_postgresql_unreachable_ready_is_503_and_live_is_200(client):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = free_port()  # nothing listens there
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"]["database"]["status"] == "down"
        assert client.get("/healthz").status_code == 200
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert client.get("/readyz").status_code == 200
