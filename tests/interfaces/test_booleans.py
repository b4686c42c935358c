"""One boolean query parameter everywhere (core.filters): true/false, 1/0 (yes/no, on/off) in any
case; anything else is a 400 naming it on the API, never read as true."""

import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

TRUE = ["true", "True", "1", "yes", "on"]
FALSE = ["false", "False", "0", "no", "off"]


@pytest.fixture
def smes(cast):
    PartnerFactory(name="Small Co", slug="small-co", is_sme=True)
    PartnerFactory(name="Big Co", slug="big-co", is_sme=False)


def api_slugs(client, path, **params) -> list[str]:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return sorted(row["slug"] for row in response.json()["results"])


@pytest.mark.parametrize("value, expected", [*((v, True) for v in TRUE), *((v, False) for v in FALSE)])
def test_sme_reads_every_spelling_of_a_boolean(anonymous, smes, value, expected):
    slugs = api_slugs(anonymous, "/api/v1/partners/", sme=value)
    assert ("small-co" in slugs, "big-co" in slugs) == (expected, not expected)


@pytest.mark.parametrize("value, expected", [("true", True), ("0", False)])
def test_the_directory_page_reads_sme_alike(client, smes, value, expected):
    partners = client.get("/partners/", {"sme": value}).context["page_obj"]
    slugs = {partner.slug for partner in partners}
    assert ("small-co" in slugs, "big-co" in slugs) == (expected, not expected)


@pytest.mark.parametrize("value, expected", [*((v, ["e-freight"]) for v in TRUE), *((v, []) for v in FALSE)])
def test_not_joined_false_is_false_on_the_api(anonymous, cast, value, expected):
    # Tartu is interested in the segment of E-freight and has not joined it.
    assert api_slugs(anonymous, "/api/v1/groups/", city="tartu", not_joined=value) == expected


@pytest.mark.parametrize("value, expected", [("1", ["e-freight"]), ("0", []), ("off", []), ("no", [])])
def test_not_joined_false_is_false_on_the_page(client, cast, value, expected):
    groups = client.get("/groups/", {"city": "tartu", "not_joined": value}).context["groups"]
    assert [group.slug for group in groups] == expected


@pytest.mark.parametrize("path, name", [("/api/v1/partners/", "sme"), ("/api/v1/groups/", "not_joined")])
@pytest.mark.parametrize("value", ["maybe", "2", "truee"])
def test_anything_else_is_a_400_naming_the_parameter(anonymous, cast, path, name, value):
    response = anonymous.get(path, {name: value})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [name]


def test_the_schema_declares_them_as_booleans(anonymous):
    schema = anonymous.get("/api/v1/schema/", {"format": "json"}).json()
    for path, name in [("/api/v1/partners/", "sme"), ("/api/v1/groups/", "not_joined")]:
        (parameter,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
        assert parameter["schema"] == {"type": "boolean"}
