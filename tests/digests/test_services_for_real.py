"""Digests against the real services: concurrent runs on PostgreSQL, and a real Celery worker
taking the run through Redis. Skipped on SQLite and without REDIS_URL (CI runs them)."""

import os
import selectors
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from celery import Celery
from django.core import mail
from django.db import connection

from digests import services, tasks
from digests.models import Delivery, DeliveryStatus

BASE_DIR = Path(__file__).resolve().parents[2]

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"
)


def run_together(count, target):
    """Start `count` threads at the same instant, each with its own database connection."""
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as error:  # reported below: an assert in a thread would pass silently
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_started_at_the_same_time_send_once(today, make_subscriber, news_in_period):
    subscribers = [make_subscriber() for _ in range(8)]

    run_together(2, lambda: tasks.send_digests_for_period("weekly", today.isoformat()))

    sent_to = sorted(address for message in mail.outbox for address in message.to)
    assert sent_to == sorted(s.person.email for s in subscribers)
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 8


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_many_senders_of_the_same_digest_send_it_once(period, make_subscriber, news_in_period):
    subscriber = make_subscriber()

    run_together(4, lambda: services.deliver_digest(person_id=subscriber.person_id, period=period))

    assert [message.to for message in mail.outbox] == [[subscriber.person.email]]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.redis
@needs_postgres
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_a_digest_run_through_redis(today, make_subscriber, news_in_period, tmp_path):
    subscribers = [make_subscriber() for _ in range(3)]
    # A Redis database of its own, so no other worker on this Redis takes these tasks.
    broker = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/15"
    # Not the current app: the suite's shared tasks, in this process, stay on the project's app.
    producer = Celery("digests-test", broker=broker, set_as_current=False)
    producer.control.purge()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CELERY_EAGER": "false",
        "REDIS_URL": broker,
        "DATABASE_URL": database_url(),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "ev4scc",
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "INFO",
    ]
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    worker = subprocess.Popen(  # noqa: S603
        command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        producer.send_task("digests.tasks.send_digests_for_period", args=["weekly", today.isoformat()])
        # No polling on a timer: the deliveries are looked at whenever the worker logs a line (it logs
        # every task it receives and finishes), and the wait ends at its exit or after a minute of it.
        deadline = time.monotonic() + 60
        selector = selectors.DefaultSelector()
        selector.register(worker.stdout, selectors.EVENT_READ)
        with log.open("w") as output:
            while Delivery.objects.filter(status=DeliveryStatus.SENT).count() < 3:
                remaining = deadline - time.monotonic()
                line = worker.stdout.readline() if remaining > 0 and selector.select(remaining) else ""
                output.write(line)
                output.flush()
                assert line, log.read_text()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    sent = Delivery.objects.filter(status=DeliveryStatus.SENT)
    assert sorted(sent.values_list("person_id", flat=True)) == sorted(s.person_id for s in subscribers), (
        log.read_text()
    )
    assert mail.outbox == []  # sent by the worker, not in this process
