"""What every viewset of the public API (/api/v1/) shares: bounded pagination, strict query
parameters, CSV streaming, conditional GET, one error body, links by slug, and the schema's error
responses. The apps' api.py files hold only their serializers and viewsets."""

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_parameter_type, force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, filters, renderers, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from .conditional import conditional as conditional_get
from .csv import attachment, csv_bytes, file_name, streaming_csv_response
from .errors import ServiceError
from .renderers import JSONRenderer
from .versions import CachedCountPaginator, cached

MAX_PAGE_SIZE = 100
CSV_CHUNK = 500


# --- Errors ------------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """Every error answer has this shape: a message, a machine-readable code, and the messages for
    each field or query parameter at fault."""

    detail = serializers.CharField(help_text="What went wrong, for a person.")
    code = serializers.CharField(help_text="invalid, forbidden, conflict, not_found, throttled, ...")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field or query parameter name; empty when the error is not about one.",
    )


def error_body(detail: str, code: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "code": code, "fields": fields or {}}


def _messages(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, dict):
        return [f"{key}: {message}" for key, messages in value.items() for message in _messages(messages)]
    return [str(value)]


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (status codes, Retry-After on 429), then the one error body; ServiceError from a
    service becomes 400, 403 or 409 with the service's own message."""
    if isinstance(exc, ServiceError):
        fields = {exc.field: [exc.message]} if exc.field else {}
        return Response(error_body(exc.message, str(exc.reason), fields), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {str(name): _messages(messages) for name, messages in data.items()}
        response.data = error_body(_("Invalid input."), "invalid", fields)
    else:
        response.data = error_body(str(exc.detail), str(exc.get_codes()))
    return response


# --- Pagination and query parameters -------------------------------------------------------------


class KeysFirstPaginator(CachedCountPaginator):
    """A page read in two steps inside one query: the keys of the page's rows, by a walk of the list's
    order that an index can answer alone (on PostgreSQL an index-only scan of the partners' name index,
    migration 0007), then only those rows. Reading whole rows to skip them made a deep page cost as
    much as every row before it (`OFFSET`)."""

    def page(self, number: Any) -> Any:
        query = getattr(self.object_list, "query", None)
        # A DISTINCT or combined (UNION) list cannot be narrowed by its keys: read as usual.
        if not isinstance(self.object_list, QuerySet) or query.distinct or query.combinator:
            return super().page(number)
        # Django's Paginator.page, with the slice taken of the keys.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


class Pagination(PageNumberPagination):
    """Pages of 20 by default; `page_size` up to 100. A larger or malformed size is a 400, not a
    silent cut, so a client never believes it has everything."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    #: The current list's (paginate_queryset).
    count_key: tuple | None = None

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = _("A whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        self.check(request)
        self.count_key = count_key(request, view)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, queryset: QuerySet, page_size: int) -> KeysFirstPaginator:
        # (DRF makes its paginator by calling this attribute, a class in DRF.)
        return KeysFirstPaginator(queryset, page_size, count_key=self.count_key)

    def check(self, request) -> None:
        """`page` and `page_size` are whole numbers (a 400 naming the parameter otherwise), also where
        they do not apply (CSV answers every row): one policy for every list and format. A page past
        the end is a 404."""
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not (raw.isdigit() and int(raw) >= 1):
            raise exceptions.ValidationError({self.page_query_param: [_("A whole number from 1.")]})
        self.get_page_size(request)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            else:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


def count_key(request: Request, view: APIView | None) -> tuple | None:
    """What decides a list's total where its rows are the same for every client (`cache_pages`): the
    view and its query parameters but the page's. Elsewhere the total is cached per its SQL."""
    if not getattr(view, "cache_pages", False):
        return None
    parameters = sorted(
        (name, values)
        for name, values in request.query_params.lists()
        if name not in (Pagination.page_query_param, Pagination.page_size_query_param)
    )
    return (type(view).__module__, type(view).__qualname__, parameters)


class SearchFilter(filters.SearchFilter):
    """Free-text search as `q`, the name the pages use."""

    search_param = "q"


class OrderingFilter(filters.OrderingFilter):
    """`ordering`: a field name, `-` for descending, comma-separated; an unknown one is a 400."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is not None:
            terms = [term.strip() for term in params.split(",")]
            valid = {field for field, _label in self.get_valid_fields(queryset, view, {"request": request})}
            wrong = [term for term in terms if term.removeprefix("-") not in valid]
            if wrong:
                message = _("Unknown ordering: %(terms)s. Choose from: %(valid)s.")
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            message % {"terms": ", ".join(wrong), "valid": ", ".join(sorted(valid))}
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def filter_queryset(self, request, queryset, view):
        """As DRF's, but a field the view names in `ordering_expressions` (a name in natural
        order, see core.collation) is ordered by that expression."""
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        expressions = getattr(view, "ordering_expressions", {})
        terms = []
        for term in ordering:
            expression = expressions.get(term.removeprefix("-"))
            if expression is None:
                terms.append(term)
            else:
                terms.append(expression.desc() if term.startswith("-") else expression.asc())
        return queryset.order_by(*terms)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        fields = [field for field, _label in self.get_valid_fields(view.get_queryset(), view, {})]
        for parameter in parameters:
            parameter["schema"] = {"type": "string", "enum": [*fields, *(f"-{field}" for field in fields)]}
        return parameters


#: Query parameters every list understands besides its filters.
COMMON_PARAMETERS = {"page", "page_size", "format", "q", "ordering"}


class FilterBackend(DjangoFilterBackend):
    """The app's FilterSet, as on its page; an invalid value is a 400 naming the parameter. Without
    any of its parameters the FilterSet is not built at all (building one copies every filter and its
    choices, a few milliseconds for nothing)."""

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class FilterBackendSchema(DjangoFilterExtension):
    """Filters whose values live in the data (slugs, years) are strings in the schema: drf-spectacular
    cannot tell that from a filter method or a `to_field_name`, and would warn."""

    target_class = FilterBackend
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if not isinstance(filter_field, django_filters.ChoiceFilter | django_filters.MultipleChoiceFilter):
            return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        if "choices" in filter_field.extra:
            return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        many = isinstance(filter_field, django_filters.MultipleChoiceFilter)
        # A single empty value means "any" (as on the page); an empty item in a list is an error.
        schema = {**build_basic_type(OpenApiTypes.STR), **({"minLength": 1} if many else {})}
        return [
            build_parameter_type(
                name=field_name,
                location=OpenApiParameter.QUERY,
                description=str(filter_field.label or field_name),
                schema=build_array_type(schema) if many else schema,
                explode=True if many else None,
                style="form" if many else None,
            )
        ]


class StrictParameters(filters.BaseFilterBackend):
    """An unknown query parameter is a 400 naming it: a typo in a filter must not quietly return
    everything."""

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        filterset_class = getattr(view, "filterset_class", None)
        self.check(request, COMMON_PARAMETERS | set(filterset_class.base_filters if filterset_class else []))
        return queryset

    @staticmethod
    def check(request, known: set[str]) -> None:
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown query parameter.")] for name in unknown})


# --- Links by slug -------------------------------------------------------------------------------


class LinkField(serializers.Field):
    """The absolute URL of a related object by its slug (None when there is none). The URL is
    reversed once per serializer and filled in per row, so a page of 100 rows reverses once."""

    PLACEHOLDER = "__slug__"

    def __init__(self, view_name: str, *, slug_source: str = "slug", lookup: str = "slug", **kwargs) -> None:
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)
        self.view_name = view_name
        self.slug_source = slug_source
        self.lookup = lookup
        self._template: str | None = None

    def get_attribute(self, instance):
        value = instance
        for part in self.slug_source.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def to_representation(self, slug: str) -> str:
        if self._template is None:
            path = reverse(self.view_name, kwargs={self.lookup: self.PLACEHOLDER})
            request = self.context.get("request")
            self._template = request.build_absolute_uri(path) if request else path
        return self._template.replace(self.PLACEHOLDER, str(slug))


class LinkFieldExtension(OpenApiSerializerFieldExtension):
    target_class = LinkField

    def map_serializer_field(self, auto_schema, direction):
        schema = build_basic_type(OpenApiTypes.URI)
        return {**schema, "nullable": True} if self.target.allow_null else schema


# --- Renderers, CSV ------------------------------------------------------------------------------


class CsvRenderer(renderers.BaseRenderer):
    """Selected by `?format=csv` on lists; the list itself streams its rows (see ApiViewSet)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"  # the Content-Type says `text/csv; charset=utf-8`

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return csv_text([data] if isinstance(data, dict) else data or [])


