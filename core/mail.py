"""Templated email through an outbox: a request never fails because the mail server does.

`send_templated(...)` renders the email and writes it to the outbox (`core.models.OutgoingMail`) in the
transaction of the change that causes it: a rolled-back operation leaves no email, a committed one
cannot lose it. Once the transaction commits, a Celery task (`core.tasks.send_outgoing_mail`) sends it,
retrying a mail server that is down or busy with a growing delay; a sweep (`send_pending_mail`, every
few minutes on the beat schedule) picks up a mail whose task never reached the broker. With eager
Celery (the demo, the tests) the email is sent at once after the commit; either way a failure is
recorded on the row, never raised into the request, and coordinators resend failed mails from the admin
(`resend`).

A mail is sent at least once: a worker killed between the mail server's acceptance and the row's update
leaves it pending, and the sweep sends it again. (Digests, which promise at most once, keep their own
deliveries: see digests.services.)
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, QuerySet
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import MailStatus, OutgoingMail
from .sites import site_url

logger = logging.getLogger(__name__)

#: A pending mail older than this has lost its task (the broker was down at the commit): the sweep sends it.
SWEEP_AFTER = timedelta(minutes=10)


class TransientMailError(Exception):
    """The mail server could not take the email now; the task tries again later."""


def is_transient(error: Exception) -> bool:
    """Connection trouble and 4xx SMTP replies pass; a refused recipient or message (5xx) does not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    # Socket trouble (refused, reset, timed out, name not resolved); SMTPException is an OSError too,
    # and any other of its kinds is not a passing condition.
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def send_templated(
    *,
    to: Iterable[str],
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> OutgoingMail | None:
    """Write `<template>_subject.txt`, `<template>.txt` and (if it exists) `<template>.html` to the
    outbox, to be sent once the current transaction commits (see the module).

    Absolute links start with `site_url` (core.sites): the address the client reached while a
    request is served, the SITE_URL setting in background work. The email is written in `language`
    (the recipient's), or in the source language (English) when it is None: never in the language
    of whoever caused it. Returns the outbox row, or None when there is no recipient.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    context = {"site_url": site_url(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = ""
    mail = OutgoingMail.objects.create(
        to=recipients, subject=subject, body=body, html=html, headers=headers or {}
    )
    transaction.on_commit(lambda: enqueue(mail.pk), robust=True)
    return mail


def enqueue(mail_id: int) -> None:
    """Hand the mail to a worker; with the broker down it stays pending for the sweep."""
    from .tasks import send_outgoing_mail  # the task module imports this one

    try:
        send_outgoing_mail.apply_async((mail_id,), retry=False)
    except Exception:  # the broker is down: logged, and the sweep sends it later
        logger.exception("Outgoing mail %s could not be queued; the sweep will send it", mail_id)


def deliver(mail_id: int, *, final_attempt: bool) -> str | None:
    """Send one pending mail and record the outcome; returns its status, or None when it is no longer
    pending (sent meanwhile, or being sent by another worker).

    The row is locked while the mail server talks, so two tasks for one mail (a retry and the sweep)
    send it once. A failure is recorded on the row; a transient one is raised as TransientMailError for
    a retry, unless this is the final attempt, which marks the mail failed for the coordinators.
    """
    error: Exception | None = None
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=MailStatus.PENDING)
            .first()
        )
        if mail is None:
            return None
        message = EmailMultiAlternatives(mail.subject, mail.body, to=mail.to, headers=mail.headers or None)
        if mail.html:
            message.attach_alternative(mail.html, "text/html")
        try:
            message.send()
        except Exception as failure:  # recorded on the row below, never raised into a request
            error = failure
        retry = error is not None and is_transient(error) and not final_attempt
        status = MailStatus.SENT if error is None else MailStatus.PENDING if retry else MailStatus.FAILED
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=status,
            attempts=F("attempts") + 1,
            error=repr(error) if error else "",
            sent_at=timezone.now() if error is None else None,
        )
    if error is not None:
        logger.warning("Outgoing mail %s not sent (%s): %r", mail_id, status, error)
        if retry:
            raise TransientMailError(repr(error)) from error
    return status


def pending_for_sweep() -> QuerySet[OutgoingMail]:
    return OutgoingMail.objects.filter(status=MailStatus.PENDING, created_at__lt=timezone.now() - SWEEP_AFTER)


def resend(mails: QuerySet[OutgoingMail]) -> int:
    """Put failed mails back in the outbox and queue them (the admin's action); returns how many."""
    ids = list(mails.failed().values_list("pk", flat=True))
    OutgoingMail.objects.filter(pk__in=ids).update(status=MailStatus.PENDING, error="")
    for mail_id in ids:
        transaction.on_commit(lambda mail_id=mail_id: enqueue(mail_id), robust=True)
    return len(ids)
