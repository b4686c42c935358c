"""The outbox's admin list costs the same queries for 2 failed mails as for 20; sent mails are not kept
forever (RETAIN_SENT_EMAILS_DAYS, 7, by the nightly retention)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import MailStatus, OutgoingMail
from core.tasks import apply_retention, send_pending_mail
from tests.admin.helpers import changelist
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_failed(count: int) -> None:
    OutgoingMail.objects.bulk_create(
        OutgoingMail(
            to=[f"p{n}@example.org"], subject=f"Mail {n}", body="x", status=MailStatus.FAILED, error="boom"
        )
        for n in range(count)
    )


def test_the_failed_mail_list_does_not_grow_in_queries(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = changelist(OutgoingMail) + "?status__exact=failed"
    add_failed(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_failed(18)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Mail 17" in response.content.decode()
    assert len(many) == len(few)


def test_the_nightly_retention_deletes_sent_mails_after_a_week_and_keeps_recent_failed_ones():
    now = timezone.now()
    old_sent, recent_sent, old_failed = OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                to=["a@example.org"],
                subject="old",
                body="x",
                status=MailStatus.SENT,
                sent_at=now - timedelta(days=8),
            ),
            OutgoingMail(
                to=["b@example.org"],
                subject="new",
                body="x",
                status=MailStatus.SENT,
                sent_at=now - timedelta(days=6),
            ),
            OutgoingMail(
                to=["c@example.org"],
                subject="bad",
                body="x",
                status=MailStatus.FAILED,
                created_at=now - timedelta(days=29),
            ),
        ]
    )
    send_pending_mail.apply()  # the sweep only sends
    assert OutgoingMail.objects.count() == 3
    apply_retention.apply()
    assert set(OutgoingMail.objects.values_list("subject", flat=True)) == {"new", "bad"}
