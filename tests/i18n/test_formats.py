"""Dates and numbers are written the reader's way (Django's locale formats and month names)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "Tuesday 21 September 2027, 10:00"),
        ("fr", "mardi 21 septembre 2027, 10:00"),
        ("de", "Dienstag 21 September 2027, 10:00"),
        ("it", "Martedì 21 Settembre 2027, 10:00"),
    ],
)
def test_event_dates_name_the_day_and_month_in_the_readers_language(client, language, written):
    starts = datetime(2027, 9, 21, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    event = EventFactory(title="E-bus Gothenburg", starts_at=starts, time_zone="Europe/Stockholm")
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert written in page


@pytest.mark.parametrize(
    ("language", "population"), [("en", "95,000"), ("de", "95.000"), ("fr", "95\xa0000")]
)
def test_numbers_group_digits_the_readers_way(client, cast, language, population):
    page = client.get(cast.partner_b.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert population in page
