"""Where a target stands on a date: its series, progress, pace and forecast.

This is the one read path of the targets: the dashboard (and its CSV downloads), the public summary
(the home page and /targets/) and the API (/api/v1/targets/, its CSV and the series endpoint) all
show an `Assessment` made by `assess`, through the cached `kpis.cache.assessments`, so they cannot
disagree.

A target is judged on `judged_on = min(as_of, deadline)`: the date asked, or its deadline once that
has passed. A figure after the deadline does not count for the target: "50 cities by the end of
2017" is met or missed as it stood at the end of 2017, whatever came later. Before the baseline
date, the target is judged on the date asked (its series is that one date).

The forecast is the linear trend of the last 12 months: the least-squares slope through the
monthly values of the year before the evaluation date, continued from the current value. It gives
the value expected at the deadline (on track when that reaches the target) and the date the target
would be reached, or none ("not at this pace") when the trend is flat or falling.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Metric, Target
from .series import month_ends
from .snapshots import Values, needed_dates

DAYS_PER_MONTH = 365.25 / 12
#: How the dashboard writes a day, in its tables and on its charts' axes alike.
TABLE_DAY = "j M Y"
TREND_DAYS = 365


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def is_good(self) -> bool:
        return self in (Status.MET, Status.ON_TRACK)


STATUS_LABELS = {
    Status.MET: _("met"),
    Status.MISSED: _("missed"),
    Status.ON_TRACK: _("on track"),
    Status.OFF_TRACK: _("off track"),
    Status.UNKNOWN: _("not defined"),
}


@dataclass(frozen=True)
class Assessment:
    """A target's standing as asked on `as_of`, judged on `judged_on` (the earlier of `as_of` and the
    deadline). `dates` runs from the baseline date (or `judged_on` when that comes first) month-end by
    month-end to `judged_on`; `values[-1]` is the target's value, on `judged_on`."""

    target: Target
    #: The date asked for.
    as_of: date
    #: The date the value is judged on: min(as_of, deadline).
    judged_on: date
    dates: list[date]
    values: list[float | None]
    #: Per month, from the least-squares trend of the last 12 months; None without enough data.
    trend: float | None

    @property
    def value(self) -> float | None:
        return self.values[-1]

    @property
    def baseline_value(self) -> float | None:
        return self.values[0]

    @property
    def goal(self) -> float:
        return float(self.target.target_value)

    @property
    def percent(self) -> float | None:
        """Progress in percent of the target value (may pass 100)."""
        if self.value is None:
            return None
        return 100 * self.value / self.goal if self.goal else 100.0

    @property
    def bar_value(self) -> float:
        """The progress bar's value: the percentage within 0..100."""
        return min(max(self.percent or 0, 0), 100)

    @property
    def deadline_passed(self) -> bool:
        return self.as_of >= self.target.deadline

    @property
    def judged_on_deadline(self) -> bool:
        """Asked after the deadline: the value shown is the deadline's, not `as_of`'s."""
        return self.judged_on != self.as_of

    @property
    def months_left(self) -> float:
        return max((self.target.deadline - self.judged_on).days, 0) / DAYS_PER_MONTH

    @property
    def pace_so_far(self) -> float | None:
        """Change per month since the baseline."""
        months = (self.judged_on - self.dates[0]).days / DAYS_PER_MONTH
        if self.value is None or self.baseline_value is None or months <= 0:
            return None
        return (self.value - self.baseline_value) / months

    @property
    def pace_needed(self) -> float | None:
        """Change per month still needed to reach the target by the deadline (None when it is over)."""
        if self.value is None or self.deadline_passed or self.months_left <= 0:
            return None
        return max(self.goal - self.value, 0) / self.months_left

    @property
    def expected_at_deadline(self) -> float | None:
        if self.value is None or self.trend is None:
            return None
        return self.value + self.trend * self.months_left

    @property
    def reached_on(self) -> date | None:
        """The first series date the target was reached, or the date the trend would reach it."""
        for day, value in zip(self.dates, self.values, strict=True):
            if value is not None and value >= self.goal:
                return day
        if self.value is None or not self.trend or self.trend <= 0:
            return None
        months = (self.goal - self.value) / self.trend
        try:
            return self.judged_on + timedelta(days=round(months * DAYS_PER_MONTH))
        except OverflowError:
            return None

    @property
    def points(self) -> list[tuple[date, float | None]]:
        return list(zip(self.dates, self.values, strict=True))

    @property
    def chart_id(self) -> str:
        return f"chart-{self.target.pk}-data"

    def chart(self) -> dict:
        """What the chart draws: the series, the target line to the deadline and the trend after the
        evaluation date (JavaScript reads it through json_script)."""
        start = max(self.judged_on, self.target.baseline_date)
        ahead = [day for day in month_ends(start, self.target.deadline) if day > self.judged_on]
        trend = []
        if self.value is not None and self.trend is not None and ahead:
            trend = [None] * (len(self.dates) - 1) + [self.value]
            trend += [self.value + self.trend * (day - self.judged_on).days / DAYS_PER_MONTH for day in ahead]
        return {
            "title": str(self.target.get_metric_display()),
            "unit": self.target.unit,
            "labels": [day.isoformat() for day in [*self.dates, *ahead]],
            # The axis says the days as the table beside it does ("28 Jan 2016"), in the page's language.
            "days": [date_format(day, TABLE_DAY) for day in [*self.dates, *ahead]],
            "values": self.values,
            "target": self.goal,
            "trend": trend,
            "names": {"values": str(_("Value")), "target": str(_("Target")), "trend": str(_("Trend"))},
        }

    @property
    def status(self) -> Status:
        if self.value is None:
            return Status.UNKNOWN
        if self.value >= self.goal:
            return Status.MET
        if self.deadline_passed:
            return Status.MISSED
        expected = self.expected_at_deadline
        return Status.ON_TRACK if expected is not None and expected >= self.goal else Status.OFF_TRACK


