"""The digest as an email: subject, plain text and HTML from templates/digests/email/, each part in
between rendered by the template its app registered (see digests.compose), with the RFC 8058
one-click unsubscribe headers. The staff preview renders the same thing."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.sites import site_url

from .compose import Digest
from .unsubscribe import unsubscribe_url


@dataclass(frozen=True)
class DigestEmail:
    to: str
    subject: str
    text: str
    html: str
    headers: dict[str, str]

    def message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(self.subject, self.text, to=[self.to], headers=self.headers)
        message.attach_alternative(self.html, "text/html")
        return message


def digest_context(digest: Digest) -> dict[str, Any]:
    """What the email templates (and the preview page, which includes the same content) get."""
    return {
        "digest": digest,
        "site_url": site_url(),
        "unsubscribe_url": unsubscribe_url(digest.person.pk),
        "preferences_url": site_url() + reverse("digests:preferences"),
    }


def render_digest(digest: Digest) -> DigestEmail:
    """The digest in its reader's language (their account's; English if they chose none)."""
    context = digest_context(digest)
    unsubscribe = context["unsubscribe_url"]
    with translation.override(digest.person.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("digests/email/digest_subject.txt", context).split())
        text = render_to_string("digests/email/digest.txt", context)
        html = render_to_string("digests/email/digest.html", context)
    return DigestEmail(
        to=digest.person.email,
        subject=subject,
        text=text,
        html=html,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
