"""`started_on` becomes the day a project first reached a status in which work starts (funded or
running), from its status history; the day it was proposed moves to `proposed_on`.

Until now `started_on` was the proposal day: it is kept in `proposed_on`. A project with no funded
or running entry in its history has no start date (a proposal never counts as a new project),
unless it is funded, running or completed today without such an entry (data loaded around the
services): then its old date is the best evidence there is and stays. Reversing puts the proposal
day back into `started_on`."""

from django.db import migrations
from django.db.models import Min

WORK = ("funded", "running")
STARTED = ("funded", "running", "completed")


def split_dates(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    ProjectStatusChange = apps.get_model("projects", "ProjectStatusChange")
    first_work = dict(
        ProjectStatusChange.objects.filter(to_status__in=WORK)
        .values_list("project_id")
        .annotate(day=Min("changed_on"))
        .order_by()
    )
    for project in Project.objects.all().iterator():
        project.proposed_on = project.started_on
        started = first_work.get(project.pk)
        if started is None and project.status in STARTED:
            started = project.started_on
        if started is not None and project.ended_on is not None and started > project.ended_on:
            started = project.ended_on  # a history out of order: the constraint wants start <= end
        project.started_on = started
        project.save(update_fields=["proposed_on", "started_on"])


def merge_dates(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for project in Project.objects.exclude(proposed_on=None).iterator():
        project.started_on = project.proposed_on
        project.save(update_fields=["started_on"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_participation_periods_and_proposed_on")]

    operations = [migrations.RunPython(split_dates, merge_dates)]
