"""The public REST API, /api/v1/: one router with every app's viewsets, the GeoJSON lists, the
OpenAPI schema and its documentation UI (drf-spectacular, served from the sidecar's static files)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from core.api import ApiIndexView
from events.api import EventViewSet, NewsItemViewSet
from kpis.api import TargetViewSet
from partners import api_tokens
from partners.api import PartnerGeoJsonView, PartnerViewSet
from projects.api import CallViewSet, NeedViewSet, ProjectGeoJsonView, ProjectViewSet, SolutionViewSet
from segments.api import SegmentViewSet, WorkingGroupViewSet

app_name = "api"

router = SimpleRouter()
router.register("partners", PartnerViewSet, basename="partner")
router.register("segments", SegmentViewSet, basename="segment")
router.register("groups", WorkingGroupViewSet, basename="group")
router.register("projects", ProjectViewSet, basename="project")
router.register("calls", CallViewSet, basename="call")
router.register("events", EventViewSet, basename="event")
router.register("news", NewsItemViewSet, basename="news")
router.register("solutions", SolutionViewSet, basename="solution")
router.register("needs", NeedViewSet, basename="need")
router.register("targets", TargetViewSet, basename="target")

ApiIndexView.resources = {
    **{prefix: f"api:{basename}-list" for prefix, _viewset, basename in router.registry},
    "partners.geojson": "api:partners-geojson",
    "projects.geojson": "api:projects-geojson",
    "schema": "api:schema",
    "docs": "api:docs",
}

urlpatterns = [
    path("", ApiIndexView.as_view(), name="index"),
    path("partners.geojson", PartnerGeoJsonView.as_view(), name="partners-geojson"),
    path("projects.geojson", ProjectGeoJsonView.as_view(), name="projects-geojson"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
    path("token/", include(api_tokens.urlpatterns)),
    *router.urls,
]
