"""The number of facet values a list is narrowed by, for the "Filters" control of a list page."""

from collections.abc import Mapping, Sequence

from django import template

from core.facets import Facet

register = template.Library()


@register.simple_tag
def selected_count(facets: Mapping[str, Sequence[Facet]]) -> int:
    """How many facet values are ticked, over every facet of the page."""
    return sum(facet.selected for values in facets.values() for facet in values)
