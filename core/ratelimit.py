"""Rate limits per client address for public forms (joining, contact), counted in the cache."""

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind the load balancer REMOTE_ADDR is the proxy, which appends the
    address it saw to X-Forwarded-For; earlier entries come from the client and could be forged to
    dodge a limit, so only the last one counts."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def over_limit(namespace: str, request: HttpRequest, *, limit: int, window_seconds: int) -> bool:
    """Counts one more use by the client's address; True once it has used up `limit` in the window."""
    key = f"ratelimit:{namespace}:{client_address(request)}"
    cache.add(key, 0, window_seconds)
    try:
        # None when the cache is down (core/cache.py): nothing is counted, the form stays open.
        return (cache.incr(key) or 0) > limit
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window_seconds)
        return False
