"""Celery tasks of the KPIs: thin wrappers around kpis.snapshots.

Celery beat (CELERY_BEAT_SCHEDULE in settings) runs `snapshot_metrics` every night, after midnight,
to store the day that just ended; a correction of the past queues it again from the corrected date."""

from datetime import date

from celery import shared_task

from . import snapshots


@shared_task(soft_time_limit=3300, time_limit=3600)
def snapshot_metrics(since: str | None = None) -> int:
    """Store every missing daily snapshot (from `since`, ISO date, if given) up to yesterday."""
    return snapshots.fill(since=date.fromisoformat(since) if since else None)
