"""Liveness and readiness, for the proxy, the container health checks and the operators (issue 16).

`/healthz` says the process answers, and nothing else: a database or Redis outage must not make the
orchestrator restart web processes that would serve the same outage. `/readyz` checks each dependency,
with its status and latency in milliseconds, as JSON: 503 when the database is down (nothing can be
served), 200 and "degraded" when only Redis is (the cache is skipped, mail and digests wait).
"""

import time
from collections.abc import Callable

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from core.cache import breaker

#: How long the broker check may take (the cache has its own timeouts, core.cache).
BROKER_TIMEOUT = 1.0


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. No dependency is asked."""
    return HttpResponse("ok", content_type="text/plain")


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _cache() -> str:
    if not settings.REDIS_URL:
        return "local"  # a per-process cache: nothing to reach
    if breaker.is_open:
        return "down"
    # Past django-redis's exception ignoring, which would report a dead Redis as a miss.
    cache.client.get_client().ping()
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # tasks run in the request: no broker
    with current_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    return "ok"


def _check(probe: Callable[[], str]) -> dict:
    started = time.perf_counter()
    try:
        status = probe()
    except Exception as error:  # any failure of a dependency is its status, not this page's
        status, detail = "down", type(error).__name__
    else:
        detail = None
    result = {"status": status, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}
    if detail:
        result["error"] = detail
    return result


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: each dependency's status and latency; 503 without the database."""
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    if checks["database"]["status"] != "ok":
        status, code = "down", 503
    elif any(check["status"] == "down" for check in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
