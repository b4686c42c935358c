import random
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from demo import digests, history, interests, launch, marketplace, news, scale, upcoming
from demo.builder import Builder
from partners.models import LAUNCH_DATE, Partner


class Command(BaseCommand):
    help = (
        "Load the EV4SCC demo: the network at its launch on 28 January 2016 (74 partners, 19 countries, 19 "
        "cities and regions), a generated 2016-2017 history and upcoming events. Loading twice changes "
        "nothing. --scale N adds N generated partners with proportional data, for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=0, help="add this many generated partners")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            builder = Builder(random.Random(2016))  # noqa: S311 (demo data, not security)
            network = launch.load(builder)
            history.load(builder, network)
            marketplace.load(network)
            upcoming.load(builder.rng, network)
            news.load(network)
            launch.load_logins(network)
            interests.load(builder.rng, network)
            digests.load()
        if options["scale"]:
            scale.load(scale_by=options["scale"], rng=random.Random(options["scale"]), log=self.stdout.write)  # noqa: S311
        figures = Partner.objects.active(on=LAUNCH_DATE).headline_figures()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.perf_counter() - started:.1f}s: "
                f"at launch {figures['partners']} partners, "
                f"{figures['countries']} countries, {figures['cities']} cities and regions; "
                f"{Partner.objects.active().count()} partners active today."
            )
        )
