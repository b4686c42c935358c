import django_filters
from django import forms
from django.db.models import FilteredRelation, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.facets import FacetSpec
from core.filters import BooleanFilter
from partners.models import Partner

from .models import Admission, GroupMembership, MembershipStatus, Segment, WorkingGroup, WorkingGroupQuerySet


class WorkingGroupFilter(django_filters.FilterSet):
    """Working groups by segment and admission, and "cities first": with `city` (a city's or
    region's slug) the groups it is in, or with `not_joined` too, the groups in its segments of
    interest that it has not joined or asked to join yet."""

    segment = django_filters.ModelChoiceFilter(
        label=_("Segment"),
        queryset=Segment.objects.all(),
        to_field_name="slug",
        empty_label=_("All segments"),
    )
    admission = django_filters.ChoiceFilter(
        label=_("Admission"), choices=Admission.choices, empty_label=_("Open or by request")
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City or region"),
        queryset=Partner.objects.cities().order_by("name"),
        to_field_name="slug",
        method="filter_city",
        empty_label=_("Any"),
    )
    not_joined = BooleanFilter(
        label=_("Only the groups it has not joined yet, in its segments of interest"),
        method="filter_nothing",
    )

    class Meta:
        model = WorkingGroup
        fields = ["segment", "admission", "city", "not_joined"]

    def filter_city(
        self, queryset: WorkingGroupQuerySet, name: str, partner: Partner
    ) -> WorkingGroupQuerySet:
        if self.form.cleaned_data.get("not_joined"):
            return queryset.not_joined_by(partner)
        return queryset.joined_by(partner)

    def filter_nothing(self, queryset: WorkingGroupQuerySet, name: str, value: bool) -> WorkingGroupQuerySet:
        """`not_joined` only qualifies `city` (see filter_city)."""
        return queryset


# --- The partner directory's segment filter and facet (contributed in segments/contributions.py) --


def with_active_memberships(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """Adds the relation `active_memberships` (a partner's active working-group memberships) as an
    alias, so the segment facet can group partners by segment; no join until the facet uses it."""
    return partners.alias(
        active_memberships=FilteredRelation(
            "group_memberships", condition=Q(group_memberships__status=MembershipStatus.ACTIVE)
        )
    )


def partners_in_segments(partners: QuerySet[Partner], name: str, slugs: list[str]) -> QuerySet[Partner]:
    """Partners active in any of these segments (by slug): an active membership of one of the
    segment's working groups. This is the one meaning of "a partner's segment" (directory, API)."""
    if not slugs:
        return partners
    # A subquery, not a join: a partner in two of the groups stays one row, with no DISTINCT to sort.
    memberships = GroupMembership.objects.filter(
        status=MembershipStatus.ACTIVE, group__segment__slug__in=slugs
    )
    return partners.filter(pk__in=memberships.values("partner_id"))


class SegmentSlugsField(forms.MultipleChoiceField):
    """Segment slugs, checked against the segments only when some are given (no query otherwise):
    a slug that names no segment is an error, a 400 in the API, as on every other list's filters."""

    def valid_value(self, value: str) -> bool:
        return Segment.objects.filter(slug=value).exists()


class SegmentSlugsFilter(django_filters.MultipleChoiceFilter):
    field_class = SegmentSlugsField


def directory_segment_filter() -> django_filters.Filter:
    return SegmentSlugsFilter(label=_("Segment"), method=partners_in_segments)


#: The segment facet joins many rows per partner (its memberships), so it counts distinct partners.
DIRECTORY_SEGMENT_FACET = FacetSpec(
    "segment",
    "active_memberships__group__segment__slug",
    "active_memberships__group__segment__short_name",
)
