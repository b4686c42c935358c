"""Input the database cannot store is refused at the door, for every route at once.

PostgreSQL refuses a NUL character in any text value, and a string with a lone surrogate (which JSON
may spell as `\\ud800`) cannot be encoded for it at all: either would reach a query as a `DataError`
or a `UnicodeEncodeError`, a 500, from any slug, filter or form field. Rather than a check per view,
`UnstorableInputMiddleware` looks once at what a request brings: a path with such a character
matches no page (404); a query string, cookie, header, form or JSON body with one is a 400, nothing
read or written.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .api import error_body
from .errors import Reason, ServiceError
from .refusals import refused

#: NUL, and the surrogates that UTF-8 (so PostgreSQL) cannot encode.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: A JSON escape that may decode to one of them; bodies without it need no parsing.
JSON_ESCAPE = re.compile(rb"\\u(0000|d[89a-f])", re.IGNORECASE)


def has_unstorable(values: Iterable[str]) -> bool:
    return any(UNSTORABLE.search(value) for value in values)


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _query_strings(query: Any) -> Iterator[str]:
    for key, values in query.lists():
        yield key
        yield from values


def _body_strings(request: HttpRequest) -> Iterator[str]:
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        # Form fields only: an uploaded file's bytes are not text and may hold anything.
        yield from _query_strings(request.POST)
        yield from (upload.name or "" for upload in request.FILES.values())
    elif content_type.endswith("json") and JSON_ESCAPE.search(request.body):
        try:
            yield from _json_strings(json.loads(request.body))
        except ValueError:  # malformed JSON: the parser of the view answers it
            return
    elif b"\x00" in request.body and content_type.startswith("text/"):
        yield "\x00"


class UnstorableInputMiddleware:
    """404 for such a path, 400 for such a query, cookie, header or body (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if UNSTORABLE.search(request.path_info):
            raise Http404
        headers = (value for key, value in request.META.items() if key.startswith("HTTP_"))
        if (
            has_unstorable(_query_strings(request.GET))
            or has_unstorable(request.COOKIES.values())
            or has_unstorable(value for value in headers if isinstance(value, str))
            or (request.method not in ("GET", "HEAD", "OPTIONS") and has_unstorable(_body_strings(request)))
        ):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        message = _("The request contains a character that cannot be stored (such as a NUL byte).")
        if request.path_info.startswith("/api/"):
            return JsonResponse(error_body(message, Reason.INVALID), status=400)
        return refused(request, ServiceError(message, reason=Reason.INVALID))
