import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.template import TemplateSyntaxError
from django.utils import timezone

from digests import services, tasks
from digests.models import Delivery, DeliveryStatus, Frequency, Subscription
from digests.services import CLAIM_TIMEOUT
from tests.factories import PersonFactory, RepresentativeFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def run(today, frequency="weekly"):
    return tasks.send_digests_for_period(frequency, today.isoformat())


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def failing_for():
    """Make the mail backend raise `error` for one address, and send the others."""
    real_send = mail.backends.locmem.EmailBackend.send_messages

    def install(address, error):
        def send(backend, messages):
            if any(address in message.to for message in messages):
                raise error
            return real_send(backend, messages)

        return mock.patch(LOCMEM_SEND, autospec=True, side_effect=send)

    return install


def test_a_run_sends_each_subscriber_one_digest_with_both_parts_and_unsubscribe_headers(
    today, period, make_subscriber, news_in_period
):
    subscribers = [make_subscriber() for _ in range(3)]

    assert run(today) == 3

    assert recipients() == sorted(s.person.email for s in subscribers)
    message = mail.outbox[0]
    assert news_in_period.title in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and news_in_period.title in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    deliveries = Delivery.objects.filter(frequency="weekly", period_start=period.start)
    assert [d.status for d in deliveries] == [DeliveryStatus.SENT] * 3
    assert all(d.sent_at and d.period_end == period.end and d.attempts == 1 for d in deliveries)


def test_running_again_sends_nobody_a_second_digest(today, period, make_subscriber, news_in_period):
    make_subscriber()
    make_subscriber()
    run(today)
    assert run(today) == 0  # nobody pending
    assert services.deliver_digest(person_id=Subscription.objects.first().person_id, period=period) is None
    assert len(mail.outbox) == 2
    assert Delivery.objects.count() == 2


def test_who_does_not_get_the_weekly_digest(today, period, make_subscriber, news_in_period):
    make_subscriber(frequency=Frequency.OFF)
    make_subscriber(frequency=Frequency.DAILY)
    make_subscriber(person=PersonFactory())  # no login
    left = make_subscriber()
    left.person.partner.left_on = period.start
    left.person.partner.save()
    inactive = make_subscriber()
    inactive.person.user.is_active = False
    inactive.person.user.save()
    getting = make_subscriber()

    run(today)

    assert recipients() == [getting.person.email]


def test_an_empty_digest_is_not_sent(today, make_subscriber):
    make_subscriber()
    run(today)
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_a_login_without_a_subscription_gets_the_default_one_at_the_run(today, segment, news_in_period):
    person = RepresentativeFactory()
    segment.interested_partners.add(person.partner)
    group = WorkingGroupFactory(segment=segment)
    group.memberships.create(partner=person.partner, status="active", joined_on=today - timedelta(days=400))

    run(today)

    subscription = person.digest_subscription
    assert subscription.frequency == Frequency.WEEKLY
    assert list(subscription.segments.all()) == [segment]
    assert list(subscription.groups.all()) == [group]
    assert [c.code for c in subscription.countries] == [person.partner.country.code]
    assert recipients() == [person.email]


def test_a_refused_recipient_is_recorded_and_the_others_get_theirs(
    today, make_subscriber, news_in_period, failing_for
):
    refused, *others = [make_subscriber() for _ in range(3)]
    error = smtplib.SMTPRecipientsRefused({refused.person.email: (550, b"No such user")})
    with failing_for(refused.person.email, error):
        run(today)

    assert recipients() == sorted(s.person.email for s in others)
    delivery = Delivery.objects.get(person=refused.person)
    assert delivery.status == DeliveryStatus.FAILED and "No such user" in delivery.error
    run(today)  # a permanent failure is not retried by the next run
    assert len(mail.outbox) == 2


def test_a_template_error_for_one_person_stops_no_one_else(today, make_subscriber, news_in_period):
    broken, *others = [make_subscriber() for _ in range(3)]
    real_render = services.render_digest

    def render(digest):
        if digest.person == broken.person:
            raise TemplateSyntaxError("Invalid block tag")
        return real_render(digest)

    with mock.patch.object(services, "render_digest", side_effect=render):
        run(today)

    assert recipients() == sorted(s.person.email for s in others)
    assert Delivery.objects.get(person=broken.person).status == DeliveryStatus.FAILED


def test_a_run_that_crashes_half_way_is_completed_by_the_rerun_without_duplicates(
    today, make_subscriber, news_in_period
):
    subscribers = [make_subscriber() for _ in range(4)]
    real_delay = tasks.send_digest.delay
    calls = []

    def delay_then_crash(*args):
        if len(calls) == 2:
            raise SystemExit("worker killed")
        calls.append(args)
        return real_delay(*args)

    with (
        mock.patch.object(tasks.send_digest, "delay", side_effect=delay_then_crash),
        pytest.raises(SystemExit),
    ):
        run(today)
    assert len(mail.outbox) == 2

    assert run(today) == 2
    assert recipients() == sorted(s.person.email for s in subscribers)


def test_a_worker_dying_mid_send_leaves_a_claim_that_a_later_rerun_reports_as_unknown(
    today, make_subscriber, news_in_period
):
    """At most once: the send's outcome is unknown (the server may have taken it), so it is not
    repeated. A real worker killed by a signal: tests/faults/test_digest_worker_killed.py."""
    subscriber = make_subscriber()
    with mock.patch(LOCMEM_SEND, side_effect=SystemExit("worker killed")), pytest.raises(SystemExit):
        run(today)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.CLAIMED

    run(today)  # the claim may still be a live worker's: hands off
    assert mail.outbox == []

    Delivery.objects.update(claimed_at=timezone.now() - CLAIM_TIMEOUT - timedelta(seconds=1))
    run(today)
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.UNKNOWN and delivery.attempts == 1
    assert delivery.person == subscriber.person


@pytest.fixture
def retries_run_eagerly():
    """Eager Celery runs a retry at once, but only when task errors are not propagated (with them,
    the Retry itself is raised); a worker schedules it with the backoff instead."""
    from ev4scc.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


@pytest.mark.usefixtures("retries_run_eagerly")
def test_a_transient_error_is_retried_and_sent_once(today, make_subscriber, news_in_period):
    subscriber = make_subscriber()
    real_send = mail.backends.locmem.EmailBackend.send_messages
    attempts = []

    def flaky(backend, messages):
        attempts.append(1)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(backend, messages)

    with mock.patch(LOCMEM_SEND, autospec=True, side_effect=flaky):
        run(today)

    assert recipients() == [subscriber.person.email]
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2


@pytest.mark.usefixtures("retries_run_eagerly")
def test_a_transient_error_that_lasts_fails_after_the_last_retry(today, make_subscriber, news_in_period):
    make_subscriber()
    error = smtplib.SMTPDataError(451, b"Try again later")
    with mock.patch(LOCMEM_SEND, side_effect=error) as send:
        run(today)
    assert send.call_count == tasks.send_digest.max_retries + 1
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "Try again later" in delivery.error


def test_the_command_sends_the_period_before_the_date(today, period, make_subscriber, news_in_period, capsys):
    make_subscriber()
    call_command("send_digests", "--period", "weekly", "--date", today.isoformat())
    assert len(mail.outbox) == 1
    assert f"weekly digests for {period.start} to {period.end}: 1 queued" in capsys.readouterr().out

    call_command("send_digests", "--period", "weekly", "--date", today.isoformat())
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_digests", "--date", "25/11/2026")
