import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Partner

from .models import Admission, Segment, WorkingGroup, WorkingGroupQuerySet


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
    not_joined = django_filters.BooleanFilter(
        label=_("Only the groups it has not joined yet, in its segments of interest"),
        widget=forms.CheckboxInput,
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
