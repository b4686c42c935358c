"""Monthly series of the metrics, each in one query whatever the number of months and rows.

Cities, SME share and new projects: one grouped query fetches a compact projection (how many
partners joined and left on which days, of which kinds; how many projects started on which day),
and the values on every date are read from sorted prefix sums by bisection. The projection has at
most one row per distinct combination of dates, so it stays small at 100,000 partners, and Python
does O(log n) work per month.

Collaborations: pairs cannot be summed from a projection (two partners are one pair however many
places they share), so the database counts them: one statement with one scalar subquery per date,
each the very pair query `metrics.active_collaborations` runs. One round trip, and the same SQL as
the metric function, so the series cannot disagree with it.

The series functions mirror the metric functions' definitions; tests check that they agree on
every date. `raw_inputs` gives, in the same way, the raw counts a daily snapshot stores
(kpis.snapshots), and `value_of` a metric's value from them.
"""

import calendar
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from itertools import accumulate

from django.db import connection, models
from django.db.models import Count, Q

from partners.models import CITY_KINDS, Partner
from projects.models import Project

from . import metrics
from .models import Metric


def month_ends(start: date, end: date) -> list[date]:
    """The dates a series shows: the start, every month-end between, and the end (just the end when
    it does not come after the start)."""
    if end <= start:
        return [end]
    days = [start]
    year, month = start.year, start.month
    while (day := date(year, month, calendar.monthrange(year, month)[1])) < end:
        if day > start:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [*days, end]


class Interval(models.TextChoices):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def series_dates(start: date, end: date, interval: str) -> list[date]:
    """The dates of a series from `start` to `end`: the start, every day, week's end (Sunday) or
    month's end between, and the end."""
    if interval == Interval.MONTH:
        return month_ends(start, end)
    if end <= start:
        return [end]
    step = 1 if interval == Interval.DAY else 7
    day = start + timedelta(days=1 if interval == Interval.DAY else 6 - start.weekday() or 7)
    days = [start]
    while day < end:
        days.append(day)
        day += timedelta(days=step)
    return [*days, end]


class ActiveCounter:
    """How many of a set of [start, end) intervals (end None: still open) cover a date, with weights."""

    def __init__(self, intervals: Iterable[tuple[date, date | None, int]]) -> None:
        intervals = list(intervals)
        starts = sorted((start, n) for start, _end, n in intervals)
        ends = sorted((end, n) for _start, end, n in intervals if end is not None)
        self._starts = [day for day, _n in starts]
        self._ends = [day for day, _n in ends]
        self._started = [0, *accumulate(n for _day, n in starts)]
        self._ended = [0, *accumulate(n for _day, n in ends)]

    def on(self, day: date) -> int:
        return self._started[bisect_right(self._starts, day)] - self._ended[bisect_right(self._ends, day)]


def _partner_counters(**kinds: Q) -> dict[str, ActiveCounter]:
    """One ActiveCounter per named filter over the partners, from one grouped query."""
    rows = list(
        Partner.objects.order_by()
        .values("joined_on", "left_on")
        .annotate(**{name: Count("id", filter=condition) for name, condition in kinds.items()})
    )
    return {
        name: ActiveCounter((row["joined_on"], row["left_on"], row[name]) for row in rows) for name in kinds
    }


def cities(dates: list[date], *, baseline: date, deadline: date | None) -> list[int]:
    counter = _partner_counters(cities=Q(kind__in=CITY_KINDS))["cities"]
    return [counter.on(day) for day in dates]


def sme_share(dates: list[date], *, baseline: date, deadline: date | None) -> list[float]:
    counters = _partner_counters(partners=Q(), smes=Q(is_sme=True))
    return [metrics.share(counters["smes"].on(day), counters["partners"].on(day)) for day in dates]


