"""The project list's filters and facets; the page and the API share this one FilterSet."""

from datetime import date

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.facets import FacetedFilterSet, FacetSpec
from core.filters import BooleanFilter
from partners.models import LAUNCH_DATE, Partner
from segments.models import Segment

from .models import NEW_PROJECTS_DEADLINE, FundingCall, Need, NeedStatus, Project, ProjectStatus, Solution


def counted_until(today: date | None = None) -> date:
    """The last day the "50 new projects" target counts as of today: the deadline, or today before it."""
    return min(today or timezone.localdate(), NEW_PROJECTS_DEADLINE)


def counted_projects() -> QuerySet:
    """Exactly the projects the `new_projects` target counts (see Project.objects.new_in_segments)."""
    return Project.objects.new_in_segments(LAUNCH_DATE, counted_until())


class ProjectFilter(FacetedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    segment = django_filters.ModelMultipleChoiceFilter(
        field_name="segment__slug", to_field_name="slug", queryset=Segment.objects.all(), label=_("Segment")
    )
    status = django_filters.MultipleChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    call = django_filters.ModelMultipleChoiceFilter(
        field_name="call__identifier",
        to_field_name="identifier",
        queryset=FundingCall.objects.all(),
        label=_("Call"),
    )
    country = django_filters.MultipleChoiceFilter(
        field_name="participations__partner__country",
        choices=list(countries),
        distinct=True,
        label=_("Country of participants"),
    )
    partner = django_filters.ModelMultipleChoiceFilter(
        field_name="participations__partner__slug",
        to_field_name="slug",
        queryset=Partner.objects.all(),
        distinct=True,
        label=_("Partner"),
    )
    counted = BooleanFilter(
        method="counted_toward_target", label=_("Only the projects counted toward the 50 new projects target")
    )

    facet_specs = (
        FacetSpec("segment", "segment__slug", "segment__short_name"),
        FacetSpec("status", "status", choices=dict(ProjectStatus.choices)),
        FacetSpec("call", "call__identifier"),
        FacetSpec("country", "participations__partner__country", choices=dict(countries)),
        FacetSpec("partner", "participations__partner__slug", "participations__partner__name", limit=15),
    )

    class Meta:
        model = Project
        fields = ["q", "segment", "status", "call", "country", "partner", "counted"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(call__identifier__icontains=word)
            )
        return queryset

    def counted_toward_target(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if not value:
            return queryset
        return queryset.new_in_segments(LAUNCH_DATE, counted_until())


class SolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    segment = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Segment.objects.all(),
        label=_("Segment"),
        empty_label=_("All segments"),
    )

    class Meta:
        model = Solution
        fields = ["q", "segment"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(provider__name__icontains=word)
            )
        return queryset


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    segment = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Segment.objects.all(),
        label=_("Segment"),
        empty_label=_("All segments"),
    )
    status = django_filters.ChoiceFilter(
        choices=NeedStatus.choices, label=_("Status"), empty_label=_("Any status")
    )

    class Meta:
        model = Need
        fields = ["q", "segment", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(city__name__icontains=word)
            )
        return queryset
