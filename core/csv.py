"""The one CSV writer of the platform: the API's `?format=csv`, the attendees list, the KPI
dashboard's series and breakdowns all write through it, so every CSV is alike:

- UTF-8 with a byte order mark, declared as `text/csv; charset=utf-8` (spreadsheets then read
  "Île-de-France" as it is, not as Latin-1);
- a cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
  carriage return) is prefixed with a single quote (OWASP, "CSV injection"); numbers stay numbers;
- an `attachment` with a file name of its own (Content-Disposition), distinct for distinct CSVs.
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
#: What makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should show it: None as an empty cell, numbers and dates as they
    are, text that would start a formula behind a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The lines of the file, the first with the byte order mark."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    return "".join(csv_lines(header, rows)).encode()


def file_name(*parts: Any) -> str:
    """`ev4scc-` and the parts, slugified and joined by `-`, with `.csv`: `ev4scc-partners.csv`,
    `ev4scc-kpi-cities-2017-12-31.csv`."""
    return "-".join(["ev4scc", *(slugify(str(part)) for part in parts if part not in (None, ""))]) + ".csv"


def attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(name: str, header: Iterable[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV answer built in memory (for small tables)."""
    return attachment(HttpResponse(csv_bytes(header, rows), content_type=CONTENT_TYPE), name)


def streaming_csv_response(
    name: str, header: Iterable[str], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A CSV answer streamed line by line (for lists of any length)."""
    lines = (line.encode() for line in csv_lines(header, rows))
    return attachment(StreamingHttpResponse(lines, content_type=CONTENT_TYPE), name)
