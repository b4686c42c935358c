"""Time and query count of the KPI dashboard on the current database (median of repeated runs).

    DEBUG=true DATABASE_URL=sqlite:////tmp/kpis-10k.sqlite3 .venv/bin/python manage.py seed_demo --scale 10000
    DEBUG=true DATABASE_URL=sqlite:////tmp/kpis-10k.sqlite3 .venv/bin/python bench/kpis_dashboard.py

Renders /dashboard/ through the view with an unsaved staff user (nothing is written), on three dates
with an empty cache and today with a warm one, and the home page's target summary with an empty cache.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ev4scc.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kpis.cache import current_assessments  # noqa: E402
from kpis.views import dashboard  # noqa: E402
from partners.models import Partner  # noqa: E402


def measure(label: str, run, repeat: int, cold: bool = True) -> None:
    times, queries = [], []
    if not cold:
        run()
    for _ in range(repeat):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        queries.append(len(captured))
    print(f"{label:<40} median {statistics.median(times) * 1000:8.0f} ms   queries {max(queries)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    staff = get_user_model()(username="bench", is_staff=True, is_active=True)
    factory = RequestFactory()

    def page(query: dict):
        def run():
            request = factory.get("/dashboard/", query)
            request.user = staff
            response = dashboard(request)
            assert response.status_code == 200, response.status_code

        return run

    print(f"{Partner.objects.count()} partners on {connection.settings_dict['NAME']}")
    measure("/dashboard/ (today)", page({}), args.repeat)
    measure("/dashboard/?as_of=2017-12-31", page({"as_of": "2017-12-31"}), args.repeat)
    measure("/dashboard/?as_of=2016-06-30", page({"as_of": "2016-06-30"}), args.repeat)
    measure("/dashboard/ (today), cached", page({}), args.repeat, cold=False)
    measure("home summary, empty cache", current_assessments, args.repeat)


if __name__ == "__main__":
    main()
