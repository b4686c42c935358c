"""Search in the directory and the API: every word must match, the best matches come first, and on
PostgreSQL a word spelt nearly alike matches too (pg_trgm), answered by the trigram index."""

import pytest
from django.db import connection

from partners.models import Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def directory(client, **query) -> list[str]:
    response = client.get("/partners/", query)
    assert response.status_code == 200
    return [partner.name for partner in response.context["page_obj"]]


def api(client, **query) -> list[str]:
    response = client.get("/api/v1/partners/", query)
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def depots() -> None:
    # In name order the description-only match would come first.
    PartnerFactory(name="Aachen Depot", city="Aachen", description="Charging for electric buses")
    PartnerFactory(name="Buses of Bruges", city="Bruges")
    PartnerFactory(name="Cargo Lines", city="Cork", description="Vans")


def test_a_name_that_matches_comes_before_a_description_that_matches(client, depots):
    assert directory(client, q="buses") == ["Buses of Bruges", "Aachen Depot"]
    assert api(client, q="buses") == ["Buses of Bruges", "Aachen Depot"]


def test_a_chosen_sort_order_replaces_the_relevance(client, depots):
    assert directory(client, q="buses", sort="name") == ["Aachen Depot", "Buses of Bruges"]
    assert api(client, q="buses", ordering="name") == ["Aachen Depot", "Buses of Bruges"]


def test_every_word_must_match(client, depots):
    assert directory(client, q="buses bruges") == ["Buses of Bruges"]
    assert api(client, q="vans cork") == ["Cargo Lines"]


@pytest.fixture
def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.mark.postgres
def test_a_misspelt_word_finds_the_partner_on_postgresql(client, needs_postgres):
    PartnerFactory(name="City of Gothenburg", city="Göteborg")
    PartnerFactory(name="Zürich Power", city="Zürich", description="Fast charging")
    PartnerFactory(name="Tartu", city="Tartu")
    assert directory(client, q="Gotenburg") == ["City of Gothenburg"]
    assert api(client, q="zürich chargng") == ["Zürich Power"]
    assert directory(client, q="Gotenburg chargng") == []


@pytest.mark.postgres
def test_the_trigram_index_answers_the_search_on_postgresql(needs_postgres):
    PartnerFactory(name="City of Gothenburg")
    query = Partner.objects.search("gotenburg")
    with connection.cursor() as cursor:
        # A few rows make a sequential scan cheaper; forbid it to see whether the index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "partner_search_text_trgm" in plan
