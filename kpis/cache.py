"""Cached KPI computations. Computing the targets takes a few queries that grow heavy with the
network (seconds at 100,000 partners), and the facts behind them change rarely, so results are
cached under the platform's data version (core.versions): every write starts a new version at once,
which leaves every older entry unused. Changes that bypass signals (bulk updates) show after the
timeout."""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.utils import timezone

from core import versions

from .breakdowns import BREAKDOWNS, Table
from .models import Target
from .progress import Assessment, assess_all, assessment_on
from .snapshots import breakdown_rows

T = TypeVar("T")


def cached(name: str, compute: Callable[[], T]) -> T:
    return versions.cached("kpis", name, compute)


def assessments(as_of: date) -> list[Assessment]:
    """Every target's standing asked on a date, each judged on min(as_of, deadline): what the
    dashboard, its CSV downloads, the public summary and the API's targets and series all read."""
    return cached(f"assessments:{as_of.isoformat()}", lambda: assess_all(as_of))


def current_assessments() -> list[Assessment]:
    """Every target's standing today: the home page's summary."""
    return assessments(timezone.localdate())


def breakdowns(as_of: date, names: list[str]) -> list[Table]:
    """The breakdowns on a date, labelled in the reader's language (the cache key holds it)."""

    def compute() -> list[Table]:
        rows = breakdown_rows(as_of, names)
        return [BREAKDOWNS[name].table(rows[name]) for name in names]

    return cached(f"breakdowns:{','.join(names)}:{as_of.isoformat()}", compute)


def series(target: Target, as_of: date, dates: list[date]) -> Assessment:
    """A target's values on chosen dates (the API's series by day, week or month): the assessment's
    own reading of the snapshots, so it agrees with the dashboard on every date they share."""
    days = hashlib.sha256(",".join(day.isoformat() for day in dates).encode()).hexdigest()[:16]
    key = f"series:{target.pk}:{as_of.isoformat()}:{days}"
    return cached(key, lambda: assessment_on(target, as_of, dates))
