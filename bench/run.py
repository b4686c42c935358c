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
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def setup(scale: int) -> None:
    os.environ["BENCH_SCALE"] = str(scale)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from partners.models import Partner

    call_command("migrate", verbosity=0)
    existing = Partner.objects.filter(slug__startswith="scale-").count()
    if existing < scale:
        started = time.perf_counter()
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", scale=scale - existing, verbosity=0)
        print(f"seeded {scale - existing} partners in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    # The nightly snapshots of the KPIs, as Celery beat keeps them in production (only missing days).
    started = time.perf_counter()
    call_command("snapshot_kpis", verbosity=0)
    print(f"KPI snapshots up to date in {time.perf_counter() - started:.0f}s", file=sys.stderr)


def timed(request: Callable[[], object], repeat: int) -> tuple[float, float]:
    for _ in range(3):
        request()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        request()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def count_queries(request: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        request()
    return len(captured)


def cases() -> list[tuple[str, Callable[[], object], str, int]]:
    """(name, request, floor URL, repeats) for each benchmarked page."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from partners.models import Partner

    anonymous = Client()
    staff = Client()
    staff.force_login(get_user_model().objects.filter(is_staff=True).first())
    slug = Partner.objects.active().cities().order_by("id").values_list("slug", flat=True).first()

    def get(client: Client, url: str) -> Callable[[], object]:
        def request() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return b"".join(response) if response.streaming else response.content

        return request

    def cold(request: Callable[[], object]) -> Callable[[], object]:
        """The same request with an empty cache: what the first visitor after a change waits for."""

        def uncached() -> object:
            cache.clear()
            return request()

        return uncached

    def digest() -> object:
        """One member's monthly digest composed and rendered (the coordinator follows the most)."""
        return render_digest(compose(subscription, period))

    from digests.compose import compose
    from digests.emails import render_digest
    from digests.periods import Period
    from digests.services import ensure_subscription
    from partners.models import Person

    subscription = ensure_subscription(person=Person.objects.get(user__username="coordinator"))
    period = Period.before("monthly", date(2016, 10, 1))

    floor = "/bench/floor/"
    return [
        ("directory", get(anonymous, "/partners/"), f"{floor}partners/", 30),
        (
            "directory_filtered",
            get(anonymous, "/partners/?country=DE&kind=company"),
            f"{floor}partners_filtered/",
            30,
        ),
        ("partner_profile", get(anonymous, f"/partners/{slug}/"), f"{floor}partner/?slug={slug}", 30),
        ("map_geojson", get(anonymous, "/map/partners.geojson"), f"{floor}map/", 10),
        ("projects", get(anonymous, "/projects/"), f"{floor}projects/", 30),
        ("events", get(anonymous, "/events/"), f"{floor}events/", 30),
        ("dashboard", get(staff, "/dashboard/"), f"{floor}dashboard/", 5),
        (
            "api_partners",
            get(anonymous, "/api/v1/partners/?page_size=100"),
            f"{floor}partners/?limit=100",
            30,
        ),
        ("api_geojson", get(anonymous, "/api/v1/partners.geojson"), f"{floor}map/", 10),
        ("digest", digest, f"{floor}people/?slug={slug}", 10),
        ("directory_cold", cold(get(anonymous, "/partners/")), f"{floor}partners/", 10),
        ("map_geojson_cold", cold(get(anonymous, "/map/partners.geojson")), f"{floor}map/", 10),
        ("dashboard_cold", cold(get(staff, "/dashboard/")), f"{floor}dashboard/", 5),
        (
            "api_partners_cold",
            cold(get(anonymous, "/api/v1/partners/?page_size=100")),
            f"{floor}partners/?limit=100",
            30,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=int(os.environ.get("SCALE", 10_000)))
    parser.add_argument("--only", nargs="*", help="names of the cases to run")
    args = parser.parse_args()
    setup(args.scale)

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    database = connection.vendor
    floor_client = Client()
    rows = []
    for name, request, floor_url, repeat in cases():
        if args.only and name not in args.only:
            continue
        cache.clear()
        try:
            queries = count_queries(request)
            median, p95 = timed(request, repeat)
        except Exception as error:  # noqa: BLE001 - a missing page is reported, not fatal for the others
            print(f"{name}: {error}", file=sys.stderr)
            continue
        floor_median, _ = timed(lambda url=floor_url: floor_client.get(url).content, repeat)
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
