"""The dependency rule, beyond imports (import-linter checks those in CI): no app names an app above
it anywhere, not in a string model name, a template path, a URL name, nor a reverse relation that a
model above it adds. What an app above adds to a shared page goes through core.contributions."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)
#: Bottom first. kpis and digests read everything; demo and ev4scc (the project's configuration) sit on top.
LAYERS = ["core", "audit", "partners", "segments", "projects", "events"]
ABOVE_ALL = ["kpis", "digests", "demo", "ev4scc"]


def above(app: str) -> list[str]:
    return LAYERS[LAYERS.index(app) + 1 :] + ABOVE_ALL


def files_of(app: str) -> list[Path]:
    code = [path for path in (BASE / app).rglob("*.py") if "migrations" not in path.parts]
    return code + sorted((BASE / "templates" / app).rglob("*.*"))


def reverse_accessors(app: str, higher: str) -> set[str]:
    """The names by which `app`'s models reach the models of `higher`: reverse relations and the
    lookups that follow them."""
    if higher not in {config.label for config in apps.get_app_configs()}:
        return set()
    names = set()
    for model in apps.get_app_config(higher).get_models():
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if field.is_relation and not field.auto_created and target and target._meta.app_label == app:
                names.add(field.remote_field.get_accessor_name() or "")
                names.add(field.related_query_name())
    return {name for name in names if name and not name.endswith("+")}


def references(app: str, higher: str) -> re.Pattern:
    accessors = "|".join(sorted(map(re.escape, reverse_accessors(app, higher)))) or "(?!)"
    return re.compile(
        rf"""(?:\b(?:from|import)\s+{higher}\b"""  # imports
        rf"""|["']{higher}[./:]"""  # "segments.Segment", "events/x.html", "events:event_detail"
        rf"""|get_model\(\s*["']{higher}["']"""
        rf"""|\.(?:{accessors})\b|\b(?:{accessors})__|["'](?:{accessors})["'])"""  # reverse relations
    )


CASES = [(app, higher) for app in LAYERS for higher in above(app)]


@pytest.mark.parametrize(
    ("app", "higher"),
    CASES,
    ids=[f"{a}-names-{h}" for a, h in CASES],
)
def test_no_app_names_an_app_above_it(app: str, higher: str) -> None:
    pattern = references(app, higher)
    found = [
        f"{path.relative_to(BASE)}:{number}: {line.strip()}"
        for path in files_of(app)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, f"{app} names {higher}:\n" + "\n".join(found)


def test_the_rule_sees_a_reverse_relation() -> None:
    """The check is not empty: partners' models are reached from above through these names."""
    assert {"group_memberships", "participations", "registrations"} <= (
        reverse_accessors("partners", "segments")
        | reverse_accessors("partners", "projects")
        | reverse_accessors("partners", "events")
    )
    assert references("partners", "events").search('{% include "events/partner_events.html" %}')
