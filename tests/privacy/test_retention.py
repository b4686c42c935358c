"""Retention: each night (beat) contact messages, login attempts, rejected applications' contacts and
finished digest deliveries past their period are deleted or anonymised; the notice states each period."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from core.models import MailStatus, OutgoingMail
from core.tasks import apply_retention
from digests.models import Delivery, DeliveryStatus
from events.models import ContactMessage
from partners.models import ApplicationStatus, MembershipApplication
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAYS = {
    "contact_messages": 30,
    "login_attempts": 10,
    "rejected_applications": 60,
    "digest_deliveries": 20,
    "sent_emails": 5,
    "failed_emails": 15,
}


def ago(days: int):
    return timezone.now() - timedelta(days=days)


def message(days: int) -> ContactMessage:
    return ContactMessage.objects.create(
        name="A", email="a@example.org", subject="s", message="m", created_at=ago(days)
    )


def attempt(model, days: int):
    row = model.objects.create(
        username="x",
        ip_address="203.0.113.1",
        user_agent="ua",
        **({"failures_since_start": 1} if model is AccessAttempt else {}),
    )
    model.objects.filter(pk=row.pk).update(attempt_time=ago(days))
    return row


def application(status: str, days: int | None) -> MembershipApplication:
    return MembershipApplication.objects.create(
        organisation_name="Org",
        kind="company",
        country="DE",
        city="Bonn",
        contact_name="Con Tact",
        contact_email="con@example.org",
        consented_at=ago(400),
        status=status,
        reviewed_at=ago(days) if days is not None else None,
    )


def outgoing(days: int, status: str) -> OutgoingMail:
    sent_at = ago(days) if status == MailStatus.SENT else None
    return OutgoingMail.objects.create(
        to=["a@example.org"], subject="s", body="b", status=status, created_at=ago(days), sent_at=sent_at
    )


def delivery(person, days: int, status: str) -> Delivery:
    end = (timezone.now() - timedelta(days=days)).date()
    return Delivery.objects.create(
        person=person,
        frequency="weekly",
        period_start=end - timedelta(days=6),
        period_end=end,
        status=status,
        sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
    )


@override_settings(RETENTION_DAYS=DAYS)
def test_what_is_past_its_period_goes_and_the_rest_stays():
    old_message, new_message = message(31), message(29)
    old_log, new_log, old_attempt = attempt(AccessLog, 11), attempt(AccessLog, 9), attempt(AccessAttempt, 11)
    old_rejected, new_rejected = (
        application(ApplicationStatus.REJECTED, 61),
        application(ApplicationStatus.REJECTED, 59),
    )
    pending = application(ApplicationStatus.PENDING, None)
    person = PersonFactory()
    old_sent, new_sent = delivery(person, 21, DeliveryStatus.SENT), delivery(person, 19, DeliveryStatus.SENT)
    old_claimed = delivery(person, 40, DeliveryStatus.CLAIMED)
    old_failed, new_failed = outgoing(16, MailStatus.FAILED), outgoing(14, MailStatus.FAILED)
    old_pending = outgoing(16, MailStatus.PENDING)
    old_sent_mail, new_sent_mail = outgoing(6, MailStatus.SENT), outgoing(4, MailStatus.SENT)

    removed = apply_retention.delay().get()

    assert removed == {
        "login_attempts": 2,
        "rejected_applications": 1,
        "contact_messages": 1,
        "digest_deliveries": 1,
        "sent_emails": 1,
        "failed_emails": 1,
    }
    remaining = {new_failed.pk, old_pending.pk, new_sent_mail.pk}
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == remaining
    assert old_sent_mail.pk not in remaining
    assert old_failed.pk not in {new_failed.pk, old_pending.pk}
    assert list(ContactMessage.objects.all()) == [new_message] and old_message.pk != new_message.pk
    assert (
        list(AccessLog.objects.all()) == [new_log]
        and not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    )
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    old_rejected.refresh_from_db()
    assert (old_rejected.contact_name, old_rejected.contact_role) == ("[erased]", "")
    assert "con@" not in old_rejected.contact_email and old_rejected.organisation_name == "Org"
    assert MembershipApplication.objects.get(pk=new_rejected.pk).contact_name == "Con Tact"
    assert MembershipApplication.objects.get(pk=pending.pk).contact_name == "Con Tact"
    assert set(Delivery.objects.values_list("pk", flat=True)) == {new_sent.pk, old_claimed.pk}
    assert not Delivery.objects.filter(pk=old_sent.pk).exists()
    # A second run finds nothing more.
    assert apply_retention.delay().get() == dict.fromkeys(removed, 0)


def test_beat_runs_it_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert entry["task"] == "core.tasks.apply_retention"
    assert entry["schedule"].hour == {3}


@override_settings(RETENTION_DAYS=DAYS)
def test_the_privacy_notice_states_each_period(client):
    text = " ".join(client.get("/privacy/").content.decode().split())
    assert "Contact messages: deleted after 30 days." in text
    assert "Log-in attempts and log-ins: deleted after 10 days." in text
    assert "erased 60 days after the decision" in text
    assert "deleted 20 days after the period" in text
    assert "Emails that could not be sent: deleted after 15 days" in text
