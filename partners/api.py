"""The partners in the API: the directory (/api/v1/partners/), a partner's profile, its update by
the partner's representatives (through services.update_partner_profile, as on the edit page), and the
partners as GeoJSON (/api/v1/partners.geojson)."""

import copy
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import exceptions, generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api import (
    ApiViewSet,
    FilterBackend,
    GeoJsonRenderer,
    JSONRenderer,
    LinkField,
    StrictParameters,
    cached_answer,
    conditional,
)
from core.collation import NaturalOrder
from core.errors import ServiceError

from . import services
from .access import represents
from .filters import PartnerFilter
from .models import Partner
from .services import PersonData

PARTNER_EXAMPLE = {
    "url": "https://ev4scc.eu/api/v1/partners/gothenburg/",
    "slug": "gothenburg",
    "name": "City of Gothenburg",
    "kind": "city",
    "country": "SE",
    "city": "Gothenburg",
    "is_sme": False,
    "website": "https://goteborg.se",
    "joined_on": "2016-01-28",
    "left_on": None,
    "latitude": "57.70887",
    "longitude": "11.97456",
    "page": "https://ev4scc.eu/partners/gothenburg/",
}


@extend_schema_serializer(examples=[OpenApiExample("A city", value=PARTNER_EXAMPLE)])
class PartnerSerializer(serializers.Serializer):
    """A partner in the directory. Lean on purpose: no per-row queries or nested objects."""

    url = LinkField("api:partner-detail")
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="city, region, company, research, association, ..."
    )
    country = serializers.CharField(read_only=True, source="country.code", help_text="ISO 3166-1 alpha-2")
    city = serializers.CharField(read_only=True)
    is_sme = serializers.BooleanField(read_only=True)
    website = serializers.CharField(read_only=True)
    joined_on = serializers.DateField(read_only=True)
    left_on = serializers.DateField(read_only=True, allow_null=True)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, read_only=True, allow_null=True)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, read_only=True, allow_null=True)
    page = LinkField("partners:detail", help_text="The partner's page on the platform.")


class PartnerRowListSerializer(serializers.ListSerializer):
    def to_representation(self, data) -> list[dict]:
        return self.child.represent(data)


class PartnerRowSerializer(PartnerSerializer):
    """The directory's rows, built straight from `.values()` rows (see PartnerViewSet), a page in one
    pass: field-by-field serialization of model instances costs about twenty times as much per row,
    and a call per row and per field took three times as long as building the dicts."""

    #: What a row is made of (`represent`).
    COLUMNS = (
        *("slug", "name", "kind", "country", "city", "is_sme", "website"),
        *("joined_on", "left_on", "latitude", "longitude"),
    )

    class Meta:
        list_serializer_class = PartnerRowListSerializer

    @cached_property
    def links(self) -> dict[str, LinkField]:
        """The two link fields, bound once per page: `self.fields` would copy all thirteen."""
        links = {name: copy.deepcopy(self._declared_fields[name]) for name in ("url", "page")}
        for name, field in links.items():
            field.bind(field_name=name, parent=self)
        return links

    def to_representation(self, row: dict) -> dict:
        return self.represent([row])[0]

    def represent(self, rows: Iterable[dict]) -> list[dict]:
        url, page = self.links["url"].to_representation, self.links["page"].to_representation
        return [
            {
                "url": url(row["slug"]),
                "slug": row["slug"],
                "name": row["name"],
                "kind": row["kind"],
                "country": row["country"],
                "city": row["city"],
                "is_sme": row["is_sme"],
                "website": row["website"],
                "joined_on": row["joined_on"] and row["joined_on"].isoformat(),
                "left_on": row["left_on"] and row["left_on"].isoformat(),
                "latitude": coordinate(row["latitude"]),
                "longitude": coordinate(row["longitude"]),
                "page": page(row["slug"]),
            }
            for row in rows
        ]


def coordinate(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.5f}"


class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text="An existing contact; none for a new one.")
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    role_title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    is_representative = serializers.BooleanField(required=False, default=False)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A profile",
            value={
                **PARTNER_EXAMPLE,
                "description": "Sweden's second city; runs the E-bus working group.",
                "staff_count": None,
                "turnover_eur_m": None,
                "balance_sheet_eur_m": None,
                "contacts": [
                    {
                        "id": 7,
                        "name": "Anna Berg",
                        "email": "anna.berg@example.org",
                        "role_title": "Mobility officer",
                        "is_representative": True,
                    }
                ],
            },
        )
    ]
)
class PartnerDetailSerializer(PartnerSerializer):
    description = serializers.CharField(read_only=True)
    staff_count = serializers.IntegerField(read_only=True, allow_null=True)
    turnover_eur_m = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    balance_sheet_eur_m = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    contacts = serializers.SerializerMethodField(
        help_text="The contact people; shown to the partner's representatives and coordinators only."
    )

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, partner: Partner) -> list[ContactSerializer]:
        request = self.context.get("request")
        if request is None or not represents(request.user, partner):
            return []
        return ContactSerializer(partner.people.order_by("name"), many=True).data


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Change the website and the contacts",
            value={
                "website": "https://goteborg.se/elbuss",
                "contacts": [
                    {
                        "id": 7,
                        "name": "Anna Berg",
                        "email": "anna.berg@example.org",
                        "is_representative": True,
                    },
                    {"name": "Erik Lund", "email": "erik.lund@example.org", "role_title": "Fleet manager"},
                ],
            },
            request_only=True,
        )
    ]
)
class PartnerUpdateSerializer(serializers.Serializer):
    """The profile fields a representative may change; `contacts`, when given, is the whole new list
    of contact people (existing ones by `id`; those left out are removed)."""

    name = serializers.CharField(max_length=200, required=False)
    city = serializers.CharField(max_length=120, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    is_sme = serializers.BooleanField(required=False)
    staff_count = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    turnover_eur_m = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    balance_sheet_eur_m = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, required=False, allow_null=True, min_value=-180, max_value=180
    )
    contacts = ContactSerializer(many=True, required=False)


