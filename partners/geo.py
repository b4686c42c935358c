"""The map's data: active partners per country and the city and region partners as points, as one
GeoJSON document, cached until a partner changes (and at most CACHE_SECONDS, for bulk loads that
send no signals)."""

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django_countries import countries

from .models import Partner

CACHE_KEY = "partners:map-geojson"
CACHE_SECONDS = 600


def country_counts() -> list[dict[str, Any]]:
    """Active partners per country, most first: code (ISO alpha-2), numeric (ISO numeric, as the
    boundaries carry it), name and count."""
    rows = Partner.objects.active().order_by().values("country").annotate(count=Count("id"))
    result = [
        {
            "code": row["country"],
            "numeric": f"{countries.numeric(row['country']) or 0:03d}",
            "name": countries.name(row["country"]) or row["country"],
            "count": row["count"],
        }
        for row in rows
    ]
    return sorted(result, key=lambda row: (-row["count"], row["name"]))


def partners_geojson() -> dict[str, Any]:
    """A FeatureCollection of the active cities and regions with coordinates, with the per-country
    counts as the foreign member `countries`. Two queries, whatever the size."""
    places = (
        Partner.objects.active()
        .cities()
        .filter(latitude__isnull=False)
        .order_by("name")
        .values_list("name", "slug", "kind", "city", "latitude", "longitude")
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": {"name": name, "url": f"/partners/{slug}/", "kind": kind, "city": city},
            }
            for name, slug, kind, city, latitude, longitude in places
        ],
        "countries": country_counts(),
    }


def cached_partners_geojson() -> dict[str, Any]:
    return cache.get_or_set(CACHE_KEY, partners_geojson, CACHE_SECONDS)


def forget_map(**kwargs) -> None:
    """Signal receiver: a partner changed, so the next map request rebuilds the data."""
    cache.delete(CACHE_KEY)
