from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import CITY_KINDS, Partner
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


#: A project counts as started (`started_on`) on the day it first reaches one of these statuses.
WORK_STATUSES = (ProjectStatus.FUNDED, ProjectStatus.RUNNING)

#: A project in one of these statuses is over and carries its `ended_on`.
CLOSED_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.REJECTED, ProjectStatus.ABANDONED)


class ProjectQuerySet(models.QuerySet):
    def new_in_segments(self, since: date, until: date) -> "ProjectQuerySet":
        """Projects in a market segment started between two dates, inclusive: what the
        "50 new projects" target counts. Started means the day the project first reached a status in
        which work starts (funded or running, `started_on`); a proposal never counts."""
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
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    started_on = models.DateField(
        _("started on"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The day the project was first funded or running: set by its status history."),
    )
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


#: A participation in one of these statuses is an open period: at most one per project and partner.
OPEN_PARTICIPATION_STATUSES = (
    ParticipationStatus.INVITED,
    ParticipationStatus.REQUESTED,
    ParticipationStatus.ACTIVE,
)


class ParticipationQuerySet(models.QuerySet):
    def open(self) -> "ParticipationQuerySet":
        """Open periods (invited, asked to join, active): at most one per project and partner."""
        return self.filter(status__in=OPEN_PARTICIPATION_STATUSES)

    def active(self, on: date | None = None) -> "ParticipationQuerySet":
        """Participations in force on a date (today by default), from their dates alone."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def count_partners_of(self, projects: "Iterable[Project]") -> None:
        """Set `partner_count` (active participations) on each project of a page, in one query.

        Annotating the whole list instead would group every project before the page is cut."""
        projects = list(projects)
        counts = dict(
            self.filter(project__in=[project.pk for project in projects], status=ParticipationStatus.ACTIVE)
            .values_list("project")
            .annotate(count=models.Count("id"))
            .order_by()
        )
        for project in projects:
            project.partner_count = counts.get(project.pk, 0)


class Participation(models.Model):
    """One period of a partner in a project: leaving and coming back is two periods, at most one of
    them open (invited, asked to join or active)."""

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
                condition=Q(status__in=OPEN_PARTICIPATION_STATUSES),
                name="participation_one_open_per_project_and_partner",
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


#: The deadline of the "50 new projects" target as the source states it (the `new_projects` Target
#: row of the kpis app carries the same date). The project list's `counted` filter uses it.
NEW_PROJECTS_DEADLINE = date(2017, 12, 31)


class SolutionQuerySet(models.QuerySet):
    def with_evidence(self) -> "SolutionQuerySet":
        """Annotates `evidence_score`, how many kinds of evidence the solution shows (a city where it was
        tested, a project, vehicle and charge point figures), and `replication_count`."""
        return self.annotate(
            evidence_score=(
                Case(When(tested_in__isnull=False, then=1), default=0)
                + Case(When(project__isnull=False, then=1), default=0)
                + Case(When(vehicles__isnull=False, then=1), default=0)
                + Case(When(charge_points__isnull=False, then=1), default=0)
            ),
            replication_count=Count("replications", distinct=True),
        )

    def matching(self, need: "Need") -> "SolutionQuerySet":
        """Solutions that could meet a need: the same segment, ranked first by replications in cities of
        the need's size class (what worked in a city like mine), then by evidence, then by replications."""
        size_class = getattr(getattr(need.city, "city_profile", None), "size_class", None)
        return (
            self.filter(segment_id=need.segment_id)
            .with_evidence()
            .annotate(
                similar_replications=Count(
                    "replications",
                    filter=Q(replications__city__city_profile__size_class=size_class),
                    distinct=True,
                )
            )
            .order_by("-similar_replications", "-evidence_score", "-replication_count", "title")
        )


class Solution(models.Model):
    """A tested solution a partner offers, with the evidence of where it runs."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    provider = models.ForeignKey(
        Partner, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="solutions"
    )
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.PROTECT, related_name="solutions"
    )
    summary = models.TextField(_("what it is"))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("Where it runs and what it achieved."))
    vehicles = models.PositiveIntegerField(_("vehicles"), null=True, blank=True)
    charge_points = models.PositiveIntegerField(_("charge points"), null=True, blank=True)
    tested_in = models.ForeignKey(
        Partner,
        verbose_name=_("tested in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solutions_tested",
        limit_choices_to={"kind__in": CITY_KINDS},
        help_text=_("The city or region where it was first deployed."),
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solutions",
        help_text=_("The project that deployed it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = SolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/solutions/{self.slug}/"


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class NeedQuerySet(models.QuerySet):
    def open(self) -> "NeedQuerySet":
        return self.filter(status=NeedStatus.OPEN)

    def met_by(self, solution: Solution) -> "NeedQuerySet":
        """Open needs a solution could meet: the same segment, in cities that have not taken it up yet."""
        return (
            self.open().filter(segment_id=solution.segment_id).exclude(city__replications__solution=solution)
        )


class Need(models.Model):
    """What a city or region wants to procure or solve."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    city = models.ForeignKey(
        Partner,
        verbose_name=_("city or region"),
        on_delete=models.CASCADE,
        related_name="needs",
        limit_choices_to={"kind__in": CITY_KINDS},
    )
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.PROTECT, related_name="needs"
    )
    description = models.TextField(_("what is needed"))
    timeline = models.CharField(_("timeline"), max_length=200, blank=True, help_text=_("e.g. tender in 2018"))
    budget_min_eur = models.PositiveIntegerField(_("budget from (EUR)"), null=True, blank=True)
    budget_max_eur = models.PositiveIntegerField(_("budget up to (EUR)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min_eur__isnull=True)
                | Q(budget_max_eur__isnull=True)
                | Q(budget_max_eur__gte=F("budget_min_eur")),
                name="need_budget_range_ordered",
                violation_error_message=_("The budget's upper bound is at least its lower bound."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/needs/{self.slug}/"


class Replication(models.Model):
    """A city took up a solution, possibly within a project."""

    solution = models.ForeignKey(
        Solution, verbose_name=_("solution"), on_delete=models.CASCADE, related_name="replications"
    )
    city = models.ForeignKey(
        Partner,
        verbose_name=_("city or region"),
        on_delete=models.CASCADE,
        related_name="replications",
        limit_choices_to={"kind__in": CITY_KINDS},
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
    )
    replicated_on = models.DateField(_("replicated on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-replicated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "city"],
                name="replication_one_per_solution_and_city",
                violation_error_message=_("This city has already recorded this replication."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.solution} in {self.city}"
