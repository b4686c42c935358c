"""`make bench`: time the platform's main pages and endpoints on a database of N generated partners.

    python -m bench.run --scale 10000      (SQLite file bench/bench-10000.sqlite3, made on first use)
    DATABASE_URL=postgres://... python -m bench.run --scale 10000

Each page is requested through the whole Django stack (middleware, templates, serializers) with the
test client, after a warm-up (so cached parts are served from the cache, as in production; the
`*_cold` rows clear the cache before every request). The report gives the median and p95 time,
the number of queries, and the ratio to a floor measured in the same run: the same rows fetched
by one raw SQL query and returned as JSON by a plain view. Rows go to bench/results.json
(replacing earlier rows of the same name, scale and database) and a table is printed.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def create_database() -> None:
    """The PostgreSQL database of DATABASE_URL, created when missing (one per scale: make bench-growth)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg
    from psycopg import sql

    settings = connection.settings_dict
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(
        dbname="postgres", password=settings["PASSWORD"], autocommit=True, **server
    ) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))


def setup(scale: int, snapshots: bool = True) -> None:
    os.environ["BENCH_SCALE"] = str(scale)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    create_database()

    from partners.models import Partner

    call_command("migrate", verbosity=0)
    existing = Partner.objects.filter(slug__startswith="scale-").count()
    if existing < scale:
        started = time.perf_counter()
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", scale=scale - existing, verbosity=0)
        print(f"seeded {scale - existing} partners in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if connection.vendor == "postgresql":
        # Statistics for the planner and the visibility map (index-only scans) after the bulk load, as
        # autovacuum would make them in time.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if not snapshots:
        return
    # The snapshots of the KPIs, as Celery beat keeps them in production: the days the dashboard's
    # series read (the month-ends, the targets' baselines), what makes a read fast or slow; the other
    # days (an hour at 100,000 partners) add rows to the same index and are not read.
    started = time.perf_counter()
    call_command("snapshot_kpis", month_ends=True, verbosity=0)
    print(f"KPI snapshots up to date in {time.perf_counter() - started:.0f}s", file=sys.stderr)


def timed(requests: list[Callable[[int], object]], repeat: int) -> list[tuple[float, float]]:
    """Median and p95 of `repeat` calls of each request after 3 of warm-up, taken in turns (a page,
    then its floor), so that a busier moment of a shared machine slows both alike and their ratio
    holds. Each call gets its own number, which the cold cases turn into a query no earlier request
    asked."""
    for number in range(3):
        for request in requests:
            request(number)
    samples: list[list[float]] = [[] for _ in requests]
    for number in range(3, 3 + repeat):
        for request, times in zip(requests, samples, strict=True):
            started = time.perf_counter()
            request(number)
            times.append((time.perf_counter() - started) * 1000)
    return [(statistics.median(times), percentile_95(times)) for times in samples]


def percentile_95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def count_queries(request: Callable[[int], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        request(0)
    return len(captured)


@dataclass(frozen=True)
class Case:
    """One benchmarked request: `query(n)` is the query string of the n-th request (the same every time
    for a warm case), `floor(n)` the floor's URL for it."""

    name: str
    path: str
    query: Callable[[int], str]
    floor: Callable[[int], str]
    repeat: int
    staff: bool = False
    #: A cold case's requests each ask what no earlier request asked (`distinct` different queries:
    #: pages, filters, search terms, partners), as a client paging, filtering and searching does; what
    #: two queries share (a filter's total and facets across its pages) stays cached, as it would.
    #: Past `distinct`, and for a page that takes no query (`distinct=0`), the cache is cleared before
    #: the request instead: the first visitor after a write (a write makes every cached entry stale).
    cold: bool = False
    distinct: int = 0
    #: Each request follows a change to the facts the KPIs count (kpis.facts), before the refresh that
    #: a change queues has run: today's figures are computed by the request.
    after_change: bool = False


def same(text: str) -> Callable[[int], str]:
    return lambda _n: text


def cycling(template: str, values: list) -> Callable[[int], str]:
    """The n-th of `values` in `template`: a cold case's requests differ."""
    return lambda n: template.format(values[n % len(values)])


def cases() -> list[Case]:
    """Every page and API row warm, then each with a cold variant."""
    from django.db.models import Count
    from django_countries import countries

    from demo.names import ROOTS, SECTORS
    from events.models import Event
    from partners.models import Partner
    from projects.models import Project

    partners = Partner.objects.active()
    slugs = list(partners.cities().order_by("id").values_list("slug", flat=True)[:50])
    # The countries present, largest first, for the filtered and map variants.
    present = [
        row["country"]
        for row in partners.values("country").annotate(n=Count("pk")).order_by("-n", "country")
        if row["country"] in dict(countries)
    ]

    def pages(total: int, size: int, last: int = 40) -> list[int]:
        return list(range(1, min(last, max(1, -(-total // size))) + 1))

    # Words of the generated names (demo.names) and misspelt towns.
    words = [word.lower() for word in [*ROOTS, *SECTORS] if " " not in word]
    terms = [*words, "gotenburg", "munich", "copenhagn", "stokholm", "barcelna", "amsterdm"]
    kinds = ["company", "city", "research", "association"]
    floor = "/bench/floor/"
    warm = [
        Case("directory", "/partners/", same(""), same(f"{floor}partners/"), 30),
        Case(
            "directory_filtered",
            "/partners/",
            same("country=DE&kind=company"),
            same(f"{floor}partners_filtered/?country=DE&kind=company"),
            30,
        ),
        Case(
            "directory_search",
            "/partners/",
            same("q=charging"),
            same(f"{floor}partners_search/?q=charging"),
            30,
        ),
        # The profile's path is the whole "query": one partner warm, a different one each time cold.
        Case(
            "partner_profile",
            "",
            same(f"/partners/{slugs[0]}/"),
            same(f"{floor}partner/?slug={slugs[0]}"),
            30,
        ),
        Case("map_geojson", "/map/partners.geojson", same(""), same(f"{floor}map/"), 10),
        Case("projects", "/projects/", same(""), same(f"{floor}projects/"), 30),
        Case("events", "/events/", same(""), same(f"{floor}events/"), 30),
        Case("dashboard", "/dashboard/", same(""), same(f"{floor}dashboard/"), 5, staff=True),
        Case(
            "api_partners",
            "/api/v1/partners/",
            same("page_size=100"),
            same(f"{floor}partners_api/?limit=100"),
            30,
        ),
        Case("api_geojson", "/api/v1/partners.geojson", same(""), same(f"{floor}map/"), 10),
    ]
    # The cold variants: the query's varying part, the floor's, and the values they take.
    pairs = [f"country={country}&kind={kind}" for kind in kinds for country in present]
    variation = {
        "directory": ("page={}", f"{floor}partners/?page={{}}", pages(partners.count(), 24)),
        "directory_filtered": ("{}", f"{floor}partners_filtered/?{{}}", pairs),
        "directory_search": ("q={}", f"{floor}partners_search/?q={{}}", terms),
        "partner_profile": ("/partners/{}/", f"{floor}partner/?slug={{}}", slugs),
        "projects": ("page={}", f"{floor}projects/?page={{}}", pages(Project.objects.count(), 24)),
        "events": ("page={}", f"{floor}events/?page={{}}", pages(Event.objects.count(), 24)),
        "api_partners": (
            "page_size=100&page={}",
            f"{floor}partners_api/?limit=100&page={{}}",
            pages(partners.count(), 100),
        ),
        "api_geojson": ("{}", f"{floor}map/?{{}}", pairs),
    }
    variants = []
    for case in warm:
        if case.name in variation:
            template, floor_template, values = variation[case.name]
            query, floor_url = cycling(template, values), cycling(floor_template, values)
        else:  # the map and the dashboard take no query
            query, floor_url, values = case.query, case.floor, []
        variants.append(
            Case(f"{case.name}_cold", case.path, query, floor_url, case.repeat, case.staff, True, len(values))
        )
    after_change = Case(
        "dashboard_after_change",
        "/dashboard/",
        same(""),
        same(f"{floor}dashboard/"),
        5,
        staff=True,
        cold=True,
    )
    return [*warm, *variants, replace(after_change, after_change=True)]


def requester(case: Case) -> Callable[[int], object]:
    """The n-th request of the case, through the whole stack; anything but a 200 stops the case."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db.models import F
    from django.test import Client

    from kpis.models import FactsVersion

    client = Client()
    if case.staff:
        # The backend that keeps a login: the first ones only refuse (core.logins, axes).
        client.force_login(
            get_user_model().objects.filter(is_staff=True).first(),
            backend="django.contrib.auth.backends.ModelBackend",
        )

    def request(number: int) -> object:
        if case.after_change:
            FactsVersion.objects.update(version=F("version") + 1)
        if case.cold and number >= case.distinct:
            cache.clear()
        query = case.query(number)
        url = f"{case.path}?{query}" if case.path and query else case.path or query
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return b"".join(response) if response.streaming else response.content

    return request


def digest_case() -> tuple[Callable[[int], object], Callable[[int], str]]:
    """One member's monthly digest composed and rendered (the coordinator follows the most)."""
    from digests.compose import compose
    from digests.emails import render_digest
    from digests.periods import Period
    from digests.services import ensure_subscription
    from partners.models import Partner, Person

    subscription = ensure_subscription(person=Person.objects.get(user__username="coordinator"))
    period = Period.before("monthly", date(2016, 10, 1))
    slug = Partner.objects.active().cities().order_by("id").values_list("slug", flat=True).first()
    return (lambda _n: render_digest(compose(subscription, period))), same(
        f"/bench/floor/people/?slug={slug}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=int(os.environ.get("SCALE", 10_000)))
    parser.add_argument("--only", nargs="*", help="names of the cases to run")
    parser.add_argument(
        "--no-snapshots",
        action="store_true",
        help="skip filling the KPI snapshots (minutes at 100,000 partners) and leave out the dashboard rows",
    )
    args = parser.parse_args()
    setup(args.scale, snapshots=not args.no_snapshots)

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    database = connection.vendor
    floor_client = Client()
    measured = [(case.name, requester(case), case.floor, case.repeat) for case in cases()]
    measured.insert(len(measured) // 2, ("digest", *digest_case(), 10))
    rows = []
    for name, request, floor_url, repeat in measured:
        if (args.only and name not in args.only) or (args.no_snapshots and name.startswith("dashboard")):
            continue
        cache.clear()
        try:
            queries = count_queries(request)
            (median, p95), (floor_median, _) = timed(
                [request, lambda n, url=floor_url: floor_client.get(url(n)).content], repeat
            )
        except Exception as error:  # noqa: BLE001 - a missing page is reported, not fatal for the others
            print(f"{name}: {error}", file=sys.stderr)
            continue
        rows.append(
            {
                "name": name,
                "scale": args.scale,
                "database": database,
                "median_ms": round(median, 2),
                "p95_ms": round(p95, 2),
                "queries": queries,
                "floor_median_ms": round(floor_median, 2),
                "ratio": round(median / floor_median, 2),
            }
        )
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    kept = [
        r
        for r in previous
        if (r["name"], r["scale"], r["database"])
        not in {(n["name"], n["scale"], n["database"]) for n in rows}
    ]
    RESULTS.write_text(
        json.dumps(sorted(kept + rows, key=lambda r: (r["database"], r["scale"], r["name"])), indent=1) + "\n"
    )
    print(
        f"\n{'name':20} {'scale':>7} {'db':10} {'median ms':>10} {'p95 ms':>8} {'queries':>7} "
        f"{'floor ms':>9} "
        f"{'ratio':>6}"
    )
    for r in rows:
        print(
            f"{r['name']:20} {r['scale']:>7} {r['database']:10} {r['median_ms']:>10} {r['p95_ms']:>8} "
            f"{r['queries']:>7} {r['floor_median_ms']:>9} {r['ratio']:>6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
