"""What segments puts on the coordination workspace (core.contributions.WORKSPACE_CARDS): requests
to join a working group that no lead has answered yet, per group."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.contributions import WORKSPACE_CARDS, Work, WorkLine, WorkspaceCard

from .models import MembershipStatus, WorkingGroup


def waiting_requests(request: HttpRequest) -> Work:
    groups = list(
        WorkingGroup.objects.annotate(
            waiting=Count("memberships", filter=Q(memberships__status=MembershipStatus.REQUESTED))
        )
        .filter(waiting__gt=0)
        .order_by("-waiting", "name")
    )
    return Work(
        count=sum(group.waiting for group in groups),
        url=reverse("segments:group_list"),
        lines=tuple(WorkLine(group.name, group.get_absolute_url(), group.waiting) for group in groups),
    )


WORKSPACE_CARDS.register(
    WorkspaceCard(
        key="group_requests",
        title=_("Group requests"),
        description=_("Requests to join a working group that its lead has not answered yet."),
        collect=waiting_requests,
        order=20,
    )
)
