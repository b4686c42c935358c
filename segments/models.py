from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.contributions import SEGMENT_FIGURES
from partners.models import CITY_KINDS, MembershipApplication, Partner


def count_per_segment(rows: models.QuerySet, field: str = "segment") -> Coalesce:
    """How many of `rows` point at the segment being annotated (their `field` is OuterRef("pk")), as
    a subquery: several counts side by side then don't multiply each other's joins. Apps above
    segments count their rows with it for SEGMENT_FIGURES."""
    counted = (
        rows.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted), 0)


class SegmentQuerySet(models.QuerySet):
    def with_figures(self) -> "SegmentQuerySet":
        """Counts for each segment: working groups, partners active in them, and the figures that apps
        above segments contribute (SEGMENT_FIGURES: projects, upcoming events)."""
        partners = (
            GroupMembership.objects.filter(group__segment=OuterRef("pk"), status=MembershipStatus.ACTIVE)
            .order_by()
            .values("group__segment")
            .annotate(n=Count("partner", distinct=True))
            .values("n")
        )
        return self.annotate(
            group_count=count_per_segment(WorkingGroup.objects.all()),
            partner_count=Coalesce(Subquery(partners), 0),
            **{figure.key: figure.count() for figure in SEGMENT_FIGURES},
        )

    def with_leads_and_groups(self) -> "SegmentQuerySet":
        """The lead city and companies, and the groups with the cities and regions active in each."""
        return self.select_related("lead_city__city_profile").prefetch_related(
            Prefetch("lead_companies", queryset=Partner.objects.order_by("name")),
            Prefetch("groups", queryset=WorkingGroup.objects.with_active_cities().with_member_counts()),
        )


class Segment(models.Model):
    """One of the five market segments; in each, a lead city with companies promotes the
    replication of a tested innovation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)
    lead_city = models.ForeignKey(
        Partner,
        verbose_name=_("lead city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_segments",
        limit_choices_to={"kind__in": CITY_KINDS},
    )
    lead_companies = models.ManyToManyField(
        Partner, verbose_name=_("lead companies"), blank=True, related_name="segments_co_led"
    )
    interested_partners = models.ManyToManyField(
        Partner, verbose_name=_("partners interested"), blank=True, related_name="segments_of_interest"
    )
    interested_applications = models.ManyToManyField(
        MembershipApplication, blank=True, related_name="segments_of_interest"
    )

    objects = SegmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("market segment")
        verbose_name_plural = _("market segments")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/segments/{self.slug}/"

    @property
    def figures(self) -> list[tuple[str, int]]:
        """The counts of `with_figures()` as (label, value), the segment's own first."""
        own = [(_("Partners in its groups"), self.partner_count), (_("Working groups"), self.group_count)]
        return own + [(figure.label, getattr(self, figure.key)) for figure in SEGMENT_FIGURES]


class Admission(models.TextChoices):
    OPEN = "open", _("Open: join at once")
    REQUEST = "request", _("By request: the lead approves")


class WorkingGroupQuerySet(models.QuerySet):
    def with_active_cities(self) -> "WorkingGroupQuerySet":
        """Each group with `active_cities`: the active memberships of cities and regions, with their
        city profiles (to mark the small and medium ones)."""
        cities = (
            GroupMembership.objects.current()
            .filter(partner__in=Partner.objects.active().cities())
            .select_related("partner__city_profile")
            .order_by("partner__name")
        )
        return self.prefetch_related(Prefetch("memberships", queryset=cities, to_attr="active_cities"))

    def with_member_counts(self) -> "WorkingGroupQuerySet":
        return self.annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )

    def with_leads(self) -> "WorkingGroupQuerySet":
        """Each group with `leads`: its active lead memberships, partner loaded."""
        leads = GroupMembership.objects.leads().select_related("partner")
        return self.prefetch_related(Prefetch("memberships", queryset=leads, to_attr="leads"))

    def not_joined_by(self, partner: Partner) -> "WorkingGroupQuerySet":
        """Groups in the partner's segments of interest that it is neither in nor waiting to join."""
        taken = GroupMembership.objects.filter(
            partner=partner, status__in=[MembershipStatus.ACTIVE, MembershipStatus.REQUESTED]
        ).values("group")
        return self.filter(segment__interested_partners=partner).exclude(pk__in=taken)

    def joined_by(self, partner: Partner) -> "WorkingGroupQuerySet":
        return self.filter(pk__in=GroupMembership.objects.current().filter(partner=partner).values("group"))


class WorkingGroup(models.Model):
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.PROTECT, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    admission = models.CharField(
        _("admission"), max_length=10, choices=Admission.choices, default=Admission.OPEN
    )
    description = models.TextField(_("purpose"), blank=True)
    formed_on = models.DateField(_("formed on"), default=timezone.localdate)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/groups/{self.slug}/"

    @property
    def is_open(self) -> bool:
        return self.admission == Admission.OPEN


class GroupRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LEFT = "left", _("Left")


#: A membership in one of these statuses is an open period: at most one per partner and group.
OPEN_MEMBERSHIP_STATUSES = (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)


class GroupMembershipQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> "GroupMembershipQuerySet":
        """Memberships in force on a date (today by default), from their dates alone."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def pending(self) -> "GroupMembershipQuerySet":
        return self.filter(status=MembershipStatus.REQUESTED)

    def open(self) -> "GroupMembershipQuerySet":
        """Open periods (requested or active): at most one per partner and group."""
        return self.filter(status__in=OPEN_MEMBERSHIP_STATUSES)

    def current(self) -> "GroupMembershipQuerySet":
        """Memberships in force now, by their status (the workflow's view, as opposed to `active`)."""
        return self.filter(status=MembershipStatus.ACTIVE)

    def leads(self) -> "GroupMembershipQuerySet":
        return self.current().filter(role=GroupRole.LEAD)

    def awaiting_decision_of(self, partner: Partner) -> "GroupMembershipQuerySet":
        """Pending requests in the groups this partner leads."""
        led = GroupMembership.objects.leads().filter(partner=partner).values("group")
        return self.pending().filter(group__in=led)


class GroupMembership(models.Model):
    """One period of a partner in a working group. Leaving and rejoining is two periods, so the past
    stays as it was; at most one period per partner and group is open (requested or active)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    message = models.TextField(_("message"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "partner__name"]
        indexes = [models.Index(fields=["group", "joined_on", "left_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "group"],
                condition=Q(status__in=OPEN_MEMBERSHIP_STATUSES),
                name="membership_one_open_per_partner_and_group",
                violation_error_message=_("This partner already has a membership of this group."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=False, left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT])
                | Q(joined_on__isnull=False),
                name="membership_active_has_joined_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} in {self.group} ({self.get_role_display()})"
