"""MkDocs hook: the benchmark figures in the docs are bench/results.json's, read at build time.

A page writes a placeholder and gets a Markdown table (or a number) in its place:

- `{{ bench growth database=sqlite }}`: one row per benchmark, its median at every scale measured on
  that database, and the floor and ratio at the reference scale (10,000, or the largest below it).
- `{{ bench table database=postgresql scale=10000 }}`: every field of every row of one run.
- `{{ bench value name=api_partners database=sqlite scale=10000 field=ratio }}`: one figure.

A placeholder the file cannot fill (no such row, an unknown field) fails the build, so a page never
shows a figure that is not in the file. `make bench` rewrites the file; the next `make docs` shows it.
"""

import json
import re
import shlex
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results.json"
PLACEHOLDER = re.compile(r"\{\{\s*bench\s+(?P<args>[^}]*?)\s*\}\}")
#: The order of bench/run.py: warm pages first, then the API, then the cold (empty cache) variants.
ORDER = [
    "directory",
    "directory_filtered",
    "partner_profile",
    "map_geojson",
    "projects",
    "events",
    "dashboard",
    "api_partners",
    "api_geojson",
    "digest",
    "directory_cold",
    "map_geojson_cold",
    "dashboard_cold",
    "dashboard_after_change",
    "api_partners_cold",
]
REFERENCE_SCALE = 10_000


def load() -> list[dict[str, Any]]:
    try:
        return json.loads(RESULTS.read_text())
    except (OSError, ValueError) as error:
        raise PluginError(f"docs/hooks.py: cannot read {RESULTS}: {error}") from error


def ms(value: float) -> str:
    """A duration to about 3 significant figures, thousands separated."""
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def ratio(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2g}" if value < 1 else f"{value:.3g}"


def by_name(rows: list[dict[str, Any]]) -> list[str]:
    names = {row["name"] for row in rows}
    return [n for n in ORDER if n in names] + sorted(names - set(ORDER))


def select(rows: list[dict[str, Any]], args: dict[str, str], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    chosen = [row for row in rows if all(str(row.get(key)) == args[key] for key in keys if key in args)]
    if not chosen:
        raise PluginError(f"docs/hooks.py: no row of {RESULTS.name} has {args}")
    return chosen


def growth(rows: list[dict[str, Any]], args: dict[str, str]) -> str:
    rows = select(rows, args, ("database",))
    scales = sorted({row["scale"] for row in rows})
    reference = max((s for s in scales if s <= REFERENCE_SCALE), default=scales[0])
    cell = {(row["name"], row["scale"]): row for row in rows}
    head = [
        "page",
        "queries",
        *(f"{s:,}" for s in scales),
        *(f"{what} at {reference:,}" for what in ("floor", "ratio")),
    ]
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    for name in by_name(rows):
        ref = cell.get((name, reference))
        measured = [cell[(name, s)] for s in scales if (name, s) in cell]
        queries = (ref or measured[0])["queries"]
        medians = [ms(cell[(name, s)]["median_ms"]) if (name, s) in cell else "–" for s in scales]
        floor = [ms(ref["floor_median_ms"]), ratio(ref["ratio"])] if ref else ["–", "–"]
        lines.append(f"| `{name}` | {queries} | " + " | ".join(medians + floor) + " |")
    return "\n".join(lines)


def table(rows: list[dict[str, Any]], args: dict[str, str]) -> str:
    rows = select(rows, args, ("database", "scale"))
    lines = [
        "| page | database | scale | queries | median | p95 | floor | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    order = {name: i for i, name in enumerate(by_name(rows))}
    for row in sorted(rows, key=lambda r: (r["database"], r["scale"], order[r["name"]])):
        lines.append(
            f"| `{row['name']}` | {row['database']} | {row['scale']:,} | {row['queries']} | "
            f"{ms(row['median_ms'])} | {ms(row['p95_ms'])} | {ms(row['floor_median_ms'])} | "
            f"{ratio(row['ratio'])} |"
        )
    return "\n".join(lines)


def value(rows: list[dict[str, Any]], args: dict[str, str]) -> str:
    if set(args) != {"name", "database", "scale", "field"}:
        raise PluginError(f"docs/hooks.py: a value needs name, database, scale and field, got {args}")
    (row,) = select(rows, args, ("name", "database", "scale"))
    field = args["field"]
    if field not in row:
        raise PluginError(f"docs/hooks.py: rows have no field {field!r}")
    figure = row[field]
    if field.endswith("_ms"):
        return ms(figure)
    return ratio(figure) if field == "ratio" else f"{figure:,}"


RENDER = {"growth": growth, "table": table, "value": value}


def render(match: re.Match[str], rows: list[dict[str, Any]]) -> str:
    kind, *pairs = shlex.split(match["args"])
    if kind not in RENDER or not all("=" in pair for pair in pairs):
        raise PluginError(f"docs/hooks.py: cannot read the placeholder {match[0]!r}")
    return RENDER[kind](rows, dict(pair.split("=", 1) for pair in pairs))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "{{" not in markdown or not PLACEHOLDER.search(markdown):
        return markdown
    rows = load()
    return PLACEHOLDER.sub(lambda match: render(match, rows), markdown)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """`mkdocs serve` rebuilds when the benchmark writes new figures."""
    server.watch(str(RESULTS))
    return server
