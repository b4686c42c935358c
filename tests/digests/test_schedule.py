from datetime import date

import pytest
from django.conf import settings

from digests.models import SENDING_FREQUENCIES
from digests.periods import Period
from ev4scc.celery import app


@pytest.mark.parametrize(
    "frequency, run_on, start, end",
    [
        ("daily", date(2026, 3, 1), date(2026, 2, 28), date(2026, 2, 28)),
        ("weekly", date(2026, 11, 23), date(2026, 11, 16), date(2026, 11, 22)),  # run on a Monday
        ("weekly", date(2026, 11, 25), date(2026, 11, 16), date(2026, 11, 22)),  # late: the same week
        ("monthly", date(2024, 3, 1), date(2024, 2, 1), date(2024, 2, 29)),
        ("monthly", date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_a_run_covers_the_last_whole_period_before_its_day(frequency, run_on, start, end):
    assert Period.before(frequency, run_on) == Period(frequency, start, end)


def test_there_is_no_period_for_off():
    with pytest.raises(ValueError, match="off"):
        Period.before("off", date(2026, 1, 1))


def test_beat_starts_one_run_per_frequency_with_a_registered_task():
    app.loader.import_default_modules()
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    digests = [entry for entry in entries if entry["task"].startswith("digests.")]
    assert sorted(entry["args"][0] for entry in digests) == sorted(SENDING_FREQUENCIES)
    assert all(entry["task"] in app.tasks for entry in entries)
