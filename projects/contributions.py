"""What projects adds to the pages that lower apps own (see core.contributions): a partner's
projects on its profile, the organisation's projects on /me/, a segment's projects and replicated
solutions, a working group's projects, and the project count of each segment."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.contributions import (
    GROUP_SECTIONS,
    ME_SECTIONS,
    PROFILE_SECTIONS,
    SEGMENT_FIGURES,
    SEGMENT_SECTIONS,
    Figure,
    Section,
)
from partners.models import Partner
from segments.models import Segment, WorkingGroup, count_per_segment

from .models import Participation, Project


def _partner_projects(request: HttpRequest, partner: Partner) -> dict[str, Any]:
    # The current (latest) period in each project: an earlier one it left or declined is history.
    periods = Participation.objects.filter(partner=partner).select_related("project").order_by("pk")
    current = {participation.project_id: participation for participation in periods}
    return {"participations": sorted(current.values(), key=lambda p: (p.project_id, p.role, p.partner_id))}


def _segment_projects(request: HttpRequest, segment: Segment) -> dict[str, Any]:
    return {
        "projects": Project.objects.filter(segment=segment)
        .select_related("group")
        .order_by("-started_on", "title")
    }


def _group_projects(request: HttpRequest, group: WorkingGroup) -> dict[str, Any]:
    return {"projects": Project.objects.filter(group=group).order_by("-started_on", "title")}


PROFILE_SECTIONS.register(Section("projects", "projects/partner_projects.html", _partner_projects, order=30))
ME_SECTIONS.register(Section("projects", "projects/me_section.html", lambda request, person: {}, order=30))
SEGMENT_SECTIONS.register(Section("projects", "projects/segment_projects.html", _segment_projects, order=30))
# After the events' section, where the page has always shown it.
SEGMENT_SECTIONS.register(
    Section("replications", "projects/segment_replications.html", lambda request, segment: {}, order=50)
)
GROUP_SECTIONS.register(Section("projects", "projects/group_projects.html", _group_projects, order=30))
SEGMENT_FIGURES.register(
    Figure("project_count", _("Projects"), lambda: count_per_segment(Project.objects.all()), order=30)
)
