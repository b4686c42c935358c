"""Hostile input to every form, every API write and every page's query string: never a 500, nothing
half-written, and a posted <script> is never rendered unescaped.

The endpoints come from the permission matrix (so from the URL resolver): every row with a POST or
PATCH is fuzzed as the first role the matrix lets past the permission check, every row a role may
GET has its query string fuzzed. Field names are read from the forms on the page (or, for a
POST-only endpoint, the nearest page above it) and from the OpenAPI schema. The cases are drawn from
a random generator seeded with the URL name: the same cases on every run, a bounded number of them."""

import json
import random
import re
from html.parser import HTMLParser
from urllib.parse import quote_plus

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Model
from django.db.models.fields import AutoFieldMixin
from django.test import override_settings
from django.urls import resolve, reverse
from drf_spectacular.generators import SchemaGenerator

from .conftest import ROLES, build_scene, is_rest_api
from .test_permission_matrix import ARGS, BODIES, TABLE

SCRIPT = "<script>alert(1)</script>"
TEXT = [
    SCRIPT,
    '"><script>alert(1)</script>',
    "' OR 1=1 --",
    "'; DROP TABLE partners_partner; --",
    "javascript:alert(1)",
    "x" * 20_000,
    "\x00",
    "a\x00b",
    "\r\nBcc: victim@example.org",
    "../../../etc/passwd",
    "%00%ff",
    "🚗" * 300,
    "",
    " ",
    "null",
    "[]",
    "{}",
    "true",
]
NUMBERS = ["-1", "0", "-99999999999999999999", "9" * 40, "1e308", "NaN", "Infinity", "0x1F", "3.5", "1,5"]
DATES = [
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31/12/2016",
    "2016-13-01",
    "2016-01-01T25:61",
    "-2016-01-01",
]
BROKEN_UTF8 = [b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"]
JSON_VALUES = [
    *TEXT,
    "\ud800",  # a lone surrogate: valid JSON, invalid UTF-8
    -1,
    0,
    10**30,
    -(10**30),
    1.5,
    1e308,
    True,
    None,
    [],
    [SCRIPT],
    {"$gt": ""},
    {"id": "1 OR 1=1"},
]
RAW_JSON_BODIES = [b'{"message":', b"\xff\xfe{}", b"[]", b"null", b'"x"', b"1e999", b'{"a": NaN}']

FORM = "application/x-www-form-urlencoded"
#: Fixed cases: every field (or query parameter) at once with each of these, before the random ones.
EVERY_FIELD = [SCRIPT, "x" * 20_000, "-99999999999999999999", "no-such-thing"]
FORM_CASES = 12
QUERY_CASES = 4
JSON_CASES = 10
COMMON_PARAMETERS = [
    "page",
    "page_size",
    "q",
    "sort",
    "ordering",
    "format",
    "as_of",
    "date",
    "period",
    "next",
]
REFUSALS = (401, 403, 404, 405)
ACTORS = ("lead", "coordinator", "rep_b", "member")  # the fuzzing role: the first the matrix lets in


#: Valid bodies for the forms that start empty, so that one hostile field at a time reaches the
#: services and the database (edit forms start from the values the page fills in).
VALID = {
    "partners:join": lambda c: {
        "organisation_name": "Tartu",
        "kind": "city",
        "country": "EE",
        "city": "Tartu",
        "population": "95000",
        "contact_name": "Kadri",
        "contact_email": "kadri@example.org",
        "segments": str(c.cast.group.segment.pk),
        "consent": "on",
    },
    "events:contact": lambda c: {
        "name": "Ann",
        "email": "ann@example.org",
        "subject": "Hello",
        "message": "A question.",
    },
    "projects:call_create": lambda c: {
        "programme": "Horizon Europe",
        "identifier": "MG4-2017",
        "title": "E-planning",
        "deadline": "2030-01-31",
    },
    "projects:project_create": lambda c: {
        "title": "E-planning",
        "segment": str(c.cast.group.segment.pk),
        "call": str(c.call.pk),
        "summary": "Smart charging.",
    },
    "projects:solution_create": lambda c: {
        "title": "Depot charging",
        "segment": str(c.cast.group.segment.pk),
        "summary": "Buses charge overnight.",
        "evidence": "Two years in service.",
        "tested_in": str(c.cast.lead_partner.pk),
        "vehicles": "12",
        "charge_points": "4",
    },
    "projects:need_create": lambda c: {
        "title": "Night charging",
        "segment": str(c.cast.group.segment.pk),
        "description": "For 40 buses.",
        "timeline": "2027",
        "budget_min_eur": "100000",
        "budget_max_eur": "200000",
    },
    "projects:solution_replicate": lambda c: {"replicated_on": "2026-01-15"},
    "events:event_register": lambda c: {"person": str(c.cast.member.person.pk)},
}


def _hostile_form_value(rng: random.Random) -> bytes | str | list:
    pool = rng.choice([TEXT, NUMBERS, DATES, BROKEN_UTF8])
    value = rng.choice(pool)
    return [value, rng.choice(TEXT)] if rng.random() < 0.1 else value


def _urlencode(data: dict) -> str:
    """Like urlencode, but bytes go through as they are (so broken UTF-8 stays broken)."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{quote_plus(key)}={quote_plus(item)}")
    return "&".join(pairs)


def _form_cases(rng: random.Random, valid: dict[str, list]) -> list[dict]:
    """Every field hostile at once; then the valid body with one to three fields made hostile, which
    gets past the form to the services and the database."""
    fields = sorted(valid)
    cases = [dict.fromkeys(fields, value) for value in EVERY_FIELD]
    while len(cases) < FORM_CASES:
        case = dict(valid)
        for field in rng.sample(fields, min(len(fields), rng.randint(1, 3))):
            case[field] = _hostile_form_value(rng)
        cases.append(case)
    return cases


def _snapshot() -> dict[type[Model], dict]:
    """Each model's row count and highest key: equal before and after means nothing was written."""
    return {
        model: model._default_manager.aggregate(rows=Count("pk"), top=Max("pk"))
        for model in apps.get_models()
    }


def _invalid_new_rows(before: dict[type[Model], dict]) -> list[str]:
    """The rows a request added that fail their own model's validation (integer keys: new rows
    have higher ones)."""
    invalid = []
    for model, seen in before.items():
        if not isinstance(model._meta.pk, AutoFieldMixin):
            continue
        added = model._default_manager.all()
        if seen["top"] is not None:
            added = added.filter(pk__gt=seen["top"])
        for row in added:
            try:
                row.full_clean()
            except ValidationError as error:
                invalid.append(f"{model._meta.label} {error.message_dict}")
    return invalid


def _actor(name: str, method: str) -> str | None:
    statuses = dict(zip(ROLES, TABLE[name][method], strict=True))
    return next((role for role in ACTORS if statuses[role] not in REFUSALS), None)


class Fuzzer:
    """Sends the cases, each in a transaction rolled back afterwards, and collects what went wrong."""

    def __init__(self) -> None:
        self.scene = build_scene()
        self.problems: list[str] = []

    def url(self, name: str) -> str:
        return reverse(name, kwargs=ARGS[name](self.scene) if name in ARGS else None)

    def send(self, role: str, method: str, url: str, body=None, content_type=None, *, writes: bool) -> None:
        cache.clear()
        client = self.scene.client(role)
        shown = f"{method} {url[:120]} {body!r:.160}"
        with transaction.atomic():
            before = _snapshot() if writes else {}
            try:
                if method == "GET":
                    response = client.get(url)
                else:
                    response = getattr(client, method.lower())(url, body, content_type=content_type)
                self.inspect(client, shown, response, before)
            except Exception as error:  # noqa: BLE001 - every exception is a finding, reported with its input
                self.problems.append(f"{shown}: raised {error!r}"[:400])
            transaction.set_rollback(True)

    def inspect(self, client, shown: str, response, before: dict) -> None:
        status = response.status_code
        if status >= 500:
            self.problems.append(f"{shown}: {status}")
        self.check_escaped(shown, response)
        if not before:
            return
        if status >= 400 and _snapshot() != before:
            self.problems.append(f"{shown}: refused ({status}) but wrote")
        elif status < 400:
            self.problems.extend(f"{shown}: stored {invalid}" for invalid in _invalid_new_rows(before))
            if status == 302 and response["Location"].startswith("/"):
                # What was stored is shown again, escaped, on the page the form returns to.
                self.check_escaped(f"{shown} -> {response['Location']}", client.get(response["Location"]))

    def check_escaped(self, shown: str, response) -> None:
        if response.get("Content-Type", "").startswith("text/html") and SCRIPT.encode() in response.content:
            self.problems.append(f"{shown}: {SCRIPT} rendered unescaped")

    def form_values(self, role: str, url: str) -> dict[str, list[str]]:
        """The fields of the forms on the page (or on the nearest page above a POST-only endpoint),
        with the values the page fills in: a valid body to start from, where the page is an edit form."""
        client = self.scene.client(role)
        path = url
        while path:
            response = client.get(path)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                reader = FormReader()
                reader.feed(response.content.decode())
                reader.values.pop("csrfmiddlewaretoken", None)
                return reader.values
            path = path.rstrip("/").rpartition("/")[0] + "/" if path.strip("/") else ""
        return {}


class FormReader(HTMLParser):
    """The values a browser would send for every field on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "button", "file"):
            if attributes.get("type") not in ("checkbox", "radio") or "checked" in attributes:
                self.values.setdefault(name, []).append(attributes.get("value") or "")
            else:
                self.values.setdefault(name, [])
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select:
            chosen = self.values[self._select]
            if "selected" in attributes or not chosen:
                chosen[:] = ([*chosen] if "selected" in attributes and chosen else []) + [
                    attributes.get("value", "")
                ]
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][-1] += data


#: Known bugs the fuzzing found: strict xfail until they are fixed.
KNOWN_BUGS: dict = {}


def _post_rows() -> list:
    return [
        pytest.param(name, marks=[KNOWN_BUGS[name]] if name in KNOWN_BUGS else [], id=name)
        for name, row in TABLE.items()
        if "POST" in row and not is_rest_api(name)
    ]


def _api_write_rows() -> list[tuple[str, str]]:
    return [
        (name, method)
        for name, row in TABLE.items()
        if is_rest_api(name)
        for method in row
        if method != "GET" and _actor(name, method)
    ]


def _reader(name: str) -> str | None:
    """The first role that may GET the pattern (anonymous where it is public)."""
    return next((role for role, status in zip(ROLES, TABLE[name]["GET"], strict=True) if status == 200), None)


def _get_rows() -> list[str]:
    return [name for name in TABLE if _reader(name)]


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _schema_operation(schema: dict, url: str, method: str) -> dict | None:
    for template, operations in schema["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), url) and method.lower() in operations:
            return operations[method.lower()]
    return None


def _body_fields(schema: dict, operation: dict) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    name = content.get("schema", {}).get("$ref", "").rpartition("/")[2]
    return sorted(schema["components"]["schemas"].get(name, {}).get("properties", {}))


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.parametrize("name", _post_rows())
def test_forms_survive_hostile_input(name):
    fuzzer = Fuzzer()
    role = _actor(name, "POST") or "anonymous"
    url = fuzzer.url(name)
    valid = fuzzer.form_values(role, url)
    for bodies in (BODIES, VALID):
        if name in bodies:
            valid.update({field: [str(value)] for field, value in bodies[name](fuzzer.scene).items()})
    for case in _form_cases(random.Random(name), valid or {"q": [""]}):
        fuzzer.send(role, "POST", url, _urlencode(case), FORM, writes=True)
    assert fuzzer.problems == []


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), _api_write_rows())
def test_api_writes_survive_hostile_input(name, method, schema):
    fuzzer = Fuzzer()
    url = fuzzer.url(name)
    operation = _schema_operation(schema, url, method)
    assert operation is not None, f"{method} {url} is not in the OpenAPI schema"
    fields = _body_fields(schema, operation)
    rng = random.Random(f"{name} {method}")
    bodies = [*RAW_JSON_BODIES]
    for _case in range(JSON_CASES):
        chosen = rng.sample(fields, rng.randint(1, len(fields))) if fields else []
        bodies.append(json.dumps({field: rng.choice(JSON_VALUES) for field in chosen}))
    for body in bodies:
        fuzzer.send(_actor(name, method), method, url, body, "application/json", writes=True)
    assert fuzzer.problems == []


def test_every_api_write_in_the_schema_is_fuzzed(schema):
    in_schema = {
        (method.upper(), resolve(re.sub(r"\{[^}]+\}", "x", template)).view_name)
        for template, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }
    assert {(method, name) for name, method in _api_write_rows()} == in_schema


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.parametrize("name", _get_rows())
def test_query_strings_survive_hostile_input(name, schema):
    fuzzer = Fuzzer()
    role = _reader(name)
    url = fuzzer.url(name)
    if is_rest_api(name):
        operation = _schema_operation(schema, url, "GET") or {}
        parameters = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    else:
        parameters = list(fuzzer.form_values(role, url))  # the filters are the page's GET form
    names = sorted(set(parameters) | set(COMMON_PARAMETERS))
    rng = random.Random(name)
    # A bad page number or format is refused before the filters are read: the fixed cases leave them out.
    filters = [n for n in names if n not in ("page", "format")]
    queries = [dict.fromkeys(filters, value) for value in EVERY_FIELD]
    for _case in range(QUERY_CASES):
        queries.append({n: _hostile_form_value(rng) for n in names if rng.random() < 0.5})
    for query in queries:
        fuzzer.send(role, "GET", f"{url}?{_urlencode(query)}", writes=False)
    assert fuzzer.problems == []


@pytest.mark.fuzz
@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.broken_urls")
@pytest.mark.parametrize(
    ("url", "finding"),
    [
        ("/crashes/", "raised ZeroDivisionError"),
        ("/writes-then-refuses/", "but wrote"),
        ("/stores-invalid/", "stored auth.User"),
        ("/echoes/", "unescaped"),
    ],
)
def test_the_fuzzer_finds_each_kind_of_fault(url, finding):
    fuzzer = Fuzzer()
    fuzzer.send(
        "anonymous", "POST", url, _urlencode({"name": SCRIPT if "echo" in url else ""}), FORM, writes=True
    )
    assert len(fuzzer.problems) == 1 and finding in fuzzer.problems[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url", "field"),
    [
        pytest.param("anonymous", "/join/", "segments"),
        pytest.param("rep_b", "/me/digest/", "segments"),
        pytest.param("rep_b", "/me/digest/", "groups"),
        pytest.param("rep_b", "/me/digest/", "projects"),
    ],
)
def test_a_choice_beyond_the_key_range_is_an_invalid_choice(role, url, field):
    scene = build_scene()
    response = scene.client(role).post(url, {field: "-99999999999999999999"})
    assert response.status_code == 400