def trend_per_month(dates: list[date], values: list[float | None]) -> float | None:
    """The least-squares slope, per month, of the values in the last 12 months of the series."""
    since = dates[-1].toordinal() - TREND_DAYS
    points = [
        (day.toordinal(), value)
        for day, value in zip(dates, values, strict=True)
        if day.toordinal() >= since and value is not None
    ]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope_per_day = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope_per_day * DAYS_PER_MONTH


def judged_on(target: Target, as_of: date) -> date:
    """The date a target is judged on when asked on `as_of`: a figure after the deadline does not
    count for the target."""
    return min(as_of, target.deadline)


def assess(target: Target, as_of: date, values: Values | None = None) -> Assessment:
    """The target's standing asked on `as_of`, judged on min(as_of, deadline): its month-end values
    read from the daily snapshots (kpis.snapshots), the dates without one computed live."""
    day = judged_on(target, as_of)
    dates = month_ends(target.baseline_date, day)
    return assessment_on(target, as_of, dates, values)


def assessment_on(target: Target, as_of: date, dates: list[date], values: Values | None = None) -> Assessment:
    """The target's standing with its series on the given dates (the last is the date judged on)."""
    baseline = target.baseline_date
    if values is None:
        values = Values({target.metric: needed_dates(target.metric, dates, baseline=baseline)})
    series_values = values.values(target.metric, dates, baseline=baseline)
    return Assessment(
        target=target,
        as_of=as_of,
        judged_on=dates[-1],
        dates=dates,
        values=series_values,
        trend=trend_per_month(dates, series_values),
    )


def ordered_targets() -> list[Target]:
    """Every target, by deadline, then in the order the metrics are defined."""
    return sorted(Target.objects.all(), key=lambda t: (t.deadline, Metric.values.index(t.metric)))


def assess_all(as_of: date) -> list[Assessment]:
    """Every target's standing on a date: the snapshots of every target read in one query."""
    targets = ordered_targets()
    wanted: dict[str, set[date]] = {}
    for target in targets:
        dates = month_ends(target.baseline_date, judged_on(target, as_of))
        wanted.setdefault(target.metric, set()).update(
            needed_dates(target.metric, dates, baseline=target.baseline_date)
        )
    values = Values(wanted)
    return [assess(target, as_of, values) for target in targets]
