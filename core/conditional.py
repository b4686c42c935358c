"""One place for conditional GET: every read that a machine fetches again and again (the API, the
feeds, the calendars, the GeoJSON, the sitemap) answers with an ETag, a Last-Modified when the data
has a date, and Cache-Control, and turns into 304 Not Modified when the client's If-None-Match or
If-Modified-Since says it has the answer already (RFC 9110, through Django's own
get_conditional_response). The middleware compresses these machine-readable answers."""

import re
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

#: Seconds a client or proxy may reuse an answer before it asks again (with its validators).
MAX_AGE = 60


def conditional(
    request: HttpRequest,
    response: HttpResponse,
    *,
    last_modified: datetime | None = None,
    private: bool = False,
    max_age: int = MAX_AGE,
) -> HttpResponse:
    """The response with its validators, or a 304 carrying them. Only a successful, complete GET or
    HEAD is touched; an answer that depends on who asks is `private`."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    else:  # set by the view itself, as Django's feeds do
        timestamp = parse_http_date_safe(response.get("Last-Modified", ""))
    scope = {"private": True} if private else {"public": True}
    patch_cache_control(response, max_age=max_age, must_revalidate=True, **scope)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=timestamp, response=response
    )


#: Machine-readable answers: compressed (they carry no secret a page could reflect, unlike pages
#: with a CSRF token, which BREACH could read).
COMPRESSED = re.compile(r"^/(api/v1/(?!token/)|map/.*\.geojson$|news/feed/|events/.*\.ics$|sitemap\.xml$)")


class CompressInterfacesMiddleware(GZipMiddleware):
    """gzip for the API, the GeoJSON, the feeds, the calendars and the sitemap, when the client
    accepts it; pages stay uncompressed at this layer."""

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD") or not COMPRESSED.match(request.path_info):
            return response
        return super().process_response(request, response)
