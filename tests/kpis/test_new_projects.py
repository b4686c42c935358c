"""The definition of a new project: counted on the day it first reaches a status in which work
starts (funded or running), from its status history; a proposal that never got there never counts."""

from datetime import date

import pytest
from django.utils import timezone

from kpis.metrics import new_projects
from partners.models import LAUNCH_DATE
from projects import services
from projects.models import Project, ProjectStatus

S = ProjectStatus
TODAY = timezone.localdate


@pytest.fixture
def proposal(cast):
    return services.propose_project(
        title="Charging hubs", segment=cast.segment, call=None, summary="Hubs.", by=cast.rep_a
    )


def move(project, *statuses, by):
    for status in statuses:
        project = services.change_status(project=project, to_status=status, by=by)
    return project


def test_a_proposal_has_a_proposal_day_and_no_start(proposal):
    assert (proposal.proposed_on, proposal.started_on) == (TODAY(), None)
    assert new_projects(TODAY()) == 0


def test_a_project_counts_from_the_day_it_is_funded_and_that_day_stays(cast, proposal):
    move(proposal, S.FORMING, S.SUBMITTED, by=cast.coordinator)
    assert new_projects(TODAY()) == 0
    project = move(proposal, S.FUNDED, by=cast.coordinator)
    assert project.started_on == TODAY() and new_projects(TODAY()) == 1
    project = move(project, S.RUNNING, S.COMPLETED, by=cast.coordinator)
    assert project.started_on == TODAY() and new_projects(TODAY()) == 1


@pytest.mark.parametrize(
    "path",
    [(S.FORMING, S.SUBMITTED, S.REJECTED), (S.FORMING, S.ABANDONED), (S.ABANDONED,), (S.FORMING,)],
    ids=["rejected", "abandoned while forming", "abandoned as an idea", "still forming"],
)
def test_a_proposal_that_never_got_funded_never_counts(cast, proposal, path):
    project = move(proposal, *path, by=cast.coordinator)
    assert project.started_on is None
    assert new_projects(TODAY()) == 0


def test_the_migration_takes_the_start_from_the_status_history(cast):
    """What 0004_started_on_from_status_history does, on the rows it meets."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("projects.migrations.0004_started_on_from_status_history")
    funded = Project.objects.create(
        title="F", slug="f", segment=cast.segment, status=S.RUNNING, started_on=date(2016, 3, 1)
    )
    funded.status_changes.create(to_status=S.IDEA, changed_on=date(2016, 3, 1))
    funded.status_changes.create(to_status=S.FUNDED, changed_on=date(2016, 9, 1))
    rejected = Project.objects.create(
        title="R",
        slug="r",
        segment=cast.segment,
        status=S.REJECTED,
        started_on=date(2016, 4, 1),
        ended_on=date(2016, 8, 1),
    )
    rejected.status_changes.create(to_status=S.REJECTED, changed_on=date(2016, 8, 1))
    migration.split_dates(apps, None)
    funded.refresh_from_db()
    rejected.refresh_from_db()
    assert (funded.proposed_on, funded.started_on) == (date(2016, 3, 1), date(2016, 9, 1))
    assert (rejected.proposed_on, rejected.started_on) == (date(2016, 4, 1), None)
    assert new_projects(date(2016, 12, 31), baseline=LAUNCH_DATE) == 1
