"""The dashboard's breakdowns of the metrics on a date. Each has two halves:

- `count(as_of)`: the raw counts from the dated history, as JSON rows (codes and ids, no labels), in
  a fixed number of queries. What the daily snapshots store (kpis.snapshots) and `verify_kpis`
  recomputes.
- `table(rows)`: the table the page renders and the CSV download writes alike, labelled in the
  reader's language at read time.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django_countries import countries

from partners.models import LAUNCH_DATE, Partner, PartnerKind, SizeClass
from projects.models import Project, ProjectStatus, ProjectStatusChange
from segments.models import Segment

from . import metrics

Rows = list[list]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    caption: str
    header: list[str]
    rows: list[list]


def _country(code: str) -> str:
    return countries.name(code) or code


def _rows(rows: Iterable[Iterable]) -> Rows:
    """Rows as JSON keeps them (lists), in one order whatever the database returned them in."""
    return sorted((list(row) for row in rows), key=repr)


def count_cities(as_of: date) -> Rows:
    """[country, size class or None, cities]"""
    return _rows(
        Partner.objects.active(as_of)
        .cities()
        .order_by()
        .values_list("country", "city_profile__size_class")
        .annotate(n=Count("id"))
    )


def cities_table(rows: Rows) -> Table:
    sizes = [*SizeClass.values, None]
    table: dict[str, dict] = defaultdict(dict)
    for country, size, n in rows:
        table[country][size] = n
    return Table(
        name="cities",
        title=_("Cities and regions by country and size class"),
        caption=_("Active cities and regions on the date, by country and size class (by population)."),
        header=[_("Country"), *(str(label) for label in SizeClass.labels), _("Size unknown"), _("Total")],
        rows=sorted(
            (
                [_country(country), *(counts.get(size, 0) for size in sizes), sum(counts.values())]
                for country, counts in table.items()
            ),
            key=lambda row: (-row[-1], row[0]),
        ),
    )


def count_sme_share(as_of: date) -> Rows:
    """[country, partners, SMEs, companies, SME companies]"""
    company = Q(kind=PartnerKind.COMPANY)
    return _rows(
        Partner.objects.active(as_of)
        .order_by()
        .values("country")
        .annotate(
            partners=Count("id"),
            smes=Count("id", filter=Q(is_sme=True)),
            companies=Count("id", filter=company),
            sme_companies=Count("id", filter=company & Q(is_sme=True)),
        )
        .values_list("country", "partners", "smes", "companies", "sme_companies")
    )


def sme_share_table(rows: Rows) -> Table:
    def row(label: str, partners: int, smes: int, companies: int, sme_companies: int) -> list:
        return [
            label,
            partners,
            smes,
            round(metrics.share(smes, partners), 1),
            companies,
            sme_companies,
            round(metrics.share(sme_companies, companies), 1),
        ]

    # Every active partner has one country: the countries' counts add up to the whole network's.
    totals = [sum(column) for column in zip(*(counts for _country_code, *counts in rows), strict=True)]
    return Table(
        name="sme_share",
        title=_("SME share overall and among companies, by country"),
        caption=_("Active partners on the date; shares in percent."),
        header=[
            _("Country"),
            _("Partners"),
            _("SMEs"),
            _("SME share (%)"),
            _("Companies"),
            _("SME companies"),
            _("SME share among companies (%)"),
        ],
        rows=[
            row(_("All countries"), *(totals or [0, 0, 0, 0])),
            *sorted((row(_country(code), *counts) for code, *counts in rows), key=lambda r: (-r[1], r[0])),
        ],
    )


def count_collaborations(as_of: date) -> Rows:
    """[segment id or None, pairs]"""
    sql, params = metrics.pairs_sql(as_of, by_segment=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT segment_id, COUNT(*) FROM ({sql}) pairs GROUP BY segment_id", params)  # noqa: S608
        return _rows(cursor.fetchall())


def collaborations_table(rows: Rows) -> Table:
    counts = dict(rows)
    segments = list(Segment.objects.all())
    table = [[segment.name, counts.pop(segment.pk, 0)] for segment in segments]
    if counts.get(None):
        table.append([_("No segment"), counts.pop(None)])
    # A day's counts are kept after a segment is deleted.
    table += [[_("A removed segment"), n] for n in counts.values()]
    return Table(
        name="collaborations",
        title=_("Active collaborations by segment"),
        caption=_(
            "Pairs of partners working together on the date in a project or working group of the segment; "
            "a pair that works together in several segments counts in each."
        ),
        header=[_("Segment"), _("Collaborations")],
        rows=table,
    )


def count_new_projects(as_of: date) -> Rows:
    """[segment id, status on the date, projects]"""
    status_then = (
        ProjectStatusChange.objects.filter(project=OuterRef("pk"), changed_on__lte=as_of)
        .order_by("-changed_on", "-changed_at", "-id")
        .values("to_status")[:1]
    )
    return _rows(
        Project.objects.new_in_segments(LAUNCH_DATE, as_of)
        .order_by()
        .annotate(status_then=Coalesce(Subquery(status_then), "status"))
        .values_list("segment_id", "status_then")
        .annotate(n=Count("id"))
    )


def new_projects_table(rows: Rows) -> Table:
    names = dict(
        Segment.objects.filter(pk__in={segment for segment, _status, _n in rows}).values_list("pk", "name")
    )
    table: dict[str, dict] = defaultdict(dict)
    for segment, status, n in rows:
        counts = table[names.get(segment) or _("A removed segment")]
        counts[status] = counts.get(status, 0) + n
    return Table(
        name="new_projects",
        title=_("New projects by segment and status"),
        caption=_(
            "Projects in a segment started between the launch and the date, with their status on the date."
        ),
        header=[_("Segment"), *(str(label) for label in ProjectStatus.labels), _("Total")],
        rows=sorted(
            [
                [segment, *(counts.get(status, 0) for status in ProjectStatus.values), sum(counts.values())]
                for segment, counts in table.items()
            ],
            key=lambda row: (-row[-1], row[0]),
        ),
    )


@dataclass(frozen=True)
class Breakdown:
    count: Callable[[date], Rows]
    table: Callable[[Rows], Table]


#: Breakdown name (as in its CSV's URL) -> how it is counted on a date and shown.
BREAKDOWNS: dict[str, Breakdown] = {
    "cities": Breakdown(count_cities, cities_table),
    "sme_share": Breakdown(count_sme_share, sme_share_table),
    "collaborations": Breakdown(count_collaborations, collaborations_table),
    "new_projects": Breakdown(count_new_projects, new_projects_table),
}
