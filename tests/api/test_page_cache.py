"""The partner list's pages and the partners' GeoJSON are rendered once per data version and served
from the cache: the same bytes, headers and ETag as a fresh answer, never stale after a write, never
shared between hosts or between days, and never caching an error."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def fetch(client, url: str = "/api/v1/partners/?page_size=100", **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return response, len(context)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/v1/partners/?page_size=100", "application/json"),
        ("/api/v1/partners.geojson?kind=city", "application/geo+json"),
    ],
)
def test_an_answer_asked_again_is_served_from_the_cache_unchanged(anonymous, url, content_type):
    PartnerFactory.create_batch(3, kind="city", latitude=55.67, longitude=12.57)
    first, first_queries = fetch(anonymous, url)
    again, again_queries = fetch(anonymous, url)
    assert first_queries >= 1
    assert again_queries == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == content_type
    assert again["ETag"] == first["ETag"]
    assert "Accept" in [header.strip() for header in again["Vary"].split(",")]


def test_the_query_parameters_in_another_order_are_the_same_page(anonymous):
    PartnerFactory.create_batch(3)
    first, _ = fetch(anonymous, "/api/v1/partners/?page_size=2&ordering=name")
    again, queries = fetch(anonymous, "/api/v1/partners/?ordering=name&page_size=2")
    assert queries == 0
    assert again.content == first.content


def test_a_write_shows_at_once(anonymous):
    partner = PartnerFactory(name="Aarhus Kommune")
    fetch(anonymous)
    partner.name = "Aarhus Municipality"
    partner.save()
    PartnerFactory(name="Bergen Kommune")
    names = [row["name"] for row in anonymous.get("/api/v1/partners/?page_size=100").json()["results"]]
    assert names == ["Aarhus Municipality", "Bergen Kommune"]


def test_a_partner_leaving_today_is_gone_tomorrow_without_a_write(anonymous, monkeypatch):
    today = timezone.localdate()
    PartnerFactory(name="Leaving", left_on=today + datetime.timedelta(days=1), latitude=1, longitude=1)
    assert anonymous.get("/api/v1/partners/").json()["count"] == 1
    assert len(anonymous.get("/api/v1/partners.geojson").json()["features"]) == 1
    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    assert anonymous.get("/api/v1/partners/").json()["count"] == 0
    assert anonymous.get("/api/v1/partners.geojson").json()["features"] == []


def test_links_name_the_host_that_was_asked(anonymous):
    PartnerFactory(slug="aarhus")
    anonymous.get("/api/v1/partners/")
    other = anonymous.get("/api/v1/partners/", HTTP_HOST="localhost").json()["results"][0]
    assert other["url"] == "http://localhost/api/v1/partners/aarhus/"


def test_an_error_is_never_cached(anonymous, monkeypatch):
    from partners.api import PartnerRowSerializer

    PartnerFactory()
    render = PartnerRowSerializer.represent
    monkeypatch.setattr(PartnerRowSerializer, "represent", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        anonymous.get("/api/v1/partners/")
    monkeypatch.setattr(PartnerRowSerializer, "represent", render)
    answer, queries = fetch(anonymous, "/api/v1/partners/")
    assert answer.status_code == 200
    assert queries >= 1


def test_an_unchanged_cached_page_is_304(anonymous):
    PartnerFactory()
    first, _ = fetch(anonymous)
    again, queries = fetch(anonymous, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert queries == 0


def test_indented_json_is_cached_apart_from_compact_json(anonymous):
    PartnerFactory()
    compact, _ = fetch(anonymous)
    indented, _ = fetch(anonymous, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content != compact.content
    assert indented.content.startswith(b'{\n  "count"')


def test_media_type_parameters_other_than_the_indent_share_one_cached_answer(anonymous):
    PartnerFactory()
    first, _ = fetch(anonymous)
    again, queries = fetch(anonymous, HTTP_ACCEPT="application/json; x=1")
    assert queries == 0
    assert again.content == first.content


def test_a_list_is_counted_once_for_all_its_pages(anonymous):
    PartnerFactory.create_batch(3)
    first, first_queries = fetch(anonymous, "/api/v1/partners/?page_size=2")
    second, second_queries = fetch(anonymous, "/api/v1/partners/?page_size=2&page=2")
    assert first_queries == 2  # the total, the page
    assert second_queries == 1  # the page
    assert first.json()["count"] == second.json()["count"] == 3


def test_each_filter_and_search_has_its_own_total(anonymous):
    PartnerFactory.create_batch(2, country="SE", name="Malmö stad")
    PartnerFactory(country="DK", name="Aarhus Kommune")
    counts = {
        query: anonymous.get(f"/api/v1/partners/?page_size=1&{query}").json()["count"]
        for query in ["", "country=SE", "country=DK", "q=aarhus", "country=SE&q=aarhus"]
    }
    assert counts == {"": 3, "country=SE": 2, "country=DK": 1, "q=aarhus": 1, "country=SE&q=aarhus": 0}


def test_a_total_is_never_stale_after_a_write(anonymous):
    PartnerFactory.create_batch(2)
    assert anonymous.get("/api/v1/partners/?page_size=1").json()["count"] == 2
    PartnerFactory()
    assert anonymous.get("/api/v1/partners/?page_size=1&page=2").json()["count"] == 3
