"""Forget the cached KPI results whenever a fact the metrics read is saved or deleted."""

from django.db.models.signals import post_delete, post_save

from partners.models import Partner
from projects.models import Participation, Project
from segments.models import GroupMembership

from . import cache
from .models import Target

WATCHED = [Partner, GroupMembership, Participation, Project, Target]


def forget_results(sender, **kwargs) -> None:
    cache.forget()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(forget_results, sender=model, dispatch_uid=f"kpis-save-{model.__name__}")
        post_delete.connect(forget_results, sender=model, dispatch_uid=f"kpis-delete-{model.__name__}")
