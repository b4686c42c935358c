"""Cached reads that are never stale after a write.

Facet counts and list totals grow with the data (a count over 100,000 partners costs far more than
the page of 24 rows it describes), so they are cached, as are the maps' GeoJSON and the API's partner
pages. Their cache keys carry a data version that every save or delete of a domain model bumps, when
it happens and again when it commits; a bulk load or a QuerySet.update(), which send no signals, show
within CACHE_SECONDS.

A cache that fails (Redis down or hung) is a miss and a dropped write, decided in one place, the cache
backend (core/cache.py: django-redis ignoring its connection errors, behind a circuit breaker): a read
computes its answer, and a bump neither fails nor delays the write that caused it.
"""

import hashlib
import time
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.utils import timezone, translation

KEY = "data-version"
CACHE_SECONDS = 300

T = TypeVar("T")


def data_version() -> int:
    # Started from the clock, not 1: a version lost from the cache must not restart at a number that
    # values still in the cache were stored under.
    return cache.get_or_set(KEY, time.time_ns, None)


def bump_data_version(sender: type, **kwargs: Any) -> None:
    # Writes in the apps of DATA_VERSION_IGNORED_APPS change nothing a cached list shows; neither does
    # a login's last_login.
    ignored = settings.DATA_VERSION_IGNORED_APPS
    if sender._meta.app_label in ignored or kwargs.get("update_fields") == {"last_login"}:
        return
    _bump()
    # A reader between the write and its commit still sees the old rows and may cache them under the
    # new version: bump once more when the write becomes visible. Robust: the write is saved by then,
    # and a cache failure must neither fail the request nor stop the other commit hooks (emails).
    transaction.on_commit(_bump, using=kwargs.get("using"), robust=True)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (evicted, or a new process with a local cache)
        cache.set(KEY, time.time_ns(), None)


def cached(namespace: str, parts: Any, compute: Callable[[], T]) -> T:
    """`compute()`, cached under `namespace` and `parts` for the current data version and day (what is
    active, upcoming or counted changes at midnight without a write).

    The value is stored with the version it was computed under, so the version and the value come
    back in one round trip to the cache (with Redis, the round trips are most of a cache hit's cost).
    """
    # Per language too: a cached answer may hold translated labels or texts (issue 21).
    parts = (parts, timezone.localdate(), translation.get_language())
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"{namespace}:{digest}"
    found = cache.get_many([KEY, key])
    version = found[KEY] if KEY in found else data_version()
    if key in found and found[key][0] == version:
        return found[key][1]
    value = compute()
    cache.set(key, (version, value), CACHE_SECONDS)
    return value


class CachedCountPaginator(Paginator):
    """A paginator whose total is cached per query and data version: per `count_key` when the caller
    knows what decides the list (compiling the query's SQL only to key it was about 5 % of a cold API
    page), else per the SQL."""

    def __init__(self, *args: Any, count_key: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        query = self.object_list
        if not hasattr(query, "query"):
            return super().count
        if self.count_key is not None:
            return cached("count", self.count_key, query.count)
        try:
            sql = query.query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing (an empty IN list)
            return 0
        return cached("count", (query.db, sql), query.count)