def people_data(partner: Partner, contacts: list[dict] | None) -> list[PersonData] | None:
    """The API's contact list (the whole new list: existing people by `id`, those left out removed)
    as services.update_partner_profile takes it; None leaves the people as they are."""
    if contacts is None:
        return None
    given = {contact["id"] for contact in contacts if contact.get("id") is not None}
    removed = [
        PersonData(name=person.name, email=person.email, id=person.pk, delete=True)
        for person in partner.people.exclude(pk__in=given).order_by("pk")
    ]
    return [PersonData(**contact) for contact in contacts] + removed


@extend_schema_view(
    list=extend_schema(
        summary="The partner directory",
        description="Active partners, filtered as on /partners/ (the same filters), searchable with `q`.",
    ),
    retrieve=extend_schema(summary="A partner's profile"),
    partial_update=extend_schema(
        summary="Update the own organisation's profile and contacts",
        description="For the partner's representatives (token); the same rules as the edit page.",
        request=PartnerUpdateSerializer,
        responses={200: PartnerDetailSerializer},
    ),
)
class PartnerViewSet(ApiViewSet):
    filterset_class = PartnerFilter
    ordering_fields = ["name", "joined_on", "country"]
    ordering_expressions = {"name": NaturalOrder("name", "name_key")}
    cache_pages = True
    http_method_names = ["get", "head", "options", "patch"]

    def get_queryset(self) -> QuerySet:
        if self.action == "list":
            return Partner.objects.active().order_by(NaturalOrder("name", "name_key").asc(), "pk")
        return Partner.objects.all()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            # None of the columns is translated: plain rows, without modeltranslation's pass over each
            # row for language fallbacks.
            return queryset.raw_values(*PartnerRowSerializer.COLUMNS)
        return queryset

    def get_serializer_class(self):
        return PartnerRowSerializer if self.action == "list" else PartnerDetailSerializer

    def get_permissions(self):
        return [IsAuthenticated()] if self.action == "partial_update" else super().get_permissions()

    def partial_update(self, request, slug: str) -> Response:
        partner = get_object_or_404(Partner, slug=slug)
        if not represents(request.user, partner):
            raise exceptions.PermissionDenied(_("Only the partner's representatives may edit it."))
        body = PartnerUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        people = people_data(partner, changes.pop("contacts", None))
        try:
            services.update_partner_profile(partner=partner, changes=changes, people=people, by=request.user)
        except ServiceError as error:
            if error.field == "people":  # the people are the API's `contacts`
                raise ServiceError(error.message, reason=error.reason, field="contacts") from error
            raise
        partner = Partner.objects.get(pk=partner.pk)
        return Response(PartnerDetailSerializer(partner, context=self.get_serializer_context()).data)


GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "string", "description": "The slug of the partner or project."},
                    "geometry": {"type": "object", "nullable": True, "additionalProperties": True},
                    "properties": {"type": "object", "additionalProperties": True},
                },
            },
        },
    },
}


def geojson_responses(example: dict) -> dict:
    """The collection as GeoJSON, or as JSON to a client that asks for it: one schema, one example."""
    return {
        (200, media_type): {**GEOJSON_SCHEMA, "example": example}
        for media_type in ("application/geo+json", "application/json")
    }


class GeoJsonView(generics.GenericAPIView):
    """A FeatureCollection of a list's rows, with the list's filters; rows are read with .values()."""

    # GeoJSON, or the same document to a client that asks for JSON.
    renderer_classes = [GeoJsonRenderer, JSONRenderer]
    filter_backends = [StrictParameters, FilterBackend]
    pagination_class = None
    #: Read by core.api.ApiSchema: the list's filters are declared in the schema.
    feature_collection = True

    def features(self, queryset: QuerySet) -> list[dict]:
        raise NotImplementedError

    def get(self, request) -> HttpResponse:
        # The collection grows with the network: encoded once per filter until the data changes.
        def collection() -> dict:
            return {
                "type": "FeatureCollection",
                "features": self.features(self.filter_queryset(self.get_queryset())),
            }

        return cached_answer(self, request, collection)

    def finalize_response(self, request, response, *args, **kwargs):
        return conditional(request, super().finalize_response(request, response, *args, **kwargs))


def point(longitude, latitude) -> dict:
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


@extend_schema(
    tags=["partners"],
    summary="Partners as GeoJSON",
    description="Active partners with coordinates as a FeatureCollection of points; the directory's filters.",
    responses=geojson_responses(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "gothenburg",
                    "geometry": {"type": "Point", "coordinates": [11.97456, 57.70887]},
                    "properties": {
                        "slug": "gothenburg",
                        "name": "City of Gothenburg",
                        "kind": "city",
                        "country": "SE",
                    },
                }
            ],
        }
    ),
)
class PartnerGeoJsonView(GeoJsonView):
    filterset_class = PartnerFilter

    def get_queryset(self) -> QuerySet:
        return Partner.objects.active().filter(latitude__isnull=False).order_by("name", "pk")

    def features(self, queryset: QuerySet) -> list[dict]:
        return [
            {
                "type": "Feature",
                "id": row["slug"],
                "geometry": point(row.pop("longitude"), row.pop("latitude")),
                "properties": row,
            }
            for row in queryset.values("slug", "name", "kind", "country", "latitude", "longitude")
        ]
