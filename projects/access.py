"""Who may manage a project and its consortium: coordinators and the representatives of the
project's coordinating partner (partners' definition of a representative of an active partner).
Views, the API and services ask here."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from partners.access import User, is_coordinator, represents
from partners.models import Partner

from .models import ParticipationRole, Project


def coordinator_of(project: Project) -> Partner | None:
    """The partner that coordinates the project (not to be confused with the network's coordinators)."""
    participation = (
        project.participations.select_related("partner").filter(role=ParticipationRole.COORDINATOR).first()
    )
    return participation.partner if participation else None


def may_manage(user: User | None, project: Project) -> bool:
    """Edit the project, invite partners, decide on requests, move its status: coordinators and the
    representatives of the project's coordinating partner."""
    if is_coordinator(user):
        return True
    partner = coordinator_of(project)
    return partner is not None and represents(user, partner)


def get_managed_project(request: HttpRequest, slug: str) -> Project:
    """The project, if the user may manage it: 404 when there is none, 403 when it is not theirs."""
    project = get_object_or_404(Project, slug=slug)
    if not may_manage(request.user, project):
        raise PermissionDenied(
            _("Only the representatives of the coordinating partner can edit this project.")
        )
    return project