def read_renderers(view: APIView) -> list:
    """Every read (list, detail, action) answers JSON, or CSV with `?format=csv`; writes answer JSON
    only. A method the resource lacks (no action) is a 405 whatever the format, and an error is
    always JSON (see conditional)."""
    request = getattr(view, "request", None)
    if request is not None and request.method not in ("GET", "HEAD") and view.action is not None:
        return [JSONRenderer()]
    return [JSONRenderer(), CsvRenderer()]


class GeoJsonRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def csv_cell(value: Any) -> Any:
    """Nested objects as their first field (by convention the slug naming them), lists joined by
    "; ", everything else as it is (core.csv neutralises formulas)."""
    if isinstance(value, dict):
        return csv_cell(next(iter(value.values()), ""))
    if isinstance(value, list):
        return "; ".join(str(csv_cell(item)) for item in value)
    return value


def csv_rows(header: list[str], rows: Iterable[dict]) -> Iterator[list[Any]]:
    for row in rows:
        yield [csv_cell(row.get(name)) for name in header]


def csv_text(rows: list[dict]) -> bytes:
    header = list(rows[0]) if rows else []
    return csv_bytes(header, csv_rows(header, rows))


def csv_file_name(request: Request, *parts: Any) -> str:
    """Named after the path under /api/v1/: `/api/v1/news/` gives `ev4scc-news.csv`,
    `/api/v1/partners/acme/` gives `ev4scc-partners-acme.csv`."""
    return file_name(*request.path_info.strip("/").split("/")[2:], *parts)


