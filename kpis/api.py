"""The network's targets in the API: each target's value on any date (computed by kpis.metrics, as
the dashboard's), and a metric's monthly series (kpis.series)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import exceptions, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import CsvRenderer, StrictParameters, conditional

from .metrics import METRICS
from .models import Metric, Target
from .series import SERIES, month_ends

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The date the values are computed for (YYYY-MM-DD); today by default.",
)


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])


def as_of_date(request) -> date:
    """The `as_of` query parameter; a malformed one is a 400 naming it."""
    StrictParameters.check(request, {"as_of", "format"})
    # A plain dict: from a QueryDict, an empty `as_of=` would count as left out rather than malformed.
    params = AsOfSerializer(data=request.query_params.dict())
    params.is_valid(raise_exception=True)
    return params.validated_data.get("as_of") or timezone.localdate()


TARGET_EXAMPLE = {
    "metric": "cities",
    "label": "Cities and regions joined",
    "unit": "count",
    "target_value": 50.0,
    "current_value": 31.0,
    "progress": 62.0,
    "baseline_date": "2016-01-28",
    "deadline": "2017-12-31",
    "as_of": "2017-06-30",
    "series": "https://ev4scc.eu/api/v1/targets/cities/series/",
}


class TargetSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=Metric.choices)
    label = serializers.CharField()
    unit = serializers.CharField(help_text="count or percent")
    target_value = serializers.FloatField()
    current_value = serializers.FloatField(allow_null=True, help_text="None where the metric is not defined.")
    progress = serializers.FloatField(allow_null=True, help_text="current_value / target_value, in percent.")
    baseline_date = serializers.DateField()
    deadline = serializers.DateField()
    as_of = serializers.DateField()
    series = serializers.URLField()


class PointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.FloatField(allow_null=True)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Cities by month",
            value={
                "metric": "cities",
                "unit": "count",
                "target_value": 50.0,
                "baseline_date": "2016-01-28",
                "deadline": "2017-12-31",
                "as_of": "2016-03-31",
                "points": [
                    {"date": "2016-01-28", "value": 19.0},
                    {"date": "2016-01-31", "value": 19.0},
                    {"date": "2016-02-29", "value": 21.0},
                    {"date": "2016-03-31", "value": 22.0},
                ],
            },
        )
    ]
)
class SeriesSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=Metric.choices)
    unit = serializers.CharField()
    target_value = serializers.FloatField()
    baseline_date = serializers.DateField()
    deadline = serializers.DateField()
    as_of = serializers.DateField()
    points = PointSerializer(many=True, help_text="The baseline date, each month's end, and `as_of`.")


def number(value) -> float | None:
    return None if value is None else round(float(value), 2)


# Targets are few (one per metric and deadline): the list is not paginated.
class TargetViewSet(viewsets.ViewSet):
    lookup_field = "metric"
    lookup_value_regex = r"[^/]+"

    def get_renderers(self) -> list:
        if self.action in ("list", None):
            return [renderers.JSONRenderer(), CsvRenderer()]
        return [renderers.JSONRenderer()]

    @extend_schema(
        summary="The targets and where they stand",
        description="Each target's value on `as_of`, computed from the dated facts (as the KPI dashboard).",
        parameters=[AS_OF],
        responses={200: TargetSerializer(many=True)},
        examples=[OpenApiExample("The cities target", value=TARGET_EXAMPLE)],
    )
    def list(self, request) -> Response:
        as_of = as_of_date(request)
        rows = []
        for target in Target.objects.order_by("deadline", "metric"):
            value = METRICS[target.metric](as_of, baseline=target.baseline_date, deadline=target.deadline)
            goal = float(target.target_value)
            rows.append(
                {
                    "metric": target.metric,
                    "label": str(target.get_metric_display()),
                    "unit": target.unit,
                    "target_value": goal,
                    "current_value": number(value),
                    "progress": number(100 * value / goal) if value is not None and goal else None,
                    "baseline_date": target.baseline_date,
                    "deadline": target.deadline,
                    "as_of": as_of,
                    "series": request.build_absolute_uri(reverse("api:target-series", args=[target.metric])),
                }
            )
        return Response(TargetSerializer(rows, many=True).data)

    @extend_schema(
        summary="A metric's monthly series",
        description="The metric's value from its target's baseline date to `as_of` (at most the deadline), "
        "month by month. With several targets for one metric, the one with the latest deadline.",
        parameters=[AS_OF, OpenApiParameter("metric", str, OpenApiParameter.PATH, enum=Metric.values)],
        responses={200: SeriesSerializer},
    )
    @action(detail=True, methods=["get"])
    def series(self, request, metric: str) -> Response:
        as_of = as_of_date(request)
        target = Target.objects.filter(metric=metric).order_by("-deadline").first()
        if target is None:
            raise exceptions.NotFound("No target for this metric.")
        end = max(min(as_of, target.deadline), target.baseline_date)
        dates = month_ends(target.baseline_date, end)
        values = SERIES[metric](dates, baseline=target.baseline_date, deadline=target.deadline)
        return Response(
            SeriesSerializer(
                {
                    "metric": metric,
                    "unit": target.unit,
                    "target_value": float(target.target_value),
                    "baseline_date": target.baseline_date,
                    "deadline": target.deadline,
                    "as_of": as_of,
                    "points": [
                        {"date": day, "value": number(v)} for day, v in zip(dates, values, strict=True)
                    ],
                }
            ).data
        )

    def finalize_response(self, request, response, *args, **kwargs):
        return conditional(request, super().finalize_response(request, response, *args, **kwargs))
