import zoneinfo
from bisect import bisect_left

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.versions import cached
from partners.models import Partner, Person
from projects.models import Project
from segments.models import Segment, WorkingGroup


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")
    GROUP_MEETING = "group_meeting", _("Working group meeting")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    SITE_VISIT = "site_visit", _("Site visit")


def _registrations_with(status: str) -> Coalesce:
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class EventQuerySet(models.QuerySet):
    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def upcoming_first(self) -> "EventQuerySet":
        """Upcoming events soonest first, then past events latest first, in one ordering."""
        past = Q(ends_at__lt=timezone.now())
        return self.annotate(
            ended=Case(When(past, then=Value(True)), default=Value(False)),
            upcoming_start=Case(When(~past, then=F("starts_at"))),
            past_start=Case(When(past, then=F("starts_at"))),
        ).order_by(
            "ended", F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk"
        )

    def with_seats(self) -> "EventQuerySet":
        """Annotated with `confirmed_count` and `waitlisted_count`, so lists show seats left in one query.

        Correlated subqueries (on the registrations' (event, status) index), not a join with GROUP BY:
        a paginated list then counts the registrations of the rows it shows, not of every event."""
        return self.annotate(
            confirmed_count=_registrations_with(RegistrationStatus.CONFIRMED),
            waitlisted_count=_registrations_with(RegistrationStatus.WAITLISTED),
        )

    def involving(self, partner: Partner) -> "EventQuerySet":
        """Events the partner organises or has people registered for (confirmed or waiting)."""
        # Two indexed IN subqueries: an OR across two joins with DISTINCT would scan every event.
        organised = Event.organisers.through.objects.filter(partner=partner).values("event_id")
        registered = Registration.objects.filter(person__partner=partner, status__in=ACTIVE_STATUSES)
        return self.filter(Q(pk__in=organised) | Q(pk__in=registered.values("event_id")))


class Event(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats; empty for no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    organisers = models.ManyToManyField(
        Partner, verbose_name=_("organisers"), blank=True, related_name="events_organised"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    #: When the event was last saved: the calendars' LAST-MODIFIED, DTSTAMP and SEQUENCE.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="event_capacity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/events/{self.slug}/"

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def location(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    def seats_left(self, confirmed: int | None = None) -> int | None:
        """Seats still free given the confirmed count (by default the `with_seats()` annotation);
        None when there is no limit."""
        if self.capacity is None:
            return None
        if confirmed is None:
            confirmed = self.confirmed_count
        return max(self.capacity - confirmed, 0)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event ends after it starts.")})


class BreakoutSession(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    outcome = models.TextField(_("outcome"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("break-out session")
        verbose_name_plural = _("break-out sessions")
        ordering = ["event", "position"]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


#: Registrations that hold a seat or a place in the queue.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self) -> "RegistrationQuerySet":
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "id")

    def counts(self) -> dict[str, int]:
        """Confirmed and waiting registrations, in one query."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )

    def made_by_or_for(self, person: Person) -> "RegistrationQuerySet":
        """The person's own registrations and those they made for colleagues."""
        return self.filter(Q(person=person) | Q(registered_by=person))


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    registered_by = models.ForeignKey(
        Person,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations_made",
        help_text=_("Who made the registration, when a colleague did it."),
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="registration_one_per_person_and_event",
                violation_error_message=_("This person is already registered for this event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} at {self.event} ({self.get_status_display()})"


class NewsItemQuerySet(models.QuerySet):
    def published(self) -> "NewsItemQuerySet":
        return self.filter(published_at__lte=timezone.now())


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    body = models.TextField(_("body"), help_text=_("Markdown; HTML is cleaned."))
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.SET_NULL, related_name="news"
    )
    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="news"
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="news")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="news"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/news/{self.slug}/"


class ContactMessage(models.Model):
    """A message sent through the contact form; kept so none is lost if the email is."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.name})"


def ended_today() -> int:
    """How many events have ended so far today. With the day and the data version (which `cached` keys
    on), it tells which events are past or upcoming: the cached fragments that show events key on it,
    so an event leaves the upcoming ones the moment it ends, without a write."""

    def ends() -> list:
        return sorted(
            Event.objects.filter(ends_at__date=timezone.localdate()).values_list("ends_at", flat=True)
        )

    return bisect_left(cached("event-ends", None, ends), timezone.now())  # past: ends_at < now
