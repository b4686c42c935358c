"""The cache is an accelerator, never a dependency (issue 16).

With REDIS_URL the cache is django-redis with `IGNORE_EXCEPTIONS`: a read from an unreachable Redis
is a miss (the caller computes the answer), a write is dropped. That alone would still make every
request wait for a connection to fail, so `BreakerConnection`, the connection class of its pool, adds
a circuit breaker: once connecting fails, no connection is attempted for `OPEN_SECONDS`, every cache
call in the process is an immediate miss, and one warning is logged per opening. Then one request
tries again; if Redis answers, the breaker closes.

This module is the one place that decides what a cache failure means; callers never catch it.
"""

import logging
import threading
import time
from typing import Any

from redis.connection import Connection, SSLConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: How long the cache is left alone after a failed connection.
OPEN_SECONDS = 10.0
#: How long a connection attempt and a command may take before the cache counts as down.
CONNECT_TIMEOUT = 0.5
SOCKET_TIMEOUT = 0.5


class Breaker:
    """Open (refusing at once) for OPEN_SECONDS after a failure; one per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.open_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, error: Exception) -> None:
        with self._lock:
            if not self.is_open:
                logger.warning("Redis unreachable (%s): the cache is bypassed for %ss", error, OPEN_SECONDS)
            self.open_until = time.monotonic() + OPEN_SECONDS

    def close(self) -> None:
        self.open_until = 0.0


breaker = Breaker()


class BreakerMixin:
    """A Redis connection that does not try while the breaker is open, and opens it when it fails."""

    def connect(self) -> None:
        if self._sock:
            return
        if breaker.is_open:
            raise RedisConnectionError("the cache's circuit breaker is open")
        try:
            super().connect()
        except (RedisConnectionError, RedisTimeoutError) as error:
            breaker.trip(error)
            raise

    def read_response(self, *args: Any, **kwargs: Any) -> Any:
        # A server that accepted the connection and then stopped answering (killed, hung).
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            breaker.trip(error)
            raise


class BreakerConnection(BreakerMixin, Connection):
    pass


class BreakerSSLConnection(BreakerMixin, SSLConnection):
    pass


def redis_cache(url: str) -> dict[str, Any]:
    """The CACHES entry for a Redis at `url`."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": SOCKET_TIMEOUT,
            "CONNECTION_POOL_KWARGS": {
                "connection_class": BreakerSSLConnection if url.startswith("rediss:") else BreakerConnection
            },
        },
    }
