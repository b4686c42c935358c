"""Daily metric snapshots: the value of every metric at the end of each day, stored once the day is
over, so a series is read in one indexed query instead of being recomputed from the whole history.

- `fill()` stores the days that have no snapshot yet, up to yesterday: Celery beat runs it every night
  (`kpis.tasks.snapshot_metrics`), `python manage.py snapshot_kpis` on demand.
- `Values` reads the snapshots of the dates a reader needs (every target's, one query) and computes
  live, from the raw history, the dates it has none of (today, days after the last snapshot).
- A snapshot is never changed by the present: memberships and participations keep every period and
  a project's start is the day it was first funded or running, so a past day's value stays. Only an
  explicit, audited correction changes the past; it sends `history_corrected`, and `invalidate`
  deletes the snapshots from the corrected date on and queues their recomputation.
- `verify_kpis` recomputes every month-end from the raw history with the reference functions of
  kpis.metrics and compares.
- Today is not over, so its snapshots are provisional: the first reader who finds none current
  computes them and stores them with the facts version (kpis.facts) they were computed on; a change to
  the facts makes them stale and queues `refresh_today`. The night replaces them with final rows.
- The breakdowns of the dashboard (kpis.breakdowns) are kept the same way, as raw counts.

What is stored is the raw counts (`inputs`: cities; SMEs and partners; pairs; projects started to
date), from which a target with any baseline derives its value (series.value_of), and the metric's
value measured from the launch (`value`), as kpis.metrics defines it.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partners.models import LAUNCH_DATE

from . import facts, series
from .breakdowns import BREAKDOWNS, Rows
from .models import BreakdownSnapshot, DaySnapshot, Metric, MetricSnapshot, Target

#: Snapshots run from the eve of the launch (new projects are counted from it).
FIRST_DAY = LAUNCH_DATE - timedelta(days=1)
#: Days computed and stored per batch by `fill`.
BATCH_DAYS = 366
#: How long today's provisional snapshot is trusted without a change to the facts: a write that sends
#: no signal (a bulk load, QuerySet.update) shows after this long, as in the cache (core.versions).
#: Celery beat refreshes them more often (kpis.tasks.refresh_today), so readers rarely compute them.
PROVISIONAL_SECONDS = 300


def is_current(facts_version: int | None, computed_at: datetime, version: int | None) -> bool:
    """A final snapshot, or a provisional one computed on the current facts not too long ago."""
    if facts_version is None:
        return True
    return facts_version == version and computed_at > timezone.now() - timedelta(seconds=PROVISIONAL_SECONDS)


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def last_complete_day() -> date:
    """The last day that is over: a day's snapshot is taken only once nothing can still happen on it."""
    return timezone.localdate() - timedelta(days=1)


def launch_value(metric: str, inputs: dict, launch_inputs: dict | None) -> float | int | None:
    return series.value_of(metric, inputs, launch_inputs)


def series_days(since: date, until: date) -> list[date]:
    """The days the targets' monthly series read between two dates: the month-ends, and each target's
    baseline and reference day (kpis.progress.assess)."""
    days = set(series.month_ends(since, until))
    for target in Target.objects.all():
        days |= needed_dates(target.metric, [target.baseline_date], baseline=target.baseline_date)
    return sorted(day for day in days if since <= day <= until)


def fill(*, since: date | None = None, until: date | None = None, month_ends_only: bool = False) -> int:
    """Store the snapshots of every metric and breakdown missing between `since` (the launch's eve by
    default) and `until` (at most yesterday), in batches; returns how many were stored. Running it
    again stores nothing new; rows a concurrent run stored first are kept (the unique constraint
    decides). `month_ends_only` stores only the days the targets' monthly series read (series_days),
    for a quick start on a large history."""
    until = min(until or last_complete_day(), last_complete_day())
    since = max(since or FIRST_DAY, FIRST_DAY)
    days = series_days(since, until) if month_ends_only else days_between(since, until)
    # A provisional row of a day that is over gives way to the final one.
    for model in (MetricSnapshot, BreakdownSnapshot):
        model.objects.filter(date__lte=until, facts_version__isnull=False).delete()
    stored = 0
    for metric in Metric.values:
        reference = series.reference_day(metric, LAUNCH_DATE)
        reference_inputs = series.raw_inputs(metric, [reference])[0] if reference else None
        make = partial(_metric_snapshots, metric, reference_inputs)
        stored += _store_missing(MetricSnapshot.objects.filter(metric=metric), days, make)
    for name in BREAKDOWNS:
        stored += _store_missing(
            BreakdownSnapshot.objects.filter(name=name), days, partial(_breakdown_snapshots, name)
        )
    return stored


def _metric_snapshots(metric: str, reference_inputs: dict | None, days: list[date]) -> list[MetricSnapshot]:
    return [
        MetricSnapshot(
            metric=metric, date=day, value=launch_value(metric, inputs, reference_inputs), inputs=inputs
        )
        for day, inputs in zip(days, series.raw_inputs(metric, days), strict=True)
    ]


def _breakdown_snapshots(name: str, days: list[date]) -> list[BreakdownSnapshot]:
    return [BreakdownSnapshot(name=name, date=day, rows=BREAKDOWNS[name].count(day)) for day in days]


def _store_missing(existing: QuerySet, days: list[date], make: Callable[[list[date]], list]) -> int:
    """Store `make(batch)` for the `days` that `existing` lacks, BATCH_DAYS at a time."""
    if not days:
        return 0
    have = set(existing.filter(date__range=(days[0], days[-1])).values_list("date", flat=True))
    missing = [day for day in days if day not in have]
    for start in range(0, len(missing), BATCH_DAYS):
        with transaction.atomic():
            existing.model.objects.bulk_create(
                make(missing[start : start + BATCH_DAYS]), ignore_conflicts=True
            )
    return len(missing)


