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


def partners_geojson(base_url: str) -> dict[str, Any]:
    """A FeatureCollection of the active cities and regions with coordinates (each with its slug as
    `id` and its page's absolute URL on `base_url`, the site as the client reached it), with the
    per-country counts as the foreign member `countries`. Two queries, whatever the size."""
    base_url = base_url.rstrip("/")
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
                "id": slug,
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": {
                    "name": name,
                    "url": f"{base_url}/partners/{slug}/",
                    "kind": kind,
                    "city": city,
                },
            }
            for name, slug, kind, city, latitude, longitude in places
        ],
        "countries": country_counts(),
    }


def cached_partners_geojson(base_url: str) -> bytes:
    """The document as JSON, encoded once per data version, day and site address: encoding
    thousands of points costs more than reading them."""
    return cached(
        "partners-map",
        (base_url,),
        lambda: json.dumps(partners_geojson(base_url), cls=DjangoJSONEncoder).encode(),
    )
