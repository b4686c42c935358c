"""Failed logins per client address, across usernames. django-axes locks a (username, address)
pair after a few failures, so nobody elsewhere can lock a user out; this adds the other half: one
address that tries many accounts (password spraying) is stopped for an hour, whatever the usernames.

The backend comes first in AUTHENTICATION_BACKENDS: past LOGIN_FAILURES_PER_ADDRESS failures in the
hour it refuses (PermissionDenied ends authentication, even with the right password); the receiver
counts each failure."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .ratelimit import count_use, limit_key, uses

NAMESPACE = "login-failures"
WINDOW_SECONDS = 3600


class AddressLimitBackend(BaseBackend):
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        if request is not None and uses(NAMESPACE, limit_key(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            raise PermissionDenied
        return None


def count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """user_login_failed: one more failure for the client's address."""
    if request is not None:
        count_use(NAMESPACE, limit_key(request), window_seconds=WINDOW_SECONDS)
