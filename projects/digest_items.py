"""What projects tells a subscriber in the digest email (see core.contributions.DIGEST_ITEMS): the
status changes of the projects they follow, and the new tested solutions and open needs of the
segments they follow.

Each `collect` reads the subscription's `segments`, `groups` and `projects` (managers or querysets
of `Segment`, `WorkingGroup` and `Project`, used as subqueries) and `period.start` and `period.end`
(dates, inclusive); each runs one query.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from django.db.models import Q
from django.utils import timezone

from core.contributions import DIGEST_ITEMS, DigestItems

from .models import Need, Project, ProjectStatusChange, Solution


@dataclass
class ProjectChanges:
    project: Project
    changes: list[ProjectStatusChange]

    @property
    def is_new(self) -> bool:
        return not self.changes[0].from_status

    @property
    def status(self) -> str:
        return self.changes[-1].get_to_status_display()


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def created_in(period: Any) -> Q:
    """Created during the period: from the local midnight of its first day to that after its last."""
    return Q(
        created_at__gte=_local_midnight(period.start),
        created_at__lt=_local_midnight(period.end + timedelta(days=1)),
    )


def project_changes(subscription: Any, period: Any) -> list[ProjectChanges]:
    """Status changes of the followed projects, and of those of the followed segments and groups."""
    followed = (
        Q(project__in=subscription.projects.values("pk"))
        | Q(project__segment__in=subscription.segments.values("pk"))
        | Q(project__group__in=subscription.groups.values("pk"))
    )
    changes = (
        ProjectStatusChange.objects.filter(followed, changed_on__range=(period.start, period.end))
        .select_related("project")
        .order_by("project__title", "project_id", "changed_on", "changed_at", "id")
    )
    return [ProjectChanges(project, list(rows)) for project, rows in groupby(changes, lambda c: c.project)]


def new_solutions(subscription: Any, period: Any) -> list[Solution]:
    return list(
        Solution.objects.filter(created_in(period), segment__in=subscription.segments.values("pk"))
        .select_related("provider", "segment")
        .order_by("segment__position", "title")
    )


def new_needs(subscription: Any, period: Any) -> list[Need]:
    """Needs created in the period and still open."""
    return list(
        Need.objects.open()
        .filter(created_in(period), segment__in=subscription.segments.values("pk"))
        .select_related("city", "segment")
        .order_by("segment__position", "title")
    )


DIGEST_ITEMS.register(
    DigestItems(
        key="projects",
        collect=project_changes,
        template="projects/email/digest_projects.html",
        text_template="projects/email/digest_projects.txt",
        order=20,
    )
)
DIGEST_ITEMS.register(
    DigestItems(
        key="solutions",
        collect=new_solutions,
        template="projects/email/digest_solutions.html",
        text_template="projects/email/digest_solutions.txt",
        order=30,
    )
)
DIGEST_ITEMS.register(
    DigestItems(
        key="needs",
        collect=new_needs,
        template="projects/email/digest_needs.html",
        text_template="projects/email/digest_needs.txt",
        order=40,
    )
)
