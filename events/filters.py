"""The events list's filters, shared by /events/, /events/feed.ics and (later) the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.facets import FacetedFilterSet, FacetSpec
from segments.models import Segment, WorkingGroup

from .models import Event, EventKind


class EventFilterForm(forms.Form):
    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


class EventFilterSet(FacetedFilterSet):
    segment = django_filters.ModelMultipleChoiceFilter(
        label=_("Segment"), field_name="segment__slug", to_field_name="slug", queryset=Segment.objects.all()
    )
    group = django_filters.ModelMultipleChoiceFilter(
        label=_("Working group"),
        field_name="group__slug",
        to_field_name="slug",
        queryset=WorkingGroup.objects.all(),
    )
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=countries)
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="ends_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="starts_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    facet_specs = (
        FacetSpec(name="kind", value="kind", choices=dict(EventKind.choices)),
        FacetSpec(name="segment", value="segment__slug", label="segment__short_name"),
        FacetSpec(name="group", value="group__slug", label="group__name"),
        FacetSpec(name="country", value="country", choices=dict(countries)),
    )

    class Meta:
        model = Event
        fields: list[str] = []
        form = EventFilterForm
