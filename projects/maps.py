"""Points for the small Leaflet maps (static/js/projects.js draws them from json_script data)."""

from collections.abc import Iterable
from typing import Any

from partners.models import Partner


def map_points(places: Iterable[tuple[Partner, str]], main: Partner | None = None) -> list[dict[str, Any]]:
    """One point per located partner: its name, a label (a role, "tested here"...) and its page; the
    `main` partner (a coordinator, the city where a solution was tested) stands out on the map."""
    return [
        {
            "name": partner.name,
            "label": str(label),
            "url": partner.get_absolute_url(),
            "lat": lat,
            "lon": lon,
            "main": partner == main,
        }
        for partner, label in places
        if (location := partner.location) is not None
        for lat, lon in [location]
    ]
