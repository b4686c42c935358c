"""Names sort as people expect: "Île-de-France" among the I's, not after "Z" (ICU collation on
PostgreSQL, the normalised key on SQLite; core.collation). The same test runs on both in CI."""

import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

NAMES = ["Zagreb", "Île-de-France", "aachen", "Évora", "Ingolstadt", "Berlin"]
EXPECTED = ["aachen", "Berlin", "Évora", "Île-de-France", "Ingolstadt", "Zagreb"]


@pytest.fixture
def partners(db):
    for number, name in enumerate(NAMES):
        PartnerFactory(name=name, slug=f"p{number}")


def api_names(client, **params) -> list[str]:
    response = client.get("/api/v1/partners/", {"page_size": 100, **params})
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


def test_the_api_lists_names_in_natural_order(anonymous, partners):
    assert api_names(anonymous) == EXPECTED
    assert api_names(anonymous, ordering="name") == EXPECTED
    assert api_names(anonymous, ordering="-name") == EXPECTED[::-1]


def test_the_directory_sorts_names_in_natural_order(client, partners):
    for params in ({}, {"sort": "name"}):
        page = client.get("/partners/", params).context["page_obj"]
        assert [partner.name for partner in page] == EXPECTED


def test_the_csv_has_the_same_order(anonymous, partners):
    response = anonymous.get("/api/v1/partners/", {"format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    names = [line.split(",")[2] for line in lines[1:]]
    assert names == EXPECTED
