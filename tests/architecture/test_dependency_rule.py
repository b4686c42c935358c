"""The dependency rule, beyond imports (import-linter checks those in CI): no app names an app above
it anywhere, not in a string model name, a template path, a URL name, a page path, a tag library, an
app lookup, nor a reverse relation that a model above it adds (or a lookup through one). What an app
above adds to a shared page goes through core.contributions."""

import importlib
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


#: Readers that must not name each other either.
READERS = [("kpis", "digests"), ("digests", "kpis")]


def files_of(app: str) -> list[Path]:
    code = [path for path in (BASE / app).rglob("*.py") if "migrations" not in path.parts]
    templates = [*(BASE / "templates" / app).rglob("*.*"), *(BASE / app / "templates").rglob("*.*")]
    return code + sorted(templates)


def tag_libraries(app: str) -> set[str]:
    return {path.stem for path in (BASE / app / "templatetags").glob("*.py") if path.stem != "__init__"}


def page_prefixes(app: str) -> set[str]:
    """The first path segment of each page `app` serves ("events", "news", ...), less those that
    another app also serves (so "me" is not an events path). The root URLconf's own addresses
    (/api/, /me/, /accounts/) are the platform's, which every app may link to, like a setting."""

    def prefixes(module: str) -> set[str]:
        try:
            patterns = importlib.import_module(module).urlpatterns
        except ModuleNotFoundError:
            return set()
        first = {str(pattern.pattern).split("/")[0] for pattern in patterns}
        return {segment for segment in first if segment and "<" not in segment and "^" not in segment}

    if app == "ev4scc":
        return set()
    others = {name for name in [*LAYERS, *ABOVE_ALL] if name not in {app, "ev4scc"}}
    return prefixes(f"{app}.urls") - set().union(*(prefixes(f"{other}.urls") for other in others))


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


def alternatives(names: set[str]) -> str:
    return "|".join(sorted(map(re.escape, names))) or "(?!)"


def references(app: str, higher: str) -> re.Pattern:
    accessors = alternatives(reverse_accessors(app, higher))
    return re.compile(
        rf"""(?:\b(?:from|import)\s+{higher}\b"""  # imports
        rf"""|["']{higher}[./:]"""  # "segments.Segment", "events/x.html", "events:event_detail"
        rf"""|(?:get_model|get_app_config|import_module)\(\s*["']{higher}\b"""  # app lookups
        rf"""|\{{%\s*load\s[^%]*\b(?:{alternatives(tag_libraries(higher))})\b"""  # tag libraries
        rf"""|["']/(?:{alternatives(page_prefixes(higher))})/"""  # page paths: "/events/"
        rf"""|\.(?:{accessors})\b|(?<![A-Za-z0-9])(?:{accessors})__|__(?:{accessors})\b"""  # relations
        rf"""|["'](?:{accessors})["'])"""  # and lookups through them, anywhere in a chain
    )


CASES = [(app, higher) for app in LAYERS for higher in above(app)] + READERS


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


@pytest.mark.parametrize(
    "line",
    [
        'Partner.objects.filter(people__registrations__status="confirmed")',
        "{% load events_tags %}",
        'apps.get_app_config("events")',
        'import_module("events.contributions")',
        '<a href="/events/">',
    ],
)
def test_the_rule_sees_each_kind_of_name(line: str) -> None:
    assert references("partners", "events").search(line)


def test_the_rule_leaves_the_apps_own_names_alone() -> None:
    assert not references("partners", "events").search('<a href="/partners/">{% load partners_access %}')
