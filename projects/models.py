from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from segments.models import Segment, WorkingGroup


class FundingCallQuerySet(models.QuerySet):
    def open(self, on: date | None = None) -> "FundingCallQuerySet":
        return self.filter(deadline__gte=on or timezone.localdate())


class FundingCall(models.Model):
    programme = models.CharField(_("programme"), max_length=80, help_text=_("e.g. Horizon 2020"))
    identifier = models.CharField(_("identifier"), max_length=60, unique=True, help_text=_("e.g. GV8-2017"))
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateField(_("deadline"), db_index=True)
    url = models.URLField(_("call page"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = FundingCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.title}"


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    FORMING = "forming", _("Forming")
    SUBMITTED = "submitted", _("Submitted")
    FUNDED = "funded", _("Funded")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    ABANDONED = "abandoned", _("Abandoned")


#: A project in one of these statuses is over and carries its `ended_on`.
CLOSED_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.REJECTED, ProjectStatus.ABANDONED)


class ProjectQuerySet(models.QuerySet):
    def new_in_segments(self, since: date, until: date) -> "ProjectQuerySet":
        """Projects in a market segment started between two dates, inclusive: what the
        "50 new projects" target counts."""
        return self.filter(segment__isnull=False, started_on__gte=since, started_on__lte=until)

    def open(self) -> "ProjectQuerySet":
        return self.exclude(status__in=CLOSED_STATUSES)


class Project(models.Model):
    """A project or consortium, from an idea to its end."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("The working group the project came from."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.IDEA, db_index=True
    )
    started_on = models.DateField(_("started on"), null=True, blank=True, db_index=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-started_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project ends on or after the day it started."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES) | Q(ended_on__isnull=False),
                name="project_closed_has_ended_on",
                violation_error_message=_("A completed, rejected or abandoned project has an end date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/projects/{self.slug}/"


class ProjectStatusChange(models.Model):
    """The history of a project's status: who moved it, from what, to what, when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ProjectStatus.choices)
    changed_on = models.DateField(_("changed on"), default=timezone.localdate)
    changed_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_on", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_status or '-'} → {self.to_status}"


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class ParticipationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class ParticipationQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> "ParticipationQuerySet":
        """Participations in force on a date (today by default), from their dates alone."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


class Participation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipationRole.choices, default=ParticipationRole.PARTNER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.ACTIVE
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "role", "partner__name"]
        indexes = [models.Index(fields=["project", "joined_on", "left_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner"],
                name="participation_one_per_project_and_partner",
                violation_error_message=_("This partner is already in this project."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role=ParticipationRole.COORDINATOR),
                name="participation_one_coordinator",
                violation_error_message=_("A project has one coordinator at most."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=False, left_on__gte=F("joined_on")),
                name="participation_left_after_joined",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ParticipationStatus.ACTIVE, ParticipationStatus.LEFT])
                | Q(joined_on__isnull=False),
                name="participation_active_has_joined_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} in {self.project} ({self.get_role_display()})"
