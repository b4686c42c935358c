"""What the outbox (core.mail, core.models.OutgoingMail) adds to the shared places: the mails about a
person in their data export and erasure, a retention period for the mails that failed, and the
failed mails on the coordination workspace. Registered from CoreConfig.ready()."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .contributions import (
    PERSONAL_DATA,
    RETENTION,
    WORKSPACE_CARDS,
    PersonalData,
    Retention,
    Work,
    WorkLine,
    WorkspaceCard,
)
from .models import MailStatus, OutgoingMail

#: Lines the workspace card lists; its link shows them all.
SHOWN = 5


def _about(person: Any) -> QuerySet[OutgoingMail]:
    """Mails to the person, or naming them (a coordinator's notice of their application, say)."""
    words = [word for word in (person.email, person.name) if word]
    about = Q(pk__in=[])
    for word in words:
        about |= Q(to__icontains=word) | Q(subject__icontains=word) | Q(body__icontains=word)
        about |= Q(html__icontains=word)
    return OutgoingMail.objects.filter(about)


def export(person: Any) -> list[dict[str, Any]]:
    return [
        {
            "to": mail.to,
            "subject": mail.subject,
            "status": mail.status,
            "written_at": mail.created_at,
            "sent_at": mail.sent_at,
        }
        for mail in _about(person).order_by("created_at")
    ]


def erase(person: Any) -> None:
    _about(person).delete()


def expire_sent(cutoff: Any) -> int:
    """Sent mails: their addresses and links (a password reset's) should not outlive their use."""
    return OutgoingMail.objects.filter(status=MailStatus.SENT, sent_at__lt=cutoff).delete()[0]


def expire_failed(cutoff: Any) -> int:
    """Failed mails nobody resent."""
    return OutgoingMail.objects.failed().filter(created_at__lt=cutoff).delete()[0]


def failed_mails(request: HttpRequest) -> Work:
    failed = OutgoingMail.objects.failed().order_by("-created_at")
    return Work(
        count=failed.count(),
        url=reverse("admin:core_outgoingmail_changelist") + f"?status__exact={MailStatus.FAILED}",
        lines=tuple(
            WorkLine(mail.subject, reverse("admin:core_outgoingmail_change", args=[mail.pk]))
            for mail in failed[:SHOWN]
        ),
    )


PERSONAL_DATA.register(PersonalData("emails", export, erase, order=90))
RETENTION.register(
    Retention(
        "sent_emails",
        expire_sent,
        ngettext_lazy(
            "Emails sent by the platform: deleted %(days)d day after sending.",
            "Emails sent by the platform: deleted %(days)d days after sending.",
            "days",
        ),
    )
)
RETENTION.register(
    Retention(
        "failed_emails",
        expire_failed,
        ngettext_lazy(
            "Emails that could not be sent: deleted after %(days)d day.",
            "Emails that could not be sent: deleted after %(days)d days.",
            "days",
        ),
    )
)
WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="failed_emails",
        title=_("Emails that could not be sent"),
        description=_("Resend them from the admin once the mail server answers again."),
        collect=failed_mails,
        order=60,
    )
)
