from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The metric identifiers that targets, the dashboard and the API share (see DESIGN.md)."""

    CITIES = "cities", _("Cities and regions joined")
    SME_SHARE = "sme_share", _("SME share of partners")
    COLLABORATION_GROWTH = "collaboration_growth", _("Growth in active collaborations")
    NEW_PROJECTS = "new_projects", _("New projects in the market segments")


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("percent")


class Target(models.Model):
    """A target as data: which metric, what value, by when. Coordinators add targets for later
    periods in the admin, without code."""

    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    target_value = models.DecimalField(_("target value"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    baseline_date = models.DateField(_("baseline date"))
    deadline = models.DateField(_("deadline"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["deadline", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "deadline"], name="target_one_per_metric_and_deadline"),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("baseline_date")),
                name="target_deadline_after_baseline",
                violation_error_message=_("The deadline comes after the baseline date."),
            ),
            models.CheckConstraint(condition=Q(target_value__gte=0), name="target_value_not_negative"),
            models.CheckConstraint(
                condition=~Q(metric="sme_share") | Q(target_value__lte=100),
                name="target_share_in_range",
                violation_error_message=_("A share is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()}: {self.target_value} by {self.deadline:%d %B %Y}"


class DaySnapshot(models.Model):
    """What a snapshot of one day has (kpis.snapshots): final once the day is over (`facts_version`
    empty); today's is provisional, stored with the `facts_version` it was computed on and trusted
    only while no fact has changed since."""

    date = models.DateField(_("date"))
    facts_version = models.BigIntegerField(_("facts version"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        abstract = True


class MetricSnapshot(DaySnapshot):
    """A metric's value at the end of one day: the dashboard and the API read a series from these
    rows in one indexed query and compute live only the days without a current one. `inputs` holds
    the raw counts the value comes from (so a target with another baseline derives its own value);
    `value` is the metric measured from the launch, as kpis.metrics defines it. A correction of the
    past deletes the snapshots from its date on."""

    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    inputs = models.JSONField(_("inputs"), default=dict)

    class Meta:
        verbose_name = _("metric snapshot")
        verbose_name_plural = _("metric snapshots")
        ordering = ["metric", "date"]
        constraints = [
            # Also the index a series is read through: (metric, date).
            models.UniqueConstraint(fields=["metric", "date"], name="snapshot_one_per_metric_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.metric} on {self.date}: {self.value}"


class BreakdownSnapshot(DaySnapshot):
    """A breakdown's raw counts at the end of one day (kpis.breakdowns: codes and ids, labelled when
    read)."""

    name = models.CharField(_("breakdown"), max_length=30)
    rows = models.JSONField(_("rows"), default=list)

    class Meta:
        verbose_name = _("breakdown snapshot")
        verbose_name_plural = _("breakdown snapshots")
        ordering = ["name", "date"]
        constraints = [
            models.UniqueConstraint(fields=["name", "date"], name="breakdown_snapshot_one_per_name_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.date}"


class FactsVersion(models.Model):
    """One row counting the changes to the facts the metrics are computed from (partners, memberships,
    participations, projects and their status history: kpis.facts). A provisional snapshot records
    the count it was computed at; any later change makes it stale. In the database, not the cache, so
    that an emptied cache does not throw away what is still true."""

    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("facts version")
        verbose_name_plural = _("facts versions")

    def __str__(self) -> str:
        return str(self.version)
