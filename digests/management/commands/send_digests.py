from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import timezone

from digests.models import SENDING_FREQUENCIES, Delivery
from digests.periods import Period
from digests.tasks import send_digests_for_period


class Command(BaseCommand):
    help = (
        "Send the digests of a period by hand, exactly as the beat schedule does: the period before "
        "--date (today by default). Running it again sends nobody a digest twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", choices=SENDING_FREQUENCIES, default="weekly")
        parser.add_argument("--date", help="YYYY-MM-DD: send the period that ended before this day")

    def handle(self, *args, **options) -> None:
        try:
            run_on = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        period = Period.before(options["period"], run_on)
        queued = send_digests_for_period(period.frequency, run_on.isoformat())
        statuses = dict(
            Delivery.objects.filter(frequency=period.frequency, period_start=period.start)
            .values_list("status")
            .annotate(n=Count("id"))
        )
        self.stdout.write(
            f"{period.frequency} digests for {period.start} to {period.end}: {queued} queued; "
            f"deliveries now {statuses or 'none'} (with a worker, they complete as it sends)."
        )
