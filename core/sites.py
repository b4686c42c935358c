"""The site's absolute address: the one the client reached while a request is served, SITE_URL in
background work (Celery tasks, management commands), where there is no request to ask.

Services send emails without seeing the request, so `SiteURLMiddleware` keeps the request's origin
in a context variable for the time of the request. A demo run on another port (`PORT=8080 make
run`) then sends invitations whose links work; the host is one ALLOWED_HOSTS accepted, so a forged
Host header cannot put a foreign address into an email.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_request_origin: ContextVar[str | None] = ContextVar("request_origin", default=None)


def site_url() -> str:
    """The origin to prefix paths with, without a trailing slash."""
    return (_request_origin.get() or settings.SITE_URL).rstrip("/")


class SiteURLMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
