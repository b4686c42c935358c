"""The map's data: active partners per country and the city and region partners as points, as one
GeoJSON document, cached under the platform's data version (core.versions): until the data
changes, or at most a few minutes after a bulk load that sends no signals."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django_countries import countries

from core.versions import cached

from .models import Partner


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


def cached_partners_geojson() -> bytes:
    """The document as JSON, encoded once per data version and day: encoding thousands of points
    costs more than reading them."""
    return cached("partners-map", (), lambda: json.dumps(partners_geojson(), cls=DjangoJSONEncoder).encode())
