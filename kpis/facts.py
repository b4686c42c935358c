"""The facts the metrics and breakdowns are computed from, and the count of their changes.

Every save or delete of one of FACT_MODELS adds one to `kpis.FactsVersion` in the writer's
transaction, so a provisional snapshot of today (kpis.snapshots) computed before the change is seen
as stale once the change is visible. After the commit, a refresh of today's snapshots is queued, once
for a burst of writes, so the next reader usually finds them current.
"""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save

from partners.models import CityProfile, Partner
from projects.models import Participation, Project, ProjectStatusChange
from segments.models import GroupMembership, WorkingGroup

from .models import FactsVersion
from .tasks import refresh_today

FACT_MODELS: list[type[Model]] = [
    Partner,
    CityProfile,
    # Not Segment: the counts read a group's segment id; the names are read when a table is shown.
    WorkingGroup,
    GroupMembership,
    Project,
    ProjectStatusChange,
    Participation,
]
#: Seconds between a change and the refresh of today's snapshots; changes within it share one refresh.
REFRESH_DELAY = 10
REFRESH_QUEUED = "kpis:refresh-queued"


def version() -> int:
    return FactsVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def changed(sender: type[Model], **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading a fixture
        return
    if not FactsVersion.objects.filter(pk=1).update(version=F("version") + 1):
        # The row is made by the migration; a flushed database (tests, a restore) lacks it.
        FactsVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    transaction.on_commit(queue_refresh, using=kwargs.get("using"), robust=True)


def queue_refresh() -> None:
    # The cache only spares duplicate refreshes: when it is unreachable, none is queued and the next
    # reader computes today's figures itself.
    if cache.add(REFRESH_QUEUED, True, REFRESH_DELAY):
        refresh_today.apply_async(countdown=REFRESH_DELAY)


def connect() -> None:
    for model in FACT_MODELS:
        post_save.connect(changed, sender=model, dispatch_uid=f"kpis.facts.saved.{model._meta.label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"kpis.facts.deleted.{model._meta.label}")
