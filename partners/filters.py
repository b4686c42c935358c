"""The partner directory's filters, shared by the page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.facets import FacetedFilterSet, FacetSpec

from .models import Partner, PartnerKind, SizeClass

SME_CHOICES = {True: _("SME"), False: _("Not an SME")}


class OpenMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts any value: for values that live in the data (segment slugs, years), where a value
    that matches nothing should simply give an empty list."""

    def valid_value(self, value) -> bool:
        return True


class OpenMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = OpenMultipleChoiceField


class PartnerFilter(FacetedFilterSet):
    """Search, facets and sorting over partners (the view passes the active ones). A value that is
    not a choice makes the form invalid; that filter is then ignored and the form shows why."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # distinct=False: these filters join at most one row per partner (its city profile), and DISTINCT
    # would make the database sort every match.
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=list(countries), distinct=False)
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=PartnerKind.choices, distinct=False)
    segment = OpenMultipleChoiceFilter(label=_("Segment"), method="filter_segment")
    sme = django_filters.MultipleChoiceFilter(
        label=_("SME"),
        field_name="is_sme",
        choices=[(str(key), label) for key, label in SME_CHOICES.items()],
        distinct=False,
    )
    size = django_filters.MultipleChoiceFilter(
        label=_("City size"), field_name="city_profile__size_class", choices=SizeClass.choices, distinct=False
    )
    joined = OpenMultipleChoiceFilter(label=_("Joined in"), method="filter_joined")
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields={"name": "name", "joined_on": "joined", "country": "country"},
        choices=[("name", _("Name")), ("-joined", _("Newest")), ("country", _("Country"))],
        empty_label=None,
        null_label=None,
    )

    # Only the segment facet joins many rows per partner (its memberships); no filter does.
    facet_specs = (
        FacetSpec("country", "country", choices=dict(countries), distinct=False),
        FacetSpec("kind", "kind", choices=dict(PartnerKind.choices), distinct=False),
        FacetSpec(
            "segment",
            "active_memberships__group__segment__slug",
            "active_memberships__group__segment__short_name",
        ),
        FacetSpec("sme", "is_sme", choices=SME_CHOICES, distinct=False),
        FacetSpec("size", "city_profile__size_class", choices=dict(SizeClass.choices), distinct=False),
        FacetSpec("joined", "joined_on__year", distinct=False),
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        # The segment facet counts through active memberships only (see PartnerQuerySet.in_segments).
        queryset = (queryset if queryset is not None else Partner.objects.all()).with_active_memberships()
        super().__init__(data, queryset, **kwargs)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_segment(self, queryset, name, value):
        return queryset.in_segments(value) if value else queryset

    def filter_joined(self, queryset, name, value):
        years = [int(year) for year in value if year.isdigit() and len(year) == 4]
        return queryset.filter(joined_on__year__in=years) if value else queryset
