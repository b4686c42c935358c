"""Facets with counts that follow the other filters, for any django-filter FilterSet.

A facet's counts come from the list filtered by every *other* active filter, so choosing a value
in one facet narrows the counts in the others but not its own. Each facet costs one grouped
query, whatever the number of rows.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

import django_filters
from django.db.models import Count

from .versions import cached


@dataclass(frozen=True)
class FacetSpec:
    name: str  # the filter's name, which is also its URL parameter
    value: str  # ORM path of the value the filter takes
    label: str | None = None  # ORM path of a label to show; None: the value's choice label or itself
    choices: dict[Any, str] = field(default_factory=dict)  # labels by value, when not on the row
    limit: int = 30  # the most frequent values shown
    # Count each row once even if the path joins many rows; False for a column of the row itself, where
    # COUNT(DISTINCT) would only make the database sort every row.
    distinct: bool = True


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int
    selected: bool


class FacetedFilterSet(django_filters.FilterSet):
    facet_specs: ClassVar[tuple[FacetSpec, ...]] = ()

    def queryset_without(self, name: str):
        """The queryset filtered by every active filter but `name`."""
        if not self.is_bound or name not in self.data:
            return self.qs
        data = self.data.copy()
        data.pop(name, None)
        others = type(self)(data, queryset=self.queryset, request=self.request)
        return others.qs if others.is_valid() else self.queryset

    def selected(self, name: str) -> list[str]:
        if not self.is_bound:
            return []
        return [
            str(v) for v in (self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]])
        ]

    def facets(self) -> dict[str, list[Facet]]:
        """The facets, cached per filter values until the data changes (see core.versions)."""
        data = self.data if self.is_bound else {}
        values = {k: data.getlist(k) if hasattr(data, "getlist") else data[k] for k in data if k != "page"}
        parts = (type(self).__module__, type(self).__qualname__, sorted(values.items()))
        return cached("facets", parts, self._count_facets)

    def _count_facets(self) -> dict[str, list[Facet]]:
        result = {}
        for spec in self.facet_specs:
            paths = [spec.value] + ([spec.label] if spec.label else [])
            rows = (
                self.queryset_without(spec.name)
                .exclude(**{f"{spec.value}__isnull": True})
                .values(*paths)
                .annotate(count=Count("pk", distinct=spec.distinct))
                .order_by("-count", spec.value)[: spec.limit]
            )
            chosen = set(self.selected(spec.name))
            result[spec.name] = [
                Facet(
                    value=str(row[spec.value]),
                    label=str(
                        row[spec.label] if spec.label else spec.choices.get(row[spec.value], row[spec.value])
                    ),
                    count=row["count"],
                    selected=str(row[spec.value]) in chosen,
                )
                for row in rows
            ]
        return result