def active_collaborations(dates: list[date]) -> list[int]:
    """The number of active collaborations on each date, in one statement. The pair query is
    compiled once: its only varying parameter is the date (as the database adapts it), substituted
    for each date."""
    sql, template = metrics.pairs_sql(dates[0])
    count = f"(SELECT COUNT(*) FROM ({sql}) pairs)"  # noqa: S608 (see metrics.pairs_sql)
    compiled = connection.ops.adapt_datefield_value
    params = [compiled(day) if param == compiled(dates[0]) else param for day in dates for param in template]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join([count] * len(dates))}", params)
        return list(cursor.fetchone())


def collaboration_growth(dates: list[date], *, baseline: date, deadline: date | None) -> list[float | None]:
    baseline_count, *counts = active_collaborations([baseline, *dates])
    return [metrics.growth(count, baseline_count) for count in counts]


def new_projects(dates: list[date], *, baseline: date, deadline: date | None) -> list[int]:
    starts = (
        Project.objects.new_in_segments(baseline, deadline or max(dates))
        .order_by()
        .values_list("started_on")
        .annotate(n=Count("id"))
    )
    counter = ActiveCounter((started_on, None, n) for started_on, n in starts)
    return [counter.on(min(day, deadline) if deadline else day) for day in dates]


SeriesFunction = Callable[..., list]

#: Metric identifier -> the function computing its values on many dates at once.
SERIES: dict[str, SeriesFunction] = {
    Metric.CITIES: cities,
    Metric.SME_SHARE: sme_share,
    Metric.COLLABORATION_GROWTH: collaboration_growth,
    Metric.NEW_PROJECTS: new_projects,
}


# --- raw inputs: what a snapshot stores ------------------------------------------------------------


def _started_to_date(dates: list[date]) -> list[int]:
    """How many projects with a segment had started (first funded or running) on or before each date."""
    starts = (
        Project.objects.filter(segment__isnull=False, started_on__isnull=False)
        .order_by()
        .values_list("started_on")
        .annotate(n=Count("id"))
    )
    counter = ActiveCounter((started_on, None, n) for started_on, n in starts)
    return [counter.on(day) for day in dates]


#: Collaborations are counted with one scalar subquery per date: this many per statement.
PAIR_DATES_PER_STATEMENT = 100


def raw_inputs(metric: str, dates: list[date]) -> list[dict]:
    """The raw counts a metric's value on each date comes from, one query per metric (collaborations:
    one statement per PAIR_DATES_PER_STATEMENT dates). What kpis.snapshots stores as `inputs`, and
    computes live for the days it has no snapshot of."""
    if not dates:
        return []
    if metric == Metric.CITIES:
        counter = _partner_counters(cities=Q(kind__in=CITY_KINDS))["cities"]
        return [{"cities": counter.on(day)} for day in dates]
    if metric == Metric.SME_SHARE:
        counters = _partner_counters(partners=Q(), smes=Q(is_sme=True))
        return [{"smes": counters["smes"].on(day), "partners": counters["partners"].on(day)} for day in dates]
    if metric == Metric.COLLABORATION_GROWTH:
        step = PAIR_DATES_PER_STATEMENT
        pairs = [n for i in range(0, len(dates), step) for n in active_collaborations(dates[i : i + step])]
        return [{"pairs": n} for n in pairs]
    return [{"started": n} for n in _started_to_date(dates)]


def reference_day(metric: str, baseline: date) -> date | None:
    """The day whose inputs a metric measured from `baseline` is relative to: the baseline's pairs for
    the growth, the projects started before the baseline (its eve) for new projects."""
    if metric == Metric.COLLABORATION_GROWTH:
        return baseline
    if metric == Metric.NEW_PROJECTS:
        return baseline - timedelta(days=1)
    return None


def value_of(metric: str, inputs: dict, reference: dict | None) -> float | int | None:
    """A metric's value from its raw inputs on a date and on its reference day (see reference_day)."""
    if metric == Metric.CITIES:
        return inputs["cities"]
    if metric == Metric.SME_SHARE:
        return metrics.share(inputs["smes"], inputs["partners"])
    if metric == Metric.COLLABORATION_GROWTH:
        return metrics.growth(inputs["pairs"], reference["pairs"])
    return inputs["started"] - reference["started"]
