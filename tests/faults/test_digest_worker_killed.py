"""The digest guarantee, shown with a real worker killed mid-send (issue 16): at most once per person and
period; an ambiguous send is reported, not repeated.

A child process runs `manage.py send_digests` against the test's PostgreSQL database and a real SMTP
server (aiosmtpd, in this process). Its mail backend kills it (os._exit) right after the server accepted
the fourth digest and before the run could mark that delivery sent. Reruns then send everyone else once;
after the claim timeout, the interrupted delivery becomes `unknown`, is listed to coordinators, and that
person, who did get the digest, gets no second copy."""

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from digests.models import Delivery, DeliveryStatus
from digests.services import CLAIM_TIMEOUT
from tests.admin.helpers import changelist
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 12
KILLED_AT = 4

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker(run_on, smtp_port: int, die_after: int | None = None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": database_url(),
        "SMTP_PORT": str(smtp_port),
        "DIE_AFTER_SENDS": str(die_after or ""),
    }
    command = [
        sys.executable,
        "manage.py",
        "send_digests",
        "--period",
        "weekly",
        "--date",
        run_on.isoformat(),
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)  # noqa: S603


def test_a_worker_killed_between_smtp_acceptance_and_marking_sends_no_duplicate(
    today, make_subscriber, news_in_period, smtp_server, client
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is another process on the same database")
    subscribers = [make_subscriber() for _ in range(SUBSCRIBERS)]
    smtp_server.start()

    killed = run_worker(today, smtp_server.port, die_after=KILLED_AT)
    assert killed.returncode == 137, killed.stderr
    assert len(smtp_server.inbox.messages) == KILLED_AT
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {DeliveryStatus.SENT: KILLED_AT - 1, DeliveryStatus.CLAIMED: 1}
    interrupted = Delivery.objects.get(status=DeliveryStatus.CLAIMED)

    rerun = run_worker(today, smtp_server.port)  # at once: the claim may be a live worker's
    assert rerun.returncode == 0, rerun.stderr
    # After the claim timeout (its clock moved back rather than waiting 15 minutes).
    Delivery.objects.filter(pk=interrupted.pk).update(
        claimed_at=timezone.now() - CLAIM_TIMEOUT - timedelta(minutes=1)
    )
    late = run_worker(today, smtp_server.port)
    assert late.returncode == 0, late.stderr
    assert "'unknown': 1" in late.stdout

    received = Counter(
        message_from_bytes(content)["To"] for _recipients, content in smtp_server.inbox.messages
    )
    assert received == Counter({s.person.email: 1 for s in subscribers})  # everyone once, no one twice
    interrupted.refresh_from_db()
    assert interrupted.status == DeliveryStatus.UNKNOWN
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {DeliveryStatus.SENT: SUBSCRIBERS - 1, DeliveryStatus.UNKNOWN: 1}
    print(
        f"subscribers={SUBSCRIBERS} killed_after={KILLED_AT} received={sum(received.values())} "
        f"duplicates={sum(n - 1 for n in received.values())} statuses={dict(statuses)}"
    )

    # Coordinators find it in the deliveries' admin, by status.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(changelist(Delivery) + "?status__exact=unknown").content.decode()
    assert interrupted.person.name in listing
