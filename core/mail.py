"""Templated email, sent only once the transaction that caused it has committed."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .sites import site_url


def send_templated(
    *,
    to: Iterable[str],
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> None:
    """Send `<template>_subject.txt`, `<template>.txt` and (if it exists) `<template>.html`.

    Queued with `transaction.on_commit`, so a rolled-back operation sends nothing. Absolute links
    start with `site_url` (core.sites): the address the client reached while a request is served,
    the SITE_URL setting in background work. The email is written in
    `language` (the recipient's), or in the source language (English) when it is None: never in the
    language of whoever caused it.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {"site_url": site_url(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None

    def send() -> None:
        message = EmailMultiAlternatives(subject, body, to=recipients, headers=headers)
        if html:
            message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)
