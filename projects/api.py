"""Funding calls, projects, and the marketplace's solutions and needs in the API, plus the projects
as GeoJSON (/api/v1/projects.geojson: each project at its active participants' locations)."""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import serializers

from core.api import ApiViewSet, LinkField
from partners.api import GeoJsonView, geojson_responses

from .filters import NeedFilter, ProjectFilter, SolutionFilter
from .models import FundingCall, Need, Participation, ParticipationStatus, Project, Solution

SEGMENT_LINK = {"slug_source": "segment.slug", "allow_null": True}


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "GV8-2017",
            value={
                "url": "https://ev4scc.eu/api/v1/calls/GV8-2017/",
                "identifier": "GV8-2017",
                "programme": "Horizon 2020",
                "title": "Urban freight electrification",
                "deadline": "2017-02-01",
                "call_page": "https://ec.europa.eu/calls/gv8-2017",
            },
        )
    ]
)
class CallSerializer(serializers.Serializer):
    url = LinkField("api:call-detail", slug_source="identifier", lookup="identifier")
    identifier = serializers.CharField(read_only=True)
    programme = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    deadline = serializers.DateField(read_only=True)
    call_page = serializers.CharField(read_only=True, source="url", help_text="The call's own page.")


class ParticipantSerializer(serializers.Serializer):
    partner = serializers.SlugField(read_only=True, source="partner.slug")
    partner_url = LinkField("api:partner-detail", slug_source="partner.slug")
    role = serializers.CharField(read_only=True, help_text="coordinator, partner or associated")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "An e-freight consortium",
            value={
                "url": "https://ev4scc.eu/api/v1/projects/e-freight-consortium/",
                "slug": "e-freight-consortium",
                "title": "E-freight consortium",
                "status": "proposed",
                "segment": "urban-logistics",
                "segment_url": "https://ev4scc.eu/api/v1/segments/urban-logistics/",
                "call": "GV8-2017",
                "call_url": "https://ev4scc.eu/api/v1/calls/GV8-2017/",
                "started_on": "2016-06-01",
                "ended_on": None,
                "summary": "Freight operators with cities.",
                "participants": [
                    {
                        "partner": "aarhus",
                        "partner_url": "https://ev4scc.eu/api/v1/partners/aarhus/",
                        "role": "coordinator",
                    }
                ],
                "page": "https://ev4scc.eu/projects/e-freight-consortium/",
            },
        )
    ]
)
class ProjectSerializer(serializers.Serializer):
    url = LinkField("api:project-detail")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="idea, proposed, running, completed, ...")
    segment = serializers.SlugField(read_only=True, source="segment.slug", allow_null=True, default=None)
    segment_url = LinkField("api:segment-detail", **SEGMENT_LINK)
    call = serializers.CharField(read_only=True, source="call.identifier", allow_null=True, default=None)
    call_url = LinkField(
        "api:call-detail", slug_source="call.identifier", lookup="identifier", allow_null=True
    )
    started_on = serializers.DateField(read_only=True, allow_null=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)
    summary = serializers.CharField(read_only=True)
    participants = ParticipantSerializer(
        many=True, read_only=True, source="active_participations", help_text="The active participants."
    )
    page = LinkField("projects:project_detail")


class MarketplaceFields(serializers.Serializer):
    segment = serializers.SlugField(read_only=True, source="segment.slug")
    segment_url = LinkField("api:segment-detail", slug_source="segment.slug")
    created_at = serializers.DateTimeField(read_only=True)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Smart depot charging",
            value={
                "url": "https://ev4scc.eu/api/v1/solutions/smart-depot-charging/",
                "slug": "smart-depot-charging",
                "title": "Smart depot charging",
                "provider": "voltgrid",
                "provider_url": "https://ev4scc.eu/api/v1/partners/voltgrid/",
                "segment": "public-transport",
                "segment_url": "https://ev4scc.eu/api/v1/segments/public-transport/",
                "summary": "Overnight charging scheduled against grid prices.",
                "evidence": "Runs for 120 buses in Gothenburg since 2016.",
                "vehicles": 120,
                "charge_points": 60,
                "tested_in": "gothenburg",
                "tested_in_url": "https://ev4scc.eu/api/v1/partners/gothenburg/",
                "project": None,
                "project_url": None,
                "created_at": "2016-10-01T09:00:00+02:00",
                "page": "https://ev4scc.eu/solutions/smart-depot-charging/",
            },
        )
    ]
)
class SolutionSerializer(MarketplaceFields):
    url = LinkField("api:solution-detail")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    provider = serializers.SlugField(read_only=True, source="provider.slug")
    provider_url = LinkField("api:partner-detail", slug_source="provider.slug")
    summary = serializers.CharField(read_only=True)
    evidence = serializers.CharField(read_only=True)
    vehicles = serializers.IntegerField(read_only=True, allow_null=True)
    charge_points = serializers.IntegerField(read_only=True, allow_null=True)
    tested_in = serializers.SlugField(read_only=True, source="tested_in.slug", allow_null=True, default=None)
    tested_in_url = LinkField("api:partner-detail", slug_source="tested_in.slug", allow_null=True)
    project = serializers.SlugField(read_only=True, source="project.slug", allow_null=True, default=None)
    project_url = LinkField("api:project-detail", slug_source="project.slug", allow_null=True)
    page = LinkField("projects:solution_detail")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Charging for e-taxis",
            value={
                "url": "https://ev4scc.eu/api/v1/needs/charging-for-e-taxis/",
                "slug": "charging-for-e-taxis",
                "title": "Charging for e-taxis",
                "city": "tartu",
                "city_url": "https://ev4scc.eu/api/v1/partners/tartu/",
                "segment": "infrastructure",
                "segment_url": "https://ev4scc.eu/api/v1/segments/infrastructure/",
                "description": "Fast chargers at taxi ranks.",
                "timeline": "tender in 2018",
                "budget_min_eur": 200000,
                "budget_max_eur": 500000,
                "status": "open",
                "created_at": "2017-03-01T09:00:00+01:00",
                "page": "https://ev4scc.eu/needs/charging-for-e-taxis/",
            },
        )
    ]
)
class NeedSerializer(MarketplaceFields):
    url = LinkField("api:need-detail")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    city = serializers.SlugField(read_only=True, source="city.slug")
    city_url = LinkField("api:partner-detail", slug_source="city.slug")
    description = serializers.CharField(read_only=True)
    timeline = serializers.CharField(read_only=True)
    budget_min_eur = serializers.IntegerField(read_only=True, allow_null=True)
    budget_max_eur = serializers.IntegerField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True, help_text="open or closed")
    page = LinkField("projects:need_detail")


