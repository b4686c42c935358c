"""The dashboard's breakdowns of the metrics on a date, as plain tables that the page renders and the
CSV download writes alike. Each is a fixed number of queries."""

from collections import defaultdict
from collections.abc import Callable
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


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    caption: str
    header: list[str]
    rows: list[list]


def _country(code: str) -> str:
    return countries.name(code) or code


def cities_by_country_and_size(as_of: date) -> Table:
    rows = (
        Partner.objects.active(as_of)
        .cities()
        .order_by()
        .values_list("country", "city_profile__size_class")
        .annotate(n=Count("id"))
    )
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


def sme_share_by_country(as_of: date) -> Table:
    company = Q(kind=PartnerKind.COMPANY)
    counts = {
        "partners": Count("id"),
        "smes": Count("id", filter=Q(is_sme=True)),
        "companies": Count("id", filter=company),
        "sme_companies": Count("id", filter=company & Q(is_sme=True)),
    }
    active = Partner.objects.active(as_of).order_by()
    by_country = active.values("country").annotate(**counts)

    def row(label: str, c: dict) -> list:
        return [
            label,
            c["partners"],
            c["smes"],
            round(metrics.share(c["smes"], c["partners"]), 1),
            c["companies"],
            c["sme_companies"],
            round(metrics.share(c["sme_companies"], c["companies"]), 1),
        ]

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
            row(_("All countries"), active.aggregate(**counts)),
            *sorted((row(_country(c["country"]), c) for c in by_country), key=lambda r: (-r[1], r[0])),
        ],
    )


def collaborations_by_segment(as_of: date) -> Table:
    sql, params = metrics.pairs_sql(as_of, by_segment=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT segment_id, COUNT(*) FROM ({sql}) pairs GROUP BY segment_id", params)  # noqa: S608
        counts = dict(cursor.fetchall())
    rows = [[segment.name, counts.get(segment.pk, 0)] for segment in Segment.objects.all()]
    if counts.get(None):
        rows.append([_("No segment"), counts[None]])
    return Table(
        name="collaborations",
        title=_("Active collaborations by segment"),
        caption=_(
            "Pairs of partners working together on the date in a project or working group of the segment; "
            "a pair that works together in several segments counts in each."
        ),
        header=[_("Segment"), _("Collaborations")],
        rows=rows,
    )


def new_projects_by_segment_and_status(as_of: date) -> Table:
    status_then = (
        ProjectStatusChange.objects.filter(project=OuterRef("pk"), changed_on__lte=as_of)
        .order_by("-changed_on", "-changed_at", "-id")
        .values("to_status")[:1]
    )
    rows = (
        Project.objects.new_in_segments(LAUNCH_DATE, as_of)
        .order_by()
        .annotate(status_then=Coalesce(Subquery(status_then), "status"))
        .values_list("segment__name", "status_then")
        .annotate(n=Count("id"))
    )
    table: dict[str, dict] = defaultdict(dict)
    for segment, status, n in rows:
        table[segment][status] = n
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


#: Breakdown name (as in its CSV's URL) -> the function computing it on a date.
BREAKDOWNS: dict[str, Callable[[date], Table]] = {
    "cities": cities_by_country_and_size,
    "sme_share": sme_share_by_country,
    "collaborations": collaborations_by_segment,
    "new_projects": new_projects_by_segment_and_status,
}
