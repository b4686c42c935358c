"""The client's address, one rule for the whole platform, and rate limits per address for public
forms (joining, contact, password reset), counted in the cache.

The form limits below, the API's throttles (core.throttling) and the login lockout (django-axes,
AXES_CLIENT_IP_CALLABLE) all take the address from `client_address`, so a forged header gets past
none of them or all of them, and it gets past none."""

from ipaddress import ip_address

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _valid(text: str) -> str | None:
    """The address in its canonical form, or None when `text` is not an IP address."""
    try:
        return str(ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, counting PROXY_COUNT trusted proxies in front of the platform.

    Each proxy appends the address it received the request from to X-Forwarded-For, and the last
    one is REMOTE_ADDR. So, of the chain `X-Forwarded-For + [REMOTE_ADDR]`, the last PROXY_COUNT
    entries are our proxies and the one before them is the client; everything further left was
    written by the client and proves nothing. With no proxy (the default) the header is ignored.

    django-ipware was tried and left out: its engine counts the proxies inside the header (it wants
    the proxy's own address there too), so behind one nginx, whose header holds only the client, it
    found no address at all.

    None when the entry is not an IP address (a misconfigured proxy count, or a header sent straight
    to the server): never a value a GenericIPAddressField would refuse."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return _valid(remote)
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    chain = [*forwarded, remote]
    # Fewer hops than proxies: the request did not come through them all; the nearest is all we know.
    return _valid(chain[-(proxies + 1)] if len(chain) > proxies else remote)


def count_use(namespace: str, key: str, *, window_seconds: int) -> int:
    """Counts one more use under `key` (an address, an account) in the window; the uses so far."""
    key = f"ratelimit:{namespace}:{key}"
    cache.add(key, 0, window_seconds)
    try:
        # None when the cache is down (core/cache.py): nothing is counted, the form stays open.
        return cache.incr(key) or 0
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def uses(namespace: str, key: str) -> int:
    """The uses counted under `key` in the current window, without counting one more."""
    return cache.get(f"ratelimit:{namespace}:{key}", 0)


def over_limit(namespace: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Counts one more use; True once `limit` is used up in the window."""
    return count_use(namespace, key, window_seconds=window_seconds) > limit


def limit_key(request: HttpRequest) -> str:
    """What a limit counts a client under: its address, or one shared key when it has none (a
    misconfigured proxy count), so an unreadable address is limited, not let through."""
    return client_address(request) or "unknown"


def address_over_limit(namespace: str, request: HttpRequest, *, limit: int, window_seconds: int) -> bool:
    """Counts one more use by the client's address (see over_limit)."""
    return over_limit(namespace, limit_key(request), limit=limit, window_seconds=window_seconds)
