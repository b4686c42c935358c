from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from partners.models import Person
from projects.models import Project
from segments.models import Segment, WorkingGroup


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    OFF = "off", _("Off: no digest")


#: The frequencies a digest run can be for.
SENDING_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY)


class Subscription(models.Model):
    """What one person wants to hear about, and how often."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="digest_subscription"
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY, db_index=True
    )
    segments = models.ManyToManyField(Segment, verbose_name=_("segments"), blank=True, related_name="+")
    groups = models.ManyToManyField(
        WorkingGroup, verbose_name=_("working groups"), blank=True, related_name="+"
    )
    projects = models.ManyToManyField(Project, verbose_name=_("projects"), blank=True, related_name="+")
    countries = CountryField(
        _("countries"), multiple=True, blank=True, help_text=_("New partners from these countries.")
    )
    all_news = models.BooleanField(
        _("all news"), default=True, help_text=_("Every news item, not only those about what you follow.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")

    def __str__(self) -> str:
        return f"{self.person.name}: {self.get_frequency_display()}"


class DeliveryStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed: being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    #: Claimed, and the worker stopped before recording the outcome: the mail server may or may not have
    #: taken the digest. Reported to coordinators, never sent again (at most once per person and period).
    UNKNOWN = "unknown", _("Unknown: the sender stopped mid-send; not repeated")


class Delivery(models.Model):
    """One person's digest for one period. The row is claimed before the email goes out, and the
    unique constraint makes sure a period is delivered once, however often the run is repeated."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.CLAIMED
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-period_start", "person_id"]
        indexes = [models.Index(fields=["frequency", "period_start", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "frequency", "period_start"],
                name="delivery_one_per_person_and_period",
                violation_error_message=_("This person's digest for this period is already recorded."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="delivery_period_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.SENT) | models.Q(sent_at__isnull=False),
                name="delivery_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.frequency} {self.period_start}: {self.status}"
