"""Celery tasks of the KPIs: thin wrappers around kpis.snapshots.

Celery beat (CELERY_BEAT_SCHEDULE in settings) runs `snapshot_metrics` every night, after midnight,
to store the day that just ended; a correction of the past queues it again from the corrected date.
A change to the facts queues `refresh_today` (kpis.facts)."""

from datetime import date

from celery import shared_task

from . import snapshots


@shared_task(soft_time_limit=3300, time_limit=3600)
def snapshot_metrics(since: str | None = None, until: str | None = None) -> int:
    """Store every missing daily snapshot from `since` (ISO date; the launch's eve by default) to
    `until` (yesterday by default)."""
    return snapshots.fill(
        since=date.fromisoformat(since) if since else None, until=date.fromisoformat(until) if until else None
    )


@shared_task(soft_time_limit=300, time_limit=360)
def refresh_today() -> None:
    """Compute today's provisional snapshots again (after a change to the facts, and on the beat)."""
    snapshots.refresh_today()
