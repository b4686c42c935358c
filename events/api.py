"""Events and news in the API, and registering for an event (through services.register, as on the
event's page)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api import ApiViewSet, LinkField
from partners.access import person_of
from partners.models import Person

from . import services
from .filters import EventFilterSet
from .models import Event, NewsItem

SEGMENT_EXAMPLE = {
    "segment": "public-transport",
    "segment_url": "https://ev4scc.eu/api/v1/segments/public-transport/",
    "group": "e-bus",
    "group_url": "https://ev4scc.eu/api/v1/groups/e-bus/",
}


class SegmentAndGroup(serializers.Serializer):
    segment = serializers.SlugField(read_only=True, source="segment.slug", allow_null=True, default=None)
    segment_url = LinkField("api:segment-detail", slug_source="segment.slug", allow_null=True)
    group = serializers.SlugField(read_only=True, source="group.slug", allow_null=True, default=None)
    group_url = LinkField("api:group-detail", slug_source="group.slug", allow_null=True)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "E-bus meeting",
            value={
                "url": "https://ev4scc.eu/api/v1/events/e-bus-gothenburg-2016/",
                "slug": "e-bus-gothenburg-2016",
                "title": "E-bus meeting at Electro-mobility in Smart Cities",
                "kind": "meeting",
                "starts_at": "2016-09-21T09:00:00+02:00",
                "ends_at": "2016-09-22T17:00:00+02:00",
                "time_zone": "Europe/Stockholm",
                "venue": "Lindholmen Science Park",
                "city": "Gothenburg",
                "country": "SE",
                **SEGMENT_EXAMPLE,
                "capacity": 60,
                "seats_left": 12,
                "registration_open": True,
                "page": "https://ev4scc.eu/events/e-bus-gothenburg-2016/",
            },
        )
    ]
)
class EventSerializer(SegmentAndGroup):
    url = LinkField("api:event-detail")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    time_zone = serializers.CharField(read_only=True)
    venue = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True, source="country.code", help_text="ISO 3166-1 alpha-2")
    capacity = serializers.IntegerField(read_only=True, allow_null=True)
    seats_left = serializers.IntegerField(read_only=True, allow_null=True, help_text="None: no limit.")
    registration_open = serializers.BooleanField(read_only=True)
    page = LinkField("events:event_detail")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "News",
            value={
                "url": "https://ev4scc.eu/api/v1/news/e-freight-declaration/",
                "slug": "e-freight-declaration",
                "title": "Cities sign the e-freight declaration",
                "published_at": "2016-03-01T10:00:00+01:00",
                **SEGMENT_EXAMPLE,
                "event": None,
                "event_url": None,
                "project": None,
                "project_url": None,
                "body": "Twelve cities committed to e-freight.",
                "page": "https://ev4scc.eu/news/e-freight-declaration/",
            },
        )
    ]
)
class NewsItemSerializer(SegmentAndGroup):
    url = LinkField("api:news-detail")
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    event = serializers.SlugField(read_only=True, source="event.slug", allow_null=True, default=None)
    event_url = LinkField("api:event-detail", slug_source="event.slug", allow_null=True)
    project = serializers.SlugField(read_only=True, source="project.slug", allow_null=True, default=None)
    project_url = LinkField("api:project-detail", slug_source="project.slug", allow_null=True)
    body = serializers.CharField(read_only=True, help_text="Markdown.")
    page = LinkField("events:news_detail")


class RegistrationRequestSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        required=False,
        help_text="A colleague's contact id (see the partner's contacts); yourself when left out.",
    )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Confirmed",
            value={"event": "e-bus-gothenburg-2016", "person": 7, "status": "confirmed"},
            response_only=True,
        ),
        OpenApiExample("Register a colleague", value={"person": 7}, request_only=True),
    ]
)
class RegistrationSerializer(serializers.Serializer):
    event = serializers.SlugField(read_only=True, source="event.slug")
    person = serializers.IntegerField(read_only=True, source="person_id")
    status = serializers.CharField(
        read_only=True, help_text="confirmed, or waitlisted when the event is full"
    )


@extend_schema_view(
    list=extend_schema(summary="Events", description="Filtered as on /events/; upcoming first."),
    retrieve=extend_schema(summary="An event"),
)
class EventViewSet(ApiViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    search_fields = ["title", "city", "venue"]
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self) -> QuerySet:
        return Event.objects.select_related("segment", "group").with_seats().upcoming_first()

    def get_permissions(self):
        return [IsAuthenticated()] if self.action == "register" else super().get_permissions()

    @extend_schema(
        summary="Register for an event",
        description="Yourself or a colleague of your organisation; on the waiting list when the event "
        "is full.",
        request=RegistrationRequestSerializer,
        responses={201: RegistrationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="registrations")
    def register(self, request, slug: str) -> Response:
        event = get_object_or_404(Event, slug=slug)
        body = RegistrationRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if "person" in body.validated_data:
            person = Person.objects.filter(pk=body.validated_data["person"]).first()
            if person is None:
                raise serializers.ValidationError({"person": ["No such contact."]})
        else:
            person = person_of(request.user)
            if person is None:
                raise serializers.ValidationError({"person": ["Name the person: this login has none."]})
        registration = services.register(event=event, person=person, by=request.user)
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="News"), retrieve=extend_schema(summary="A news item"))
class NewsItemViewSet(ApiViewSet):
    serializer_class = NewsItemSerializer
    search_fields = ["title", "body"]
    ordering_fields = ["published_at", "title"]

    def get_queryset(self) -> QuerySet:
        return (
            NewsItem.objects.published()
            .select_related("segment", "group", "event", "project")
            .order_by("-published_at", "pk")
        )
