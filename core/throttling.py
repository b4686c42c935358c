"""The API's rate limits, per client, counted in the cache. A module of its own: DRF imports its
default throttle classes while rest_framework.views is still loading, so this one must not import it."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .ratelimit import limit_key


class AddressRateThrottle(AnonRateThrottle):
    """The anonymous rate, per client address as the platform's one rule gives it (core.ratelimit),
    not DRF's own reading of X-Forwarded-For."""

    def get_ident(self, request) -> str:
        return limit_key(request)


class AuthenticatedRateThrottle(UserRateThrottle):
    """The rate of a token or session. DRF's UserRateThrottle also counts anonymous clients, by address,
    which the anonymous rate already does: two more cache round trips per request for nothing."""

    scope = "user"

    def get_cache_key(self, request, view) -> str | None:
        return super().get_cache_key(request, view) if request.user.is_authenticated else None
