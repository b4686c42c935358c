"""The one translation of a service's refusal (`ServiceError`) into a page response.

A refused action answers with the status of its reason (400 invalid, 403 forbidden, 409 conflict)
and says why; it is never a redirect, so a client (or a test) can tell success from refusal. The
API does the same in `core.api.exception_handler`.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import ServiceError


def refused(
    request: HttpRequest, error: ServiceError, page: Callable[[], HttpResponse] | None = None
) -> HttpResponse:
    """The refusal as a response: `page()` (the page the action came from, rendered again) with the
    message shown, or the shared refusal page; either way at the error's status."""
    if page is None:
        return render(request, "core/refused.html", {"error": error}, status=error.status)
    messages.error(request, error.message)
    response = page()
    response.status_code = error.status
    return response


class RefusalMiddleware:
    """A `ServiceError` that a view lets through becomes the shared refusal page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ServiceError):
            return refused(request, exception)
        return None
