"""What partners puts on the coordination workspace (core.contributions.WORKSPACE_CARDS): the
applications waiting for a review, and the data-quality warnings about partners."""

from urllib.parse import urlencode

from django.db.models import Count, Min
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.contributions import WORKSPACE_CARDS, Work, WorkLine, WorkspaceCard

from .models import MembershipApplication, Partner

#: Lines a card lists; the card's link shows them all.
SHOWN = 5


def pending_applications(request: HttpRequest) -> Work:
    pending = MembershipApplication.objects.pending().order_by("submitted_at")
    return Work(
        count=pending.count(),
        url=reverse("partners:applications"),
        lines=tuple(
            WorkLine(application.organisation_name, reverse("partners:application", args=[application.pk]))
            for application in pending[:SHOWN]
        ),
    )


def without_coordinates(request: HttpRequest) -> Work:
    """Active partners the map cannot show: no coordinates recorded."""
    missing = Partner.objects.active().filter(latitude__isnull=True).order_by("name")
    return Work(
        count=missing.count(),
        url=reverse("admin:partners_partner_changelist") + "?latitude__isnull=True",
        lines=tuple(
            WorkLine(partner.name, reverse("partners:edit", args=[partner.slug]))
            for partner in missing[:SHOWN]
        ),
    )


def duplicate_names(request: HttpRequest) -> Work:
    """Active partners whose names differ only in case, accents or spacing: likely one organisation
    recorded twice. Each line opens the directory searched for that name."""
    groups = (
        Partner.objects.active()
        .order_by()
        .values("name_key")
        .annotate(partners=Count("id"), label=Min("name"))
        .filter(partners__gt=1)
        .order_by("name_key")
    )
    groups = list(groups)
    return Work(
        count=sum(group["partners"] for group in groups),
        url=reverse("partners:list"),
        lines=tuple(
            WorkLine(
                group["label"],
                reverse("partners:list") + "?" + urlencode({"q": group["label"]}),
                group["partners"],
            )
            for group in groups[:SHOWN]
        ),
    )


WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="applications",
        title=_("Membership applications"),
        description=_("Waiting for a review, oldest first."),
        collect=pending_applications,
        order=10,
    )
)
WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="without_coordinates",
        title=_("Partners without coordinates"),
        description=_("Active partners the map cannot show."),
        collect=without_coordinates,
        order=60,
    )
)
WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="duplicates",
        title=_("Possible duplicates"),
        description=_("Active partners whose names differ only in case, accents or spacing."),
        collect=duplicate_names,
        order=70,
    )
)
