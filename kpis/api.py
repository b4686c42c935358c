"""The network's targets in the API: each target's standing on any date, and a metric's monthly
series. Both serialise the very `kpis.progress.Assessment` the dashboard and the public summary show
(read through `kpis.cache.assessments`), so the API and the pages cannot disagree. A target is judged
on `judged_on = min(as_of, deadline)`: a figure after the deadline does not count for the target."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import StrictParameters, conditional, read_renderers

from . import cache
from .models import Metric
from .progress import Assessment
from .series import Interval, series_dates

JUDGED = (
    "A target is judged on `judged_on`, the earlier of `as_of` and its deadline: a figure after the "
    "deadline does not count for the target (asked after the deadline, the answer is the target as it "
    "stood on its deadline). The values are those of the KPI dashboard and the public summary."
)

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The date asked for (YYYY-MM-DD); today by default. Each target is judged on the earlier "
    "of this date and its deadline (`judged_on`).",
)


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])


#: At most this many points in one series answer.
MAX_POINTS = 1000


class RangeSerializer(AsOfSerializer):
    """The series endpoint's range: `from` and `to` (the same as `as_of`), and the spacing."""

    to = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    interval = serializers.ChoiceField(choices=Interval.values, required=False, default=Interval.MONTH)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
        return fields

    def validate(self, data: dict) -> dict:
        if "as_of" in data and "to" in data:
            raise serializers.ValidationError({"to": ["Give `to` or `as_of`, not both: they are the same."]})
        if "from" in data and data["from"] > data.get("to", data.get("as_of", timezone.localdate())):
            raise serializers.ValidationError({"from": ["`from` comes on or before `to`."]})
        return data


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
    "judged_on": "2017-06-30",
    "status": "off_track",
}


def number(value) -> float | None:
    return None if value is None else round(float(value), 2)


class RoundedField(serializers.FloatField):
    """A metric's value to two decimals; None where it is not defined."""

    def to_representation(self, value) -> float | None:
        return number(value)


