"""Cached KPI computations. Computing the targets takes a few queries that grow heavy with the
network (seconds at 100,000 partners), and the facts behind them change rarely, so results are
cached under a data version: saving or deleting a fact the metrics read starts a new version at once
(see signals.py), which leaves every older entry unused. Changes that bypass signals (bulk updates)
show after the timeout."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.utils import timezone

from .breakdowns import BREAKDOWNS, Table
from .progress import Assessment, assess_all

VERSION_KEY = "kpis:version"
TIMEOUT_SECONDS = 5 * 60

T = TypeVar("T")


def cached(name: str, compute: Callable[[], T]) -> T:
    version = cache.get_or_set(VERSION_KEY, lambda: uuid4().hex, None)
    return cache.get_or_set(f"kpis:{version}:{name}", compute, TIMEOUT_SECONDS)


def forget() -> None:
    """Start a new data version: every cached result is computed afresh."""
    cache.delete(VERSION_KEY)


def assessments(as_of: date) -> list[Assessment]:
    """Every target's standing on a date."""
    return cached(f"assessments:{as_of.isoformat()}", lambda: assess_all(as_of))


def current_assessments() -> list[Assessment]:
    """Every target's standing today: the home page's summary."""
    return assessments(timezone.localdate())


def breakdown(name: str, as_of: date) -> Table:
    return cached(f"breakdown:{name}:{as_of.isoformat()}", lambda: BREAKDOWNS[name](as_of))
