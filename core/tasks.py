"""Celery tasks of core. Beat (CELERY_BEAT_SCHEDULE) runs `apply_retention` every night."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .contributions import apply_retention as apply_rules


@shared_task
def apply_retention() -> dict[str, int]:
    """Delete or anonymise what is past its retention period (RETENTION_DAYS), every app's rule in
    one transaction; what each rule removed."""
    with transaction.atomic():
        return apply_rules(timezone.now())
