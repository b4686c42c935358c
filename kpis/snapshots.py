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

What is stored is the raw counts (`inputs`: cities; SMEs and partners; pairs; projects started to
date), from which a target with any baseline derives its value (series.value_of), and the metric's
value measured from the launch (`value`), as kpis.metrics defines it.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from partners.models import LAUNCH_DATE

from . import series
from .models import Metric, MetricSnapshot

#: Snapshots run from the eve of the launch (new projects are counted from it).
FIRST_DAY = LAUNCH_DATE - timedelta(days=1)
#: Days computed and stored per batch by `fill`.
BATCH_DAYS = 366


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def last_complete_day() -> date:
    """The last day that is over: a day's snapshot is taken only once nothing can still happen on it."""
    return timezone.localdate() - timedelta(days=1)


def launch_value(metric: str, inputs: dict, launch_inputs: dict | None) -> float | int | None:
    return series.value_of(metric, inputs, launch_inputs)


def fill(
    *, since: date | None = None, until: date | None = None, metrics: Iterable[str] | None = None
) -> int:
    """Store the snapshots missing between `since` (the launch's eve by default) and `until` (at most
    yesterday), in batches; returns how many were stored. Running it again stores nothing new; rows a
    concurrent run stored first are kept (the unique constraint decides)."""
    until = min(until or last_complete_day(), last_complete_day())
    since = max(since or FIRST_DAY, FIRST_DAY)
    stored = 0
    for metric in metrics or Metric.values:
        have = set(
            MetricSnapshot.objects.filter(metric=metric, date__range=(since, until)).values_list(
                "date", flat=True
            )
        )
        missing = [day for day in days_between(since, until) if day not in have]
        reference = series.reference_day(metric, LAUNCH_DATE)
        reference_inputs = series.raw_inputs(metric, [reference])[0] if reference else None
        for start in range(0, len(missing), BATCH_DAYS):
            days = missing[start : start + BATCH_DAYS]
            rows = [
                MetricSnapshot(
                    metric=metric,
                    date=day,
                    value=launch_value(metric, inputs, reference_inputs),
                    inputs=inputs,
                )
                for day, inputs in zip(days, series.raw_inputs(metric, days), strict=True)
            ]
            with transaction.atomic():
                MetricSnapshot.objects.bulk_create(rows, ignore_conflicts=True)
            stored += len(rows)
    return stored


def invalidate(from_date: date) -> int:
    """A correction changed the past from `from_date` on: delete the snapshots from that day on, and
    once the correction commits, store them again from the corrected history. Returns how many were
    deleted."""
    stale = MetricSnapshot.objects.filter(date__gte=from_date)
    last = stale.order_by("-date").values_list("date", flat=True).first()
    deleted, _ = stale.delete()
    if deleted:
        from .tasks import snapshot_metrics  # the task module imports this one

        # The days that were stored, stored again: nothing is added that was not there.
        transaction.on_commit(
            lambda: snapshot_metrics.delay(since=from_date.isoformat(), until=last.isoformat())
        )
    return deleted


class Values:
    """The raw inputs of several metrics on the dates readers need: the snapshots of all of them in
    one indexed query, the dates without a snapshot computed live (one query per metric that lacks
    some)."""

    def __init__(self, wanted: dict[str, set[date]]) -> None:
        self._inputs: dict[tuple[str, date], dict] = {}
        wanted = {metric: days for metric, days in wanted.items() if days}
        if not wanted:
            return
        # One query whatever the number of metrics and dates: (metric, date) is the unique index.
        rows = MetricSnapshot.objects.filter(
            metric__in=list(wanted), date__in=sorted(set().union(*wanted.values()))
        ).values_list("metric", "date", "inputs")
        for metric, day, inputs in rows:
            if day in wanted.get(metric, ()):
                self._inputs[metric, day] = inputs
        for metric, days in wanted.items():
            missing = sorted(day for day in days if (metric, day) not in self._inputs)
            for day, inputs in zip(missing, series.raw_inputs(metric, missing), strict=True):
                self._inputs[metric, day] = inputs

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
