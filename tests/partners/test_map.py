import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CityFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_map_page_has_the_map_and_the_table_sorted_by_count(client, cast):
    PartnerFactory.create_batch(2, country="DE")
    response = client.get("/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-geojson="/map/partners.geojson"' in html
    assert [(row["code"], row["count"]) for row in response.context["countries"]] == [
        ("DE", 2),
        ("DK", 1),
        ("EE", 1),
        ("FR", 1),
    ]
    assert html.index("Germany") < html.index("France")
    assert '<a href="/partners/?country=DE">Germany</a>' in html
    assert "Ireland" not in html  # the former partner's country has no active partner


def test_geojson_has_city_points_and_country_counts(client, cast):
    data = client.get("/map/partners.geojson").json()
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {
            "type": "Feature",
            "id": "aarhus",
            "geometry": {"type": "Point", "coordinates": [10.2, 56.16]},
            "properties": {
                "name": "Aarhus",
                "url": "http://testserver/partners/aarhus/",
                "kind": "city",
                "city": "Aarhus",
            },
        },
        {
            "type": "Feature",
            "id": "tartu",
            "geometry": {"type": "Point", "coordinates": [26.72, 58.38]},
            "properties": {
                "name": "Tartu",
                "url": "http://testserver/partners/tartu/",
                "kind": "city",
                "city": "Tartu",
            },
        },
    ]
    assert {"code": "EE", "numeric": "233", "name": "Estonia", "count": 1} in data["countries"]


def test_geojson_is_cached_until_a_partner_changes(client, cast, django_assert_num_queries):
    client.get("/map/partners.geojson")
    with django_assert_num_queries(0):
        client.get("/map/partners.geojson")
    PartnerFactory(country="PL")
    assert any(row["code"] == "PL" for row in client.get("/map/partners.geojson").json()["countries"])


def _queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _build(count):
    for number in range(count):
        (CityFactory if number % 2 else PartnerFactory)(country=["FR", "DE", "SE", "PL"][number % 4])


@pytest.mark.parametrize("url", ["/map/", "/map/partners.geojson"])
def test_map_queries_do_not_grow_with_partners(client, url):
    _build(10)
    few = _queries(client, url)
    _build(190)
    assert _queries(client, url) == few


def test_geojson_drops_a_partner_the_day_it_leaves(client, monkeypatch):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    CityFactory(country="EE", latitude=58.38, longitude=26.72, left_on=today + datetime.timedelta(days=1))
    assert len(client.get("/map/partners.geojson").json()["features"]) == 1
    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    assert client.get("/map/partners.geojson").json()["features"] == []