def active_participations() -> Prefetch:
    participations = (
        Participation.objects.filter(status=ParticipationStatus.ACTIVE)
        .select_related("partner")
        .order_by("role", "partner__name")
    )
    return Prefetch("participations", queryset=participations, to_attr="active_participations")


@extend_schema_view(
    list=extend_schema(summary="Funding calls"), retrieve=extend_schema(summary="A funding call")
)
class CallViewSet(ApiViewSet):
    serializer_class = CallSerializer
    lookup_field = "identifier"
    lookup_value_regex = r"[^/]+"
    search_fields = ["identifier", "title", "programme"]
    ordering_fields = ["deadline", "identifier"]

    def get_queryset(self) -> QuerySet:
        return FundingCall.objects.order_by("-deadline", "pk")


@extend_schema_view(
    list=extend_schema(summary="Projects and consortia", description="Filtered as on /projects/."),
    retrieve=extend_schema(summary="A project"),
)
class ProjectViewSet(ApiViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["title", "started_on"]

    def get_queryset(self) -> QuerySet:
        return (
            Project.objects.select_related("segment", "call")
            .prefetch_related(active_participations())
            .order_by("-started_on", "title", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Tested solutions", description="Filtered as on /solutions/."),
    retrieve=extend_schema(summary="A tested solution"),
)
class SolutionViewSet(ApiViewSet):
    serializer_class = SolutionSerializer
    filterset_class = SolutionFilter
    ordering_fields = ["title", "created_at"]

    def get_queryset(self) -> QuerySet:
        return Solution.objects.select_related("provider", "segment", "tested_in", "project").order_by(
            "title", "pk"
        )


@extend_schema_view(
    list=extend_schema(summary="Cities' needs", description="Filtered as on /needs/."),
    retrieve=extend_schema(summary="A city's need"),
)
class NeedViewSet(ApiViewSet):
    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    ordering_fields = ["title", "created_at"]

    def get_queryset(self) -> QuerySet:
        return Need.objects.select_related("city", "segment").order_by("-created_at", "title", "pk")


@extend_schema(
    tags=["projects"],
    summary="Projects as GeoJSON",
    description="Each project as a MultiPoint at its active participants' locations (geometry null when "
    "none has coordinates); the project list's filters.",
    responses=geojson_responses(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "e-freight-consortium",
                    "geometry": {"type": "MultiPoint", "coordinates": [[10.2039, 56.1629]]},
                    "properties": {"slug": "e-freight-consortium", "title": "E-freight consortium"},
                }
            ],
        }
    ),
)
class ProjectGeoJsonView(GeoJsonView):
    filterset_class = ProjectFilter

    def get_queryset(self) -> QuerySet:
        return Project.objects.order_by("-started_on", "title", "pk")

    def features(self, queryset: QuerySet) -> list[dict]:
        places = defaultdict(list)
        located = (
            Participation.objects.filter(
                project__in=queryset.values("pk"),
                status=ParticipationStatus.ACTIVE,
                partner__latitude__isnull=False,
            )
            .order_by("partner__name")
            .values_list("project_id", "partner__longitude", "partner__latitude")
        )
        for project_id, longitude, latitude in located:
            places[project_id].append([float(longitude), float(latitude)])
        features = []
        for pk, slug, title, status, segment in queryset.values_list(
            "pk", "slug", "title", "status", "segment__slug"
        ):
            coordinates = places.get(pk)
            features.append(
                {
                    "type": "Feature",
                    "id": slug,
                    "geometry": {"type": "MultiPoint", "coordinates": coordinates} if coordinates else None,
                    "properties": {"slug": slug, "title": title, "status": status, "segment": segment},
                }
            )
        return features
