"""Data for the projects app's sections on other apps' pages (/me/, the segment page)."""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from partners.access import acts_for_partner
from partners.models import Person
from segments.models import Segment

from ..maps import map_points
from ..models import Participation, ParticipationRole, ParticipationStatus, Replication

register = template.Library()


@register.simple_tag
def projects_of(person: Person) -> dict[str, Any]:
    """The organisation's projects with its roles, the invitations waiting for its answer and, where it
    coordinates, the requests to join waiting for its decision. Three queries, whatever the numbers."""
    partner = person.partner
    acting = acts_for_partner(person)
    mine = list(
        Participation.objects.filter(partner=partner)
        .exclude(status__in=[ParticipationStatus.DECLINED, ParticipationStatus.LEFT])
        .select_related("project")
        .order_by("project__title")
    )
    requests = Participation.objects.filter(
        status=ParticipationStatus.REQUESTED,
        project__participations__partner=partner,
        project__participations__role=ParticipationRole.COORDINATOR,
    ).select_related("project", "partner")
    return {
        "participations": [p for p in mine if p.status == ParticipationStatus.ACTIVE],
        "invitations": [p for p in mine if p.status == ParticipationStatus.INVITED],
        "asked": [p for p in mine if p.status == ParticipationStatus.REQUESTED],
        "requests": list(requests) if acting else [],
        "may_propose": acting,
    }


@register.simple_tag
def replications_in(segment: Segment) -> dict[str, Any]:
    """A segment's solutions that were taken up, each with where it was tested and the cities that
    replicated it, and the points of a map. One query."""
    replications = list(
        Replication.objects.filter(solution__segment=segment)
        .select_related("solution__tested_in", "city")
        .order_by("solution__title", "city__name")
    )
    solutions: dict[int, dict[str, Any]] = {}
    for replication in replications:
        entry = solutions.setdefault(
            replication.solution_id, {"solution": replication.solution, "cities": []}
        )
        entry["cities"].append(replication.city)
    tested = {r.solution.tested_in for r in replications if r.solution.tested_in}
    places = [(city, _("Tested here")) for city in tested] + [
        (r.city, _("Replicated here")) for r in replications
    ]
    return {"solutions": list(solutions.values()), "points": map_points(places)}
