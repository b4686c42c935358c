"""Facets with counts that follow the other filters, for any django-filter FilterSet.

A facet's counts come from the list filtered by every *other* active filter, so choosing a value
in one facet narrows the counts in the others but not its own. The facets that count the same rows
(those whose filter is not chosen) and read columns of the row itself (`distinct=False`) are counted
together in one query, one pass over the rows: GROUPING SETS on PostgreSQL, which returns the counts
of each facet; elsewhere (SQLite has no GROUPING SETS) one GROUP BY over all their columns, whose
groups (bounded by the combinations of values, not by the rows) are summed per facet. Every other
facet costs one grouped query of its own.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar

import django_filters
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, F

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
        chosen = {name for name in (self.data if self.is_bound else {}) if name != "page"}
        together = [spec for spec in self.facet_specs if not spec.distinct and spec.name not in chosen]
        counted = self._count_together(together) if len(together) > 1 else {}
        result = {}
        for spec in self.facet_specs:
            if spec.name in counted:
                rows = counted[spec.name]
            else:
                paths = [spec.value] + ([spec.label] if spec.label else [])
                rows = [
                    (row[spec.value], row[spec.label] if spec.label else None, row["count"])
                    for row in self.queryset_without(spec.name)
                    # filter(), not exclude(): across memberships, exclude() would be a NOT EXISTS
                    # subquery per partner (seconds with a search at 100,000 partners); this condition
                    # is on the counted join itself.
                    .filter(**{f"{spec.value}__isnull": False})
                    .values(*paths)
                    .annotate(count=Count("pk", distinct=spec.distinct))
                    .order_by("-count", spec.value)[: spec.limit]
                ]
            result[spec.name] = self._facets(spec, rows)
        return result

    def _facets(self, spec: FacetSpec, rows: list[tuple[Any, Any, int]]) -> list[Facet]:
        """(value, label or None, count) rows as the facet's values."""
        chosen = set(self.selected(spec.name))
        return [
            Facet(
                value=str(value),
                label=str(label if spec.label else spec.choices.get(value, value)),
                count=count,
                selected=str(value) in chosen,
            )
            for value, label, count in rows
        ]

    def _count_together(self, specs: list[FacetSpec]) -> dict[str, list[tuple[Any, Any, int]]]:
        """The (value, label, count) rows of several facets over `self.qs`, most frequent first, in
        one query (see the module's docstring)."""
        columns = {}
        for i, spec in enumerate(specs):
            columns[f"facet_{i}"] = F(spec.value)
            if spec.label:
                columns[f"facet_{i}_label"] = F(spec.label)
        # annotate() then values() of the names: values(**columns) alone would select every field of a
        # translated model too (modeltranslation fills in the names when values() is given none).
        rows_query = self.qs.order_by().annotate(**columns).values(*columns)
        compiler = rows_query.query.get_compiler(rows_query.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter that can match nothing (an empty IN list)
            return {spec.name: [] for spec in specs}
        # The outer query lists the columns in the inner query's order, which the converters follow.
        aliases = [alias for _expression, _sql, alias in compiler.select]
        names = ", ".join(aliases)
        if compiler.connection.vendor == "postgresql":
            sets = [
                f"(facet_{i}" + (f", facet_{i}_label)" if spec.label else ")") for i, spec in enumerate(specs)
            ]
            grouping = f"GROUPING SETS ({', '.join(sets)})"
        else:
            grouping = names
        with compiler.connection.cursor() as cursor:
            cursor.execute(f"SELECT {names}, COUNT(*) FROM ({sql}) facet_rows GROUP BY {grouping}", params)  # noqa: S608 - column aliases and the ORM's own SQL
            fetched = cursor.fetchall()
        # The values as the ORM gives them (booleans on SQLite, the year as an integer, ...).
        converters = compiler.get_converters([expression for expression, _sql, _alias in compiler.select])
        rows = (
            [tuple(row) for row in compiler.apply_converters(fetched, converters)] if converters else fetched
        )
        positions = {alias: i for i, alias in enumerate(aliases)}
        counted = {}
        for i, spec in enumerate(specs):
            value_at = positions[f"facet_{i}"]
            label_at = positions.get(f"facet_{i}_label")
            # Each group of a GROUPING SET has the other facets' columns NULL, and the groups of a plain
            # GROUP BY hold every facet's value: summing by this facet's value reads both.
            totals: dict[tuple[Any, Any], int] = defaultdict(int)
            for row in rows:
                if row[value_at] is not None:
                    totals[row[value_at], None if label_at is None else row[label_at]] += row[-1]
            ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0][0]))[: spec.limit]
            counted[spec.name] = [(value, label, count) for (value, label), count in ranked]
        return counted
