"""Email never fails a request (issue 16): with the mail server down or refusing, the pages that send
mail answer as usual, the mail waits in the outbox, and it is sent once the server is back, by a retry,
the sweep, or a coordinator's resend in the admin. The mail server is a real SMTP server (aiosmtpd) on a
port of the test's own."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from core.mail import TransientMailError, deliver
from core.models import MailStatus, OutgoingMail
from core.tasks import send_pending_mail
from ev4scc.celery import app
from events.models import ContactMessage, Registration
from partners.models import MembershipApplication
from tests.admin.helpers import changelist, reported, run_action
from tests.factories import EventFactory, UserFactory
from tests.partners.test_join import application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def eager_celery():
    """The tasks run in the test's process, as in the demo, whatever broker the suite was given
    (with REDIS_URL set, tasks would go to a Redis no worker reads, and these tests would wait for
    nothing); what a test changes in Celery's configuration is put back for the next test. (These
    tests once failed under xdist with Redis: another test had made its own Celery app the current
    one, so the shared tasks left through that app's broker.)"""
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager, app.conf.broker_url = saved


CONTACT = {"name": "Ann", "email": "ann@example.org", "subject": "Hi", "message": "Hello"}


def test_with_smtp_down_no_request_fails_and_nothing_is_lost(cast, client, smtp_server):
    """Eager Celery (the demo): the send is tried at once after the commit, and its failure recorded."""
    EventFactory(slug="ga-2016")
    with override_settings(**smtp_server.settings):
        assert client.post("/contact/", CONTACT).status_code == 302
        assert client.post("/join/", application()).status_code == 302
        api = cast.client("member")
        assert api.post("/api/v1/events/ga-2016/registrations/").status_code == 201

    assert ContactMessage.objects.count() == 1
    assert MembershipApplication.objects.count() == 1
    assert Registration.objects.count() == 1
    mails = OutgoingMail.objects.all()
    assert mails.count() >= 3
    assert {mail.status for mail in mails} == {MailStatus.FAILED}
    assert all("Connection refused" in mail.error or "ConnectionRefused" in mail.error for mail in mails)


def test_a_coordinator_sees_failed_mails_and_resends_them_once_smtp_is_back(cast, client, smtp_server):
    with override_settings(**smtp_server.settings):
        assert client.post("/contact/", CONTACT).status_code == 302
    failed = OutgoingMail.objects.get()
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(coordinator)
    listing = client.get(changelist(OutgoingMail) + "?status__exact=failed")
    assert listing.status_code == 200
    assert failed.subject in listing.content.decode()

    smtp_server.start()
    with override_settings(**smtp_server.settings):
        response = run_action(client, "resend_failed", failed)
    assert reported(response) == [("success", "1 email queued again.")]
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT and failed.attempts == 2
    assert [to for to, _content in smtp_server.inbox.messages] == [failed.to]
    # A sent mail is not sent again by a second resend.
    with override_settings(**smtp_server.settings):
        response = run_action(client, "resend_failed", failed)
    assert [text for _level, text in reported(response)] == ["0 emails queued again."]
    assert len(smtp_server.inbox.messages) == 1


def test_only_coordinators_may_see_and_resend_the_outbox(cast, smtp_server):
    with override_settings(**smtp_server.settings):
        cast.client("anonymous").post("/contact/", CONTACT)
    mail = OutgoingMail.objects.get()
    assert cast.client("anonymous").get(changelist(OutgoingMail)).status_code == 302
    # Staff without the outbox's permission, and a representative (no staff): neither sees nor resends.
    for role in ("coordinator", "rep_a"):
        client = cast.client(role)
        assert client.get(changelist(OutgoingMail)).status_code in (302, 403)
        client.post(changelist(OutgoingMail), {"action": "resend_failed", "_selected_action": [mail.pk]})
    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED and mail.attempts == 1


def test_a_busy_server_451_is_retried_and_the_mail_is_sent_once(cast, client, smtp_server):
    """A worker (not eager): a transient refusal keeps the mail pending for the task's retry."""
    smtp_server.inbox.reply = "451 Try again later"
    smtp_server.start()
    app.conf.task_always_eager, app.conf.broker_url = False, "memory://"  # a queue no worker reads
    with override_settings(**smtp_server.settings):
        assert client.post("/contact/", CONTACT).status_code == 302
        mail = OutgoingMail.objects.get()
        assert mail.status == MailStatus.PENDING
        with pytest.raises(TransientMailError):
            deliver(mail.pk, final_attempt=False)
        mail.refresh_from_db()
        assert (mail.status, mail.attempts) == (MailStatus.PENDING, 1)
        assert "451" in mail.error

        smtp_server.inbox.reply = "250 OK"
        assert deliver(mail.pk, final_attempt=False) == MailStatus.SENT
        assert deliver(mail.pk, final_attempt=False) is None  # a second task for the same mail
    assert len(smtp_server.inbox.messages) == 1


def test_a_mail_whose_task_was_lost_is_sent_by_the_sweep(cast, client, smtp_server, throwaway_redis):
    """The broker is down at the commit: the request still succeeds, the mail stays pending, and the
    sweep sends it later."""
    throwaway_redis.kill()
    smtp_server.start()
    with override_settings(
        **smtp_server.settings, CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=throwaway_redis.url
    ):
        app.conf.broker_url = throwaway_redis.url
        app.conf.task_always_eager = False
        assert client.post("/contact/", CONTACT).status_code == 302
        app.conf.task_always_eager = True
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.PENDING and smtp_server.inbox.messages == []

    OutgoingMail.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    with override_settings(**smtp_server.settings):
        assert send_pending_mail.apply().get() == 1
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert len(smtp_server.inbox.messages) == 1