# --- Viewsets ------------------------------------------------------------------------------------


# A read-only resource by slug: JSON lists and details, CSV lists (`?format=csv`, the same filters,
# every row, streamed), ETag with 304 on an unchanged answer. (A comment, not a docstring: the schema
# would show a docstring as every operation's description.)
class ApiViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[^/]+"
    pagination_class = Pagination
    filter_backends = [StrictParameters, FilterBackend, SearchFilter, OrderingFilter]
    ordering_fields: list[str] = []
    search_fields: list[str] = []

    def get_renderers(self) -> list:
        return read_renderers(self)

    #: Set on lists whose rows change only with the data and the date (no clock, no user): each page
    #: is then rendered once and served from the cache until a write (see cached_answer).
    cache_pages = False

    def list(self, request, *args, **kwargs) -> HttpResponse | Response | StreamingHttpResponse:
        if request.accepted_renderer.format == "csv":
            return self.csv_list(request)
        if not self.cache_pages:
            return super().list(request, *args, **kwargs)
        page = super().list
        return cached_answer(self, request, lambda: page(request, *args, **kwargs).data)

    def csv_list(self, request) -> StreamingHttpResponse:
        self.paginator.check(request)
        queryset = self.filter_queryset(self.get_queryset())
        header = list(self.get_serializer().fields)
        return streaming_csv_response(csv_file_name(request), header, csv_rows(header, self._rows(queryset)))

    def _rows(self, queryset: QuerySet) -> Iterator[dict]:
        for start in range(0, queryset.count(), CSV_CHUNK):
            yield from self.get_serializer(queryset[start : start + CSV_CHUNK], many=True).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional(request, response)


def cached_answer(view: APIView, request: Request, data: Callable[[], Any]) -> HttpResponse:
    """The rendered `data()`, for answers that are the same for every client: rendered once per data
    version and day (core.versions.cached), query, host (the links are absolute) and format, then
    sent from the cache as it is, with its Link header. An error raised by `data()` is never cached."""
    renderer, media_type = request.accepted_renderer, request.accepted_media_type

    def render() -> tuple[bytes, str | None]:
        answer = data()
        return renderer.render(answer, media_type, view.get_renderer_context()), page_links(answer)

    # What the body depends on, normalised, so a client cannot fill the cache with variants of one
    # answer (media type parameters other than the indent, the order of the query parameters).
    indent = renderer.get_indent(media_type, {}) if isinstance(renderer, renderers.JSONRenderer) else None
    parts = (
        request.build_absolute_uri(request.path),
        sorted(request.query_params.lists()),
        renderer.format,
        indent,
    )
    # (Named apart from the bodies cached alone before, which a shared cache may still hold.)
    namespace = f"api-answer:{type(view).__module__}.{type(view).__qualname__}"
    body, links = cached(namespace, parts, render)
    response = HttpResponse(body, content_type=media_type)
    if links and renderer.format == "json":
        response["Link"] = links
    return response


def conditional(request, response):
    """ETag, Cache-Control and 304 Not Modified on a successful read (core.conditional; private when
    a user is known, as the answer may then depend on them). Errors are always JSON, also when CSV
    was asked for."""
    if isinstance(response, Response) and response.status_code >= 400:
        response.accepted_renderer = JSONRenderer()
        response.accepted_media_type = response.accepted_renderer.media_type
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if isinstance(response, Response):
        response.render()
    if response.get("Content-Type", "").startswith("text/csv") and not response.has_header(
        "Content-Disposition"
    ):
        attachment(response, csv_file_name(request, request.GET.get("as_of")))
    patch_vary_headers(response, ["Accept"])  # the format and the indent follow it
    link_pages(response)
    user = getattr(request, "user", None)
    return conditional_get(request, response, private=bool(user and user.is_authenticated))


def link_pages(response: HttpResponse) -> None:
    """The next and previous pages of a list also as a Link header (RFC 8288), for clients that
    page by headers (cached answers carry theirs already: cached_answer)."""
    data = getattr(response, "data", None)
    if response.has_header("Link") or not response.get("Content-Type", "").startswith("application/json"):
        return
    if links := page_links(data):
        response["Link"] = links


