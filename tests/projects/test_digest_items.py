"""projects' parts of the digest (projects.digest_items), on their own: the subscription and the
period are anything with the attributes they read, so projects needs nothing from the digests app."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.digest_items import new_needs, new_solutions, project_changes
from projects.models import Need, NeedStatus, Project, ProjectStatus, ProjectStatusChange, Solution
from segments.models import Segment, WorkingGroup
from tests.factories import ProjectFactory, SegmentFactory, WorkingGroupFactory

from .factories import NeedFactory, SolutionFactory

pytestmark = pytest.mark.django_db

PERIOD = SimpleNamespace(start=date(2026, 3, 2), end=date(2026, 3, 8))


def following(segments=(), groups=(), projects=()):
    return SimpleNamespace(
        segments=Segment.objects.filter(pk__in=[s.pk for s in segments]),
        groups=WorkingGroup.objects.filter(pk__in=[g.pk for g in groups]),
        projects=Project.objects.filter(pk__in=[p.pk for p in projects]),
    )


def change(project, on, to, from_status=""):
    return ProjectStatusChange.objects.create(
        project=project, from_status=from_status, to_status=to, changed_on=on
    )


def created(obj, day, hour=12):
    """Set auto_now_add's created_at to a local time on `day`."""
    type(obj).objects.filter(pk=obj.pk).update(
        created_at=timezone.make_aware(datetime.combine(day, time(hour)))
    )
    return obj


def test_status_changes_of_projects_followed_directly_or_by_segment_or_group():
    segment, group = SegmentFactory(), WorkingGroupFactory()
    by_name = ProjectFactory(title="By name")
    in_segment = ProjectFactory(segment=segment, title="In the segment")
    change(in_segment, PERIOD.start, ProjectStatus.FORMING)
    change(in_segment, PERIOD.end, ProjectStatus.SUBMITTED, from_status=ProjectStatus.FORMING)
    change(
        ProjectFactory(segment=None, group=group, title="Of the group"),
        PERIOD.end,
        ProjectStatus.FUNDED,
        "running",
    )
    change(by_name, PERIOD.start, ProjectStatus.COMPLETED, "running")
    change(ProjectFactory(segment=segment, title="Before"), date(2026, 3, 1), ProjectStatus.FUNDED, "running")
    change(ProjectFactory(title="Elsewhere"), PERIOD.start, ProjectStatus.FUNDED, "running")

    with CaptureQueriesContext(connection) as queries:
        entries = project_changes(following([segment], [group], [by_name]), PERIOD)

    assert len(queries) == 1
    assert [(e.project.title, e.is_new, e.status) for e in entries] == [
        ("By name", False, "Completed"),
        ("In the segment", True, "Submitted"),
        ("Of the group", False, "Funded"),
    ]
    text = render_to_string(
        "projects/email/digest_projects.txt", {"part": SimpleNamespace(items=entries[1:2]), "site_url": ""}
    )
    assert text == f"Projects\n- In the segment: new, now Submitted\n  {in_segment.get_absolute_url()}\n\n"


def test_solutions_and_open_needs_created_in_the_period_in_followed_segments():
    segment = SegmentFactory(short_name="Bus")
    created(SolutionFactory(segment=segment, title="Fleet telematics"), PERIOD.end, hour=23)
    created(SolutionFactory(segment=segment, title="Too late"), date(2026, 3, 9), hour=0)
    created(SolutionFactory(title="Other segment"), PERIOD.start)
    need = created(NeedFactory(segment=segment, title="Cargo bikes"), PERIOD.start, hour=0)
    created(NeedFactory(segment=segment, title="Closed", status=NeedStatus.CLOSED), PERIOD.start)
    subscription = following([segment])

    with CaptureQueriesContext(connection) as queries:
        solutions, needs = new_solutions(subscription, PERIOD), new_needs(subscription, PERIOD)

    assert len(queries) == 2
    assert [s.title for s in solutions] == ["Fleet telematics"] and isinstance(solutions[0], Solution)
    assert needs == [Need.objects.get(pk=need.pk)]
    text = render_to_string(
        "projects/email/digest_needs.txt",
        {"part": SimpleNamespace(items=needs), "site_url": "https://x.example"},
    )
    assert text == (
        f"New needs of cities and regions\n- Cargo bikes, {need.city.name} (Bus)\n"
        f"  https://x.example{need.get_absolute_url()}\n\n"
    )
    assert new_solutions(following(), PERIOD) == [] and new_needs(following(), PERIOD) == []