def invalidate(from_date: date) -> int:
    """A correction changed the past from `from_date` on: delete the snapshots from that day on, and
    once the correction commits, store them again from the corrected history. Returns how many were
    deleted."""
    stale = MetricSnapshot.objects.filter(date__gte=from_date)
    last = stale.order_by("-date").values_list("date", flat=True).first()
    deleted, _ = stale.delete()
    BreakdownSnapshot.objects.filter(date__gte=from_date).delete()
    if deleted:
        from .tasks import snapshot_metrics  # the task module imports this one

        # The days that were stored, stored again: nothing is added that was not there.
        transaction.on_commit(
            lambda: snapshot_metrics.delay(since=from_date.isoformat(), until=last.isoformat())
        )
    return deleted


class Values:
    """The raw inputs of several metrics on the dates readers need: the snapshots of all of them in
    one indexed query, the dates without a current snapshot computed live (one query per metric that
    lacks some), and today's then stored as provisional snapshots."""

    def __init__(self, wanted: dict[str, set[date]]) -> None:
        self._inputs: dict[tuple[str, date], dict] = {}
        wanted = {metric: days for metric, days in wanted.items() if days}
        if not wanted:
            return
        today = timezone.localdate()
        # Read before anything is computed: a change made meanwhile leaves what is stored stale.
        version = facts.version() if any(today in days for days in wanted.values()) else None
        # One query whatever the number of metrics and dates: (metric, date) is the unique index.
        rows = MetricSnapshot.objects.filter(
            metric__in=list(wanted), date__in=sorted(set().union(*wanted.values()))
        ).values_list("metric", "date", "inputs", "facts_version", "computed_at")
        for metric, day, inputs, facts_version, computed_at in rows:
            if day in wanted.get(metric, ()) and is_current(facts_version, computed_at, version):
                self._inputs[metric, day] = inputs
        for metric, days in wanted.items():
            missing = sorted(day for day in days if (metric, day) not in self._inputs)
            for day, inputs in zip(missing, series.raw_inputs(metric, missing), strict=True):
                self._inputs[metric, day] = inputs
                if day == today:
                    store_today(metric, day, inputs, version)

    def inputs(self, metric: str, day: date) -> dict:
        return self._inputs[metric, day]

    def values(self, metric: str, dates: list[date], *, baseline: date) -> list[float | int | None]:
        """The metric measured from `baseline` on each date."""
        reference = series.reference_day(metric, baseline)
        reference_inputs = self.inputs(metric, reference) if reference else None
        return [series.value_of(metric, self.inputs(metric, day), reference_inputs) for day in dates]


def needed_dates(metric: str, dates: Iterable[date], *, baseline: date) -> set[date]:
    """The dates whose inputs a series on `dates` measured from `baseline` reads."""
    reference = series.reference_day(metric, baseline)
    return {*dates, *([reference] if reference else [])}


def store_today(metric: str, day: date, inputs: dict, version: int) -> None:
    """Store a metric's inputs on `day` (today, when they were computed) as its provisional snapshot,
    computed on facts `version`."""
    reference = series.reference_day(metric, LAUNCH_DATE)
    reference_inputs = None
    if reference:
        stored = MetricSnapshot.objects.filter(metric=metric, date=reference, facts_version=None)
        reference_inputs = (
            stored.values_list("inputs", flat=True).first() or series.raw_inputs(metric, [reference])[0]
        )
    store_provisional(
        MetricSnapshot(
            metric=metric,
            date=day,
            inputs=inputs,
            value=launch_value(metric, inputs, reference_inputs),
            facts_version=version,
        )
    )


def store_provisional(snapshot: DaySnapshot) -> None:
    """Insert or replace a provisional row in one statement (on its one-per-day constraint). Without
    signals: storing a snapshot is not a change of data (core.versions), and a reader does it."""
    model = type(snapshot)
    (constraint,) = model._meta.constraints
    unique = list(constraint.fields)
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique]
    model.objects.bulk_create([snapshot], update_conflicts=True, unique_fields=unique, update_fields=fields)


def breakdown_rows(as_of: date, names: Iterable[str]) -> dict[str, Rows]:
    """The raw counts of breakdowns on a date: their snapshots in one query, the others counted live
    (and stored as provisional when the date is today)."""
    names = list(names)
    today = timezone.localdate()
    version = facts.version() if as_of == today else None
    found = {
        name: rows
        for name, rows, facts_version, computed_at in BreakdownSnapshot.objects.filter(
            name__in=names, date=as_of
        ).values_list("name", "rows", "facts_version", "computed_at")
        if is_current(facts_version, computed_at, version)
    }
    for name in names:
        if name not in found:
            found[name] = BREAKDOWNS[name].count(as_of)
            if as_of == today:
                store_breakdown_today(name, as_of, found[name], version)
    return found


def store_breakdown_today(name: str, day: date, rows: Rows, version: int) -> None:
    """Store a breakdown's counts on `day` (today) as its provisional snapshot, computed on facts
    `version`."""
    store_provisional(BreakdownSnapshot(name=name, date=day, rows=rows, facts_version=version))


def refresh_today() -> None:
    """Today's provisional snapshots of every metric and breakdown, computed again."""
    today = timezone.localdate()
    version = facts.version()
    for metric in Metric.values:
        store_today(metric, today, series.raw_inputs(metric, [today])[0], version)
    for name, breakdown in BREAKDOWNS.items():
        store_breakdown_today(name, today, breakdown.count(today), version)
