"""An independent check of the stored snapshots: every metric at every month-end recomputed from the
raw history with the reference functions of kpis.metrics (one date at a time, through the ORM: not
the series code that fills the snapshots), and compared with the snapshot of that day; and every
breakdown at every month-end counted again and compared with its snapshot."""

import math
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kpis.breakdowns import BREAKDOWNS
from kpis.metrics import METRICS
from kpis.models import BreakdownSnapshot, Metric, MetricSnapshot
from kpis.series import month_ends
from kpis.snapshots import FIRST_DAY
from partners.models import LAUNCH_DATE

#: Percentages are stored as floats: equal to this many decimals.
PLACES = 6


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, abs_tol=10**-PLACES)


class Command(BaseCommand):
    help = (
        "Recompute every metric for every month-end from the raw history and compare it with the daily "
        "snapshots; exits non-zero on any difference or missing month-end snapshot."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--until", type=date.fromisoformat, help="last day checked; the last snapshot's by default"
        )

    def handle(self, *args, until: date | None, **options) -> None:
        # The last day that is over: today's provisional rows are not final and are not checked.
        final_days = MetricSnapshot.objects.filter(facts_version=None).order_by("-date")
        last = until or final_days.values_list("date", flat=True).first()
        if last is None:
            raise CommandError("There are no snapshots to verify: run snapshot_kpis first.")
        days = [day for day in month_ends(LAUNCH_DATE, last) if day >= FIRST_DAY]
        final = {"date__in": days, "facts_version": None}
        stored = {
            (metric, day): value
            for metric, day, value in MetricSnapshot.objects.filter(**final).values_list(
                "metric", "date", "value"
            )
        }
        tables = {
            (name, day): rows
            for name, day, rows in BreakdownSnapshot.objects.filter(**final).values_list(
                "name", "date", "rows"
            )
        }
        differences = []
        for metric in Metric.values:
            for day in days:
                expected = METRICS[metric](day, baseline=LAUNCH_DATE)
                if (metric, day) not in stored:
                    differences.append(f"{metric} on {day}: no snapshot (expected {expected})")
                elif not same(stored[metric, day], expected):
                    differences.append(
                        f"{metric} on {day}: snapshot {stored[metric, day]}, history {expected}"
                    )
        for name, breakdown in BREAKDOWNS.items():
            for day in days:
                expected = breakdown.count(day)
                if (name, day) not in tables:
                    differences.append(f"breakdown {name} on {day}: no snapshot")
                elif tables[name, day] != expected:
                    differences.append(
                        f"breakdown {name} on {day}: snapshot {tables[name, day]}, history {expected}"
                    )
        for line in differences:
            self.stderr.write(line)
        checked = len(days) * (len(Metric.values) + len(BREAKDOWNS))
        if differences:
            raise CommandError(f"{len(differences)} of {checked} values differ from the history.")
        self.stdout.write(
            self.style.SUCCESS(f"{checked} values ({len(days)} month-ends) agree with the history.")
        )
