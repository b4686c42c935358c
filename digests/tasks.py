"""Celery tasks: thin wrappers that take ids and dates and call the services.

Celery beat (CELERY_BEAT_SCHEDULE in settings) starts `send_digests_for_period` once per
frequency; it fans out one `send_digest` per recipient, so one slow or failing address holds up
no one else and more workers send faster.
"""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .periods import Period
from .services import (
    TransientSendError,
    deliver_digest,
    ensure_subscriptions,
    mark_unknown,
    pending_recipients,
)


@shared_task
def send_digests_for_period(frequency: str, run_on: str | None = None) -> int:
    """Queue the digest of every pending recipient for the period before `run_on` (ISO date,
    today by default); returns how many were queued. Safe to run again: see claim_delivery; claims
    left by a worker that died are reported as unknown first (mark_unknown), never sent again."""
    ensure_subscriptions()
    mark_unknown()
    period = Period.before(frequency, date.fromisoformat(run_on) if run_on else timezone.localdate())
    # A list, not a cursor: eager tasks write to the same database connection while we loop.
    person_ids = list(pending_recipients(period))
    for person_id in person_ids:
        send_digest.delay(person_id, period.frequency, period.start.isoformat(), period.end.isoformat())
    return len(person_ids)


@shared_task(
    bind=True,
    autoretry_for=(TransientSendError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=5,
)
def send_digest(self, person_id: int, frequency: str, start: str, end: str) -> str | None:
    period = Period(frequency, date.fromisoformat(start), date.fromisoformat(end))
    return deliver_digest(
        person_id=person_id, period=period, final_attempt=self.request.retries >= self.max_retries
    )
