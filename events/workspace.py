"""What events puts on the coordination workspace (core.contributions.WORKSPACE_CARDS): the messages
sent through the contact form lately (they are kept even when their email is lost)."""

from datetime import timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.contributions import WORKSPACE_CARDS, Work, WorkLine, WorkspaceCard

from .models import ContactMessage

#: How far back the card counts messages.
RECENT = timedelta(days=30)


def recent_messages(request: HttpRequest) -> Work:
    recent = ContactMessage.objects.filter(created_at__gte=timezone.now() - RECENT)
    return Work(
        count=recent.count(),
        url=reverse("admin:events_contactmessage_changelist"),
        lines=tuple(
            WorkLine(
                f"{message.subject} ({message.name})",
                reverse("admin:events_contactmessage_change", args=[message.pk]),
            )
            for message in recent[:5]
        ),
    )


WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="contact_messages",
        title=_("Contact messages"),
        description=_("Received through the contact form in the last 30 days."),
        collect=recent_messages,
        order=30,
    )
)
