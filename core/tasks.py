"""Celery tasks of core: the outbox (core.mail), thin wrappers around its services, and the nightly
retention (RETENTION). Beat (CELERY_BEAT_SCHEDULE) runs `send_pending_mail` every five minutes and
`apply_retention` every night."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .contributions import apply_retention as apply_rules
from .mail import TransientMailError, deliver, enqueue, pending_for_sweep


@shared_task(
    bind=True,
    autoretry_for=(TransientMailError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=10,
)
def send_outgoing_mail(self, mail_id: int) -> str | None:
    # Eager (the demo) runs in the request: one attempt, a failure recorded for the coordinators,
    # rather than retries that would hold the request up.
    final = self.request.is_eager or self.request.retries >= self.max_retries
    return deliver(mail_id, final_attempt=final)


@shared_task
def send_pending_mail() -> int:
    """Queue the mails whose task was lost (broker down at the commit); returns how many."""
    ids = list(pending_for_sweep().values_list("pk", flat=True))
    for mail_id in ids:
        enqueue(mail_id)
    return len(ids)


@shared_task
def apply_retention() -> dict[str, int]:
    """Delete or anonymise what is past its retention period (RETENTION_DAYS), every app's rule in
    one transaction; what each rule removed."""
    with transaction.atomic():
        return apply_rules(timezone.now())
