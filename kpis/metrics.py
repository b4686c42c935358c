"""The network's metrics, each a function of a date computed from the dated facts (joined and left
dates of partners, membership and participation periods, projects' start and end dates), so that any
past date can be asked. These are the reference definitions (DESIGN.md, "Metrics, precisely"): the
daily snapshots (kpis.snapshots) are what the readers use, and `verify_kpis` checks them against
these functions, one date at a time.

Every metric function takes the date `as_of` and, keyword-only, the `baseline` and `deadline` of the
target it is measured for; only the metrics measured over a period (growth since a baseline, projects
started before a deadline) use them, so the registry can call every metric the same way.
"""

from collections.abc import Callable
from datetime import date

from django.db import connection
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value

from partners.models import LAUNCH_DATE, Partner
from projects.models import Participation, Project
from segments.models import GroupMembership

from .models import Metric

#: Places where partners work together: a project or a working group.
PROJECT, GROUP = 1, 2


def cities(as_of: date, *, baseline: date = LAUNCH_DATE, deadline: date | None = None) -> int:
    """Cities joined: active partners of kind city or region on `as_of`."""
    return Partner.objects.active(as_of).cities().count()


def sme_share(as_of: date, *, baseline: date = LAUNCH_DATE, deadline: date | None = None) -> float:
    """SME share in percent: active SME partners / all active partners on `as_of`; 0 with no partners."""
    counts = Partner.objects.active(as_of).aggregate(
        partners=Count("id"), smes=Count("id", filter=Q(is_sme=True))
    )
    return share(counts["smes"], counts["partners"])


def collaboration_growth(
    as_of: date, *, baseline: date = LAUNCH_DATE, deadline: date | None = None
) -> float | None:
    """Growth in active collaborations in percent: (count on `as_of` / count on the baseline date,
    the launch by default, - 1) x 100. None when there was no collaboration at the baseline: growth
    from nothing is not a percentage (the dashboard says "not defined" rather than dividing by zero)."""
    return growth(active_collaborations(as_of), active_collaborations(baseline))


def new_projects(as_of: date, *, baseline: date = LAUNCH_DATE, deadline: date | None = None) -> int:
    """New projects: projects with a segment whose start date (the day it was first funded or running,
    from its status history) lies between the baseline (the launch by default) and the earlier of
    `as_of` and the deadline, inclusive; a proposal that never got there never counts."""
    until = min(as_of, deadline) if deadline else as_of
    return Project.objects.new_in_segments(baseline, until).count()


MetricFunction = Callable[..., float | int | None]

#: Metric identifier -> its function on one date: the reference definitions. The pages and the API
#: read the targets through kpis.progress.assess (the series functions, checked against these).
METRICS: dict[str, MetricFunction] = {
    Metric.CITIES: cities,
    Metric.SME_SHARE: sme_share,
    Metric.COLLABORATION_GROWTH: collaboration_growth,
    Metric.NEW_PROJECTS: new_projects,
}


def share(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def growth(count: int, baseline_count: int) -> float | None:
    return (count / baseline_count - 1) * 100 if baseline_count else None


def together(on: date) -> QuerySet:
    """Who is together where on a date: (partner, kind of place, place, segment) rows for each active
    partner with an active participation in a project not ended before the date, or an active
    membership of a working group. Built from the models' own `active()` so that "active" has one
    definition."""
    partners = Partner.objects.active(on).values("id")
    in_projects = (
        Participation.objects.active(on)
        .filter(partner__in=partners)
        .filter(Q(project__ended_on__isnull=True) | Q(project__ended_on__gte=on))
        .annotate(
            kind=Value(PROJECT, output_field=IntegerField()),
            place_id=F("project_id"),
            segment_id=F("project__segment_id"),
        )
        .values_list("partner_id", "kind", "place_id", "segment_id")
        .order_by()
    )
    in_groups = (
        GroupMembership.objects.active(on)
        .filter(partner__in=partners)
        .annotate(
            kind=Value(GROUP, output_field=IntegerField()),
            place_id=F("group_id"),
            segment_id=F("group__segment_id"),
        )
        .values_list("partner_id", "kind", "place_id", "segment_id")
        .order_by()
    )
    return in_projects.union(in_groups)


def pairs_sql(on: date, *, by_segment: bool = False) -> tuple[str, list]:
    """SQL selecting the distinct unordered pairs of partners together somewhere on a date (a self-join
    of `together`, materialized once, on the place, with partner_a < partner_b), per segment if asked.
    Two projects shared by the same pair make one pair."""
    sql, params = together(on).query.sql_with_params()
    segment = "a.segment_id, " if by_segment else ""
    # Composed only from ORM-compiled SQL and fixed text; every value is a parameter.
    pairs = (
        f"WITH together AS MATERIALIZED ({sql}) "  # noqa: S608
        f"SELECT DISTINCT {segment}a.partner_id AS partner_a, b.partner_id AS partner_b "
        "FROM together a JOIN together b "
        "ON a.kind = b.kind AND a.place_id = b.place_id AND a.partner_id < b.partner_id"
    )
    return pairs, params


def active_collaborations(on: date) -> int:
    """Active collaborations on a date: unordered pairs of distinct active partners who both held an
    active participation in the same project (not ended before the date) or an active membership of
    the same working group. Counted in the database."""
    sql, params = pairs_sql(on)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) pairs", params)  # noqa: S608 (see pairs_sql)
        return cursor.fetchone()[0]
