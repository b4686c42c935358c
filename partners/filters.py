"""The partner directory's filters, shared by the page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.filterset import FilterSetMetaclass

from core.collation import NaturalOrder
from core.contributions import DIRECTORY_FILTERS
from core.facets import Facet, FacetedFilterSet, FacetSpec
from core.filters import BooleanFilter

from .models import Partner, PartnerKind, SizeClass

SME_CHOICES = {True: _("SME"), False: _("Not an SME")}


class OpenMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts any value: for values that live in the data (segment slugs, years), where a value
    that matches nothing should simply give an empty list."""

    def valid_value(self, value) -> bool:
        return True


class OpenMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = OpenMultipleChoiceField


class ContributedFilters(FilterSetMetaclass):
    """The filters of the apps above partners (DIRECTORY_FILTERS) join the class's own, after
    "kind", whenever `base_filters` is read: by the FilterSet itself, the API's parameter check and
    the OpenAPI schema alike. Read late because the registry fills in `AppConfig.ready()`, which may
    run after this module is imported."""

    @property
    def base_filters(cls) -> dict[str, django_filters.Filter]:
        own = list(cls._own_filters.items())
        position = [name for name, _filter in own].index("kind") + 1
        added = [(part.key, part.make_filter()) for part in DIRECTORY_FILTERS]
        return dict(own[:position] + added + own[position:])

    @base_filters.setter
    def base_filters(cls, filters: dict[str, django_filters.Filter]) -> None:
        # FilterSetMetaclass sets the declared filters here when it builds the class.
        cls._own_filters = filters


class NaturalOrderingFilter(django_filters.OrderingFilter):
    """Sorting where `name` is in natural-language order (core.collation), not by code point."""

    def get_ordering_value(self, param: str):
        value = super().get_ordering_value(param)
        if value.removeprefix("-") != "name":
            return value
        expression = NaturalOrder("name", "name_key")
        return expression.desc() if value.startswith("-") else expression.asc()


class PartnerFilter(FacetedFilterSet, metaclass=ContributedFilters):
    """Search, facets and sorting over partners (the view passes the active ones). A value that is
    not a choice makes the form invalid; that filter is then ignored and the form shows why."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # distinct=False: these filters join at most one row per partner (its city profile), and DISTINCT
    # would make the database sort every match.
    country = django_filters.MultipleChoiceFilter(label=_("Country"), choices=list(countries), distinct=False)
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=PartnerKind.choices, distinct=False)
    sme = BooleanFilter(label=_("SME"), field_name="is_sme", distinct=False)
    size = django_filters.MultipleChoiceFilter(
        label=_("City size"), field_name="city_profile__size_class", choices=SizeClass.choices, distinct=False
    )
    joined = OpenMultipleChoiceFilter(label=_("Joined in"), method="filter_joined")
    sort = NaturalOrderingFilter(
        label=_("Sort by"),
        fields={"name": "name", "joined_on": "joined", "country": "country"},
        choices=[("name", _("Name")), ("-joined", _("Newest")), ("country", _("Country"))],
        empty_label=None,
        null_label=None,
    )

    # The apps above partners add their filters after these (DIRECTORY_FILTERS, see __init__).
    own_facet_specs = (
        FacetSpec("country", "country", choices=dict(countries), distinct=False),
        FacetSpec("kind", "kind", choices=dict(PartnerKind.choices), distinct=False),
    )
    # The facets after the contributed ones, as the page has always shown them.
    last_facet_specs = (
        FacetSpec("sme", "is_sme", choices=SME_CHOICES, distinct=False),
        FacetSpec("size", "city_profile__size_class", choices=dict(SizeClass.choices), distinct=False),
        FacetSpec("joined", "joined_on__year", distinct=False),
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    # An instance reads its class's filters, contributed ones included (a metaclass property is not
    # seen from instances).
    base_filters = property(lambda self: type(self).base_filters)

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        queryset = queryset if queryset is not None else Partner.objects.all()
        for part in DIRECTORY_FILTERS:
            queryset = part.prepare(queryset)
        super().__init__(data, queryset, **kwargs)
        self.facet_specs = (
            *self.own_facet_specs,
            *(part.facet for part in DIRECTORY_FILTERS),
            *self.last_facet_specs,
        )

    def facet_panels(self, facets: dict[str, list[Facet]]) -> list[tuple[str, str, list[Facet]]]:
        """The facets in the page's order, each as (URL parameter, title, values)."""
        return [
            (spec.name, self.filters[spec.name].label, facets.get(spec.name, [])) for spec in self.facet_specs
        ]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_joined(self, queryset, name, value):
        years = [int(year) for year in value if year.isdigit() and len(year) == 4]
        return queryset.filter(joined_on__year__in=years) if value else queryset
