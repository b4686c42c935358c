"""A page of the partner list is read by its keys first (core.api.KeysFirstPaginator): every page holds
the next rows in order, and on PostgreSQL an index alone finds a page's keys."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/partners/"


def slugs(client, **query) -> list[str]:
    response = client.get(URL, query)
    assert response.status_code == 200
    return [row["slug"] for row in response.json()["results"]]


def test_every_page_holds_the_next_rows_in_order(client, cast):
    # Equal names: the key breaks the tie, the same way on every page.
    PartnerFactory.create_batch(4, name="Same Name")
    PartnerFactory(name="Élan Mobility")
    PartnerFactory(name="zeta Charging")
    everything = slugs(client, page_size=100)
    pages = [slugs(client, page_size=2, page=page) for page in range(1, -(-len(everything) // 2) + 1)]
    assert [slug for page in pages for slug in page] == everything
    assert all(len(page) == 2 for page in pages[:-1])


def test_a_search_keeps_its_relevance_order_across_pages(client, cast):
    PartnerFactory(name="Aachen Depot", description="electric buses")
    PartnerFactory(name="Buses of Bruges")
    PartnerFactory(name="Cork Buses")
    assert slugs(client, q="buses", page_size=2, page=1) + slugs(client, q="buses", page_size=2, page=2) == (
        slugs(client, q="buses", page_size=100)
    )


@pytest.mark.postgres
def test_an_index_alone_finds_the_keys_of_a_page_on_postgresql(client, cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"page_size": 1, "page": 2}).status_code == 200
    (page_query,) = [query["sql"] for query in queries if " IN (SELECT " in query["sql"]]
    with connection.cursor() as cursor:
        # With a few rows, reading them all and sorting is cheaper: forbid that, to see whether the
        # index can answer (at 100,000 partners the planner chooses it unprompted, docs/benchmarks.md).
        for plan in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET LOCAL enable_{plan} = off")
        cursor.execute(f"EXPLAIN {page_query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using partner_name_icu_id" in plan, plan
