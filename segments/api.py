"""Segments and working groups in the API, and asking to join a group (through
services.request_group_membership, as on the group's page)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api import ApiViewSet, LinkField
from partners.access import person_of
from partners.models import Partner

from . import services
from .filters import WorkingGroupFilter
from .models import Segment, WorkingGroup


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "E-bus",
            value={
                "url": "https://ev4scc.eu/api/v1/segments/public-transport/",
                "slug": "public-transport",
                "name": "Smart electrification of public transport",
                "short_name": "Public transport",
                "description": "Electric buses and their charging.",
                "lead_city": "gothenburg",
                "lead_city_url": "https://ev4scc.eu/api/v1/partners/gothenburg/",
                "page": "https://ev4scc.eu/segments/public-transport/",
            },
        )
    ]
)
class SegmentSerializer(serializers.Serializer):
    url = LinkField("api:segment-detail")
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    lead_city = serializers.SlugField(read_only=True, source="lead_city.slug", allow_null=True, default=None)
    lead_city_url = LinkField("api:partner-detail", slug_source="lead_city.slug", allow_null=True)
    page = LinkField("segments:segment_detail")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "E-bus group",
            value={
                "url": "https://ev4scc.eu/api/v1/groups/e-bus/",
                "slug": "e-bus",
                "name": "E-bus",
                "segment": "public-transport",
                "segment_url": "https://ev4scc.eu/api/v1/segments/public-transport/",
                "admission": "request",
                "description": "Cities electrifying their bus fleets.",
                "formed_on": "2016-09-21",
                "member_count": 12,
                "page": "https://ev4scc.eu/groups/e-bus/",
            },
        )
    ]
)
class WorkingGroupSerializer(serializers.Serializer):
    url = LinkField("api:group-detail")
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    segment = serializers.SlugField(read_only=True, source="segment.slug")
    segment_url = LinkField("api:segment-detail", slug_source="segment.slug")
    admission = serializers.CharField(read_only=True, help_text="open or request")
    description = serializers.CharField(read_only=True)
    formed_on = serializers.DateField(read_only=True)
    member_count = serializers.IntegerField(read_only=True, help_text="Active members.")
    page = LinkField("segments:group_detail")


class MembershipRequestSerializer(serializers.Serializer):
    partner = serializers.SlugField(
        required=False, help_text="The partner asking (by slug); the token's own partner when left out."
    )
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Requested",
            value={"group": "e-bus", "partner": "aarhus", "status": "requested", "role": "member"},
            response_only=True,
        ),
        OpenApiExample("Ask to join", value={"message": "We run 40 e-buses."}, request_only=True),
    ]
)
class MembershipSerializer(serializers.Serializer):
    group = serializers.SlugField(read_only=True, source="group.slug")
    partner = serializers.SlugField(read_only=True, source="partner.slug")
    status = serializers.CharField(read_only=True, help_text="active (open group) or requested")
    role = serializers.CharField(read_only=True)


@extend_schema_view(
    list=extend_schema(summary="The market segments"), retrieve=extend_schema(summary="A market segment")
)
class SegmentViewSet(ApiViewSet):
    serializer_class = SegmentSerializer
    search_fields = ["name", "short_name", "description"]
    ordering_fields = ["position", "name"]

    def get_queryset(self) -> QuerySet:
        return Segment.objects.select_related("lead_city").order_by("position", "name")


@extend_schema_view(
    list=extend_schema(summary="The working groups", description="Filtered as on /groups/."),
    retrieve=extend_schema(summary="A working group"),
)
class WorkingGroupViewSet(ApiViewSet):
    serializer_class = WorkingGroupSerializer
    filterset_class = WorkingGroupFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "formed_on"]

    def get_queryset(self) -> QuerySet:
        return WorkingGroup.objects.select_related("segment").with_member_counts().order_by("name", "pk")

    def get_permissions(self):
        return [IsAuthenticated()] if self.action == "join" else super().get_permissions()

    @extend_schema(
        summary="Ask to join a working group",
        description="An open group admits at once; a group by request records a request for its lead.",
        request=MembershipRequestSerializer,
        responses={201: MembershipSerializer},
    )
    @action(detail=True, methods=["post"], url_path="membership-requests")
    def join(self, request, slug: str) -> Response:
        group = get_object_or_404(WorkingGroup, slug=slug)
        body = MembershipRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if "partner" in body.validated_data:
            partner = Partner.objects.filter(slug=body.validated_data["partner"]).first()
            if partner is None:
                raise serializers.ValidationError({"partner": ["No such partner."]})
        else:
            person = person_of(request.user)
            if person is None:
                raise serializers.ValidationError({"partner": ["Name the partner: this login has none."]})
            partner = person.partner
        membership = services.request_group_membership(
            group=group, partner=partner, by=request.user, message=body.validated_data["message"]
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)