# Each field reads the Assessment (kpis.progress): the API adds no computation of its own.
# New fields go at the end, so the CSV's columns keep their places.
class TargetSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(source="target.metric", choices=Metric.choices)
    label = serializers.CharField(source="target.get_metric_display")
    unit = serializers.CharField(source="target.unit", help_text="count or percent")
    target_value = serializers.FloatField(source="goal")
    current_value = RoundedField(
        source="value",
        allow_null=True,
        help_text="The value on `judged_on` (not on `as_of` once the deadline has passed); "
        "None where the metric is not defined.",
    )
    progress = RoundedField(
        source="percent", allow_null=True, help_text="current_value / target_value, in percent."
    )
    baseline_date = serializers.DateField(source="target.baseline_date")
    deadline = serializers.DateField(source="target.deadline")
    as_of = serializers.DateField(help_text="The date asked for.")
    series = serializers.SerializerMethodField()
    judged_on = serializers.DateField(
        help_text="The date the value is judged on: the earlier of `as_of` and the deadline."
    )
    # A plain string, as the other `status` fields of the API (an enum would be named StatusEnum).
    status = serializers.CharField(
        help_text="met, missed, on_track, off_track or unknown, as the dashboard shows it: met when "
        "current_value reaches target_value; otherwise missed once the deadline has passed, and before "
        "it on_track or off_track by the linear trend of the last 12 months; unknown where the value "
        "is not defined.",
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_series(self, assessment: Assessment) -> str:
        url = reverse("api:target-series", args=[assessment.target.metric])
        return self.context["request"].build_absolute_uri(url)


class PointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = RoundedField(allow_null=True)


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
                "judged_on": "2016-03-31",
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
    metric = serializers.ChoiceField(source="target.metric", choices=Metric.choices)
    unit = serializers.CharField(source="target.unit")
    target_value = serializers.FloatField(source="goal")
    baseline_date = serializers.DateField(source="target.baseline_date")
    deadline = serializers.DateField(source="target.deadline")
    as_of = serializers.DateField(help_text="The date asked for.")
    points = serializers.SerializerMethodField(
        help_text="The baseline date, each month's end, and `judged_on` (just `judged_on` when it "
        "comes before the baseline date); the last point is the target's value."
    )
    judged_on = serializers.DateField(
        help_text="The date the series ends on: the earlier of `as_of` and the deadline."
    )
    interval = serializers.SerializerMethodField(help_text="day, week or month: the spacing of the points.")

    def get_interval(self, assessment: Assessment) -> str:
        return self.context.get("interval", Interval.MONTH)

    @extend_schema_field(PointSerializer(many=True))
    def get_points(self, assessment: Assessment) -> list[dict]:
        points = [{"date": day, "value": value} for day, value in assessment.points]
        return PointSerializer(points, many=True).data


# Targets are few (one per metric and deadline): the list is not paginated.
class TargetViewSet(viewsets.ViewSet):
    lookup_field = "metric"
    lookup_value_regex = r"[^/]+"

    def get_renderers(self) -> list:
        return read_renderers(self)

    @extend_schema(
        summary="The targets and where they stand",
        description=f"Each target's standing asked on `as_of`. {JUDGED}",
        parameters=[AS_OF],
        responses={200: TargetSerializer(many=True)},
        examples=[OpenApiExample("The cities target", value=TARGET_EXAMPLE)],
    )
    def list(self, request) -> Response:
        # By deadline, then metric identifier: the API's order since its first version.
        assessments = sorted(
            cache.assessments(as_of_date(request)), key=lambda a: (a.target.deadline, a.target.metric)
        )
        return Response(TargetSerializer(assessments, many=True, context={"request": request}).data)

    @extend_schema(
        summary="A metric's series, by day, week or month",
        description="The target's values from its baseline date (or `from`) to `judged_on`: by default "
        "month by month, the series the dashboard charts; `interval=day` or `week` for finer points "
        f"(at most {MAX_POINTS}). Past days are read from the daily snapshots, days after the last "
        "snapshot computed live: the values are the dashboard's on every date. With several targets "
        f"for one metric, the one with the latest deadline. {JUDGED}",
        parameters=[
            AS_OF,
            OpenApiParameter(
                "from",
                OpenApiTypes.DATE,
                description="The first date (YYYY-MM-DD); the baseline date by default.",
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.DATE,
                description="The last date asked (YYYY-MM-DD), the same as `as_of`; today by default.",
            ),
            OpenApiParameter(
                "interval",
                str,
                enum=Interval.values,
                description="The spacing of the points after `from`: day, week (each Sunday) or month "
                "(each month's end); month by default. The last point is always `judged_on`.",
            ),
            OpenApiParameter("metric", str, OpenApiParameter.PATH, enum=Metric.values),
        ],
        responses={200: SeriesSerializer},
    )
    @action(detail=True, methods=["get"])
    def series(self, request, metric: str) -> Response:
        StrictParameters.check(request, {"as_of", "to", "from", "interval", "format"})
        params = RangeSerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        data = params.validated_data
        as_of = data.get("to") or data.get("as_of") or timezone.localdate()
        interval = data["interval"]
        assessments = [a for a in cache.assessments(as_of) if a.target.metric == metric]
        if not assessments:
            raise exceptions.NotFound("No target for this metric.")
        latest = max(assessments, key=lambda a: a.target.deadline)
        if "from" in data or interval != Interval.MONTH:
            start = data.get("from") or latest.target.baseline_date
            dates = series_dates(min(start, latest.judged_on), latest.judged_on, interval)
            if len(dates) > MAX_POINTS:
                raise exceptions.ValidationError(
                    {"interval": [f"At most {MAX_POINTS} points: narrow the range or widen the interval."]}
                )
            latest = cache.series(latest.target, as_of, dates)
        return Response(SeriesSerializer(latest, context={"interval": interval}).data)

    def finalize_response(self, request, response, *args, **kwargs):
        return conditional(request, super().finalize_response(request, response, *args, **kwargs))