def page_links(data: Any) -> str | None:
    if not isinstance(data, dict) or "next" not in data:
        return None
    links = [
        f'<{data[key]}>; rel="{rel}"' for key, rel in (("next", "next"), ("previous", "prev")) if data[key]
    ]
    return ", ".join(links) or None


# --- Schema --------------------------------------------------------------------------------------

_ERRORS = {
    "304": ("Not modified: the answer has the ETag sent in If-None-Match.", None),
    "400": (
        "Invalid input: a malformed or unknown query parameter or body field, named in `fields`.",
        error_body("Invalid input.", "invalid", {"page_size": ["A whole number from 1 to 100."]}),
    ),
    "401": ("No or invalid token.", error_body("Invalid token.", "authentication_failed")),
    "403": (
        "Not allowed for this user and object.",
        error_body("Only the partner's representatives may edit it.", "forbidden"),
    ),
    "404": ("No such object, or a page past the end.", error_body("Not found.", "not_found")),
    "409": (
        "The object is not in a state that allows this.",
        error_body("Aarhus Kommune is already a member of E-bus.", "conflict"),
    ),
    "429": (
        "Too many requests; the Retry-After header says how many seconds to wait.",
        error_body("Request was throttled. Expected available in 42 seconds.", "throttled"),
    ),
}


class ApiSchema(AutoSchema):
    """Adds the error answers every operation can give, with the one error body, and describes the
    CSV answer of lists as what it is: text with the list's fields as columns."""

    def csv_content(self) -> dict:
        serializer = self.get_response_serializers()
        if isinstance(serializer, dict):  # responses given by status code, as for the targets
            serializer = serializer.get(200)
        serializer = force_instance(serializer)
        columns = list(getattr(serializer, "child", serializer).fields)
        return {
            "schema": {
                "type": "string",
                "description": "Every matching row (not one page): a header line of the fields, then one "
                "line per row; nested objects as their slug, lists joined by '; '.",
            },
            "example": ",".join(columns) + "\n",
        }

    def get_operation_id(self) -> str:
        # Identifiers a code generator can use: `partners.geojson` gives `partners_geojson_list`.
        return super().get_operation_id().replace(".", "_")

    def get_filter_backends(self) -> list:
        # A GeoJSON collection is a list without pages: its filters are the list's.
        if getattr(self.view, "feature_collection", False):
            return list(self.view.filter_backends)
        return super().get_filter_backends()

    def error_codes(self) -> list[str]:
        if self.method == "GET":
            codes = ["304", "400", "404", "429"]
        else:
            codes = ["400", "401", "403", "404", "409", "429"]
        return codes

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        content = responses.get("200", {}).get("content", {})
        if CsvRenderer.media_type in content:
            content[CsvRenderer.media_type] = self.csv_content()
        for code in self.error_codes():
            if code in responses:
                continue
            description, example = _ERRORS[code]
            if example is None:
                responses[code] = {"description": description}
                continue
            response = OpenApiResponse(
                ErrorSerializer,
                description=description,
                examples=[OpenApiExample(code, value=example, status_codes=[code])],
            )
            responses[code] = self._get_response_for_code(response, code, ["application/json"], direction)
        return responses


# --- The API's index and its 404 ---------------------------------------------------------------


class ApiIndexView(APIView):
    """/api/v1/: every resource of the API by name, as absolute URLs, with the schema and its docs."""

    #: Filled in by the URLconf: resource name -> URL name.
    resources: ClassVar[dict[str, str]] = {}

    @extend_schema(
        tags=["api"],
        summary="The API's index",
        description="Every resource by name, with the URL of its list; `schema` and `docs` lead to this "
        "description.",
        responses={200: {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}},
        examples=[
            OpenApiExample(
                "The index",
                value={
                    "partners": "https://ev4scc.eu/api/v1/partners/",
                    "schema": "https://ev4scc.eu/api/v1/schema/",
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        urls = {name: request.build_absolute_uri(reverse(url)) for name, url in self.resources.items()}
        return Response(urls)

    def get_renderers(self) -> list:
        return [JSONRenderer()]

    def finalize_response(self, request, response, *args, **kwargs):
        return conditional(request, super().finalize_response(request, response, *args, **kwargs))


def not_found(request, exception) -> HttpResponse:
    """The project's 404 (handler404): any unknown path under /api/ answers the one error body,
    never the HTML page; the pages keep theirs."""
    if not request.path_info.startswith("/api/"):
        return page_not_found(request, exception)
    body = json.dumps(error_body(_("No such resource; /api/v1/ lists them."), "not_found"))
    return HttpResponse(body, status=404, content_type="application/json")
