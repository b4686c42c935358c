from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kpis import snapshots


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r}: enter a date as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Store the daily metric snapshots missing up to yesterday (what Celery beat runs every night). "
        "--rebuild deletes the snapshots from --since (or all) first and stores them again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since", type=iso_date, help="first day (YYYY-MM-DD); the launch's eve by default"
        )
        parser.add_argument("--until", type=iso_date, help="last day (YYYY-MM-DD); yesterday by default")
        parser.add_argument("--rebuild", action="store_true", help="recompute existing snapshots too")
        parser.add_argument(
            "--month-ends",
            action="store_true",
            help="only the days the monthly series read (a quick start on a large history; run again "
            "without it to store the other days)",
        )

    def handle(
        self, *args, since: date | None, until: date | None, rebuild: bool, month_ends: bool, **options
    ) -> None:
        if rebuild:
            deleted = sum(
                model.objects.filter(date__gte=since or snapshots.FIRST_DAY).delete()[0]
                for model in (snapshots.MetricSnapshot, snapshots.BreakdownSnapshot)
            )
            self.stdout.write(f"Deleted {deleted} snapshots.")
        stored = snapshots.fill(since=since, until=until, month_ends_only=month_ends)
        self.stdout.write(self.style.SUCCESS(f"Stored {stored} snapshots."))
