"""Which market segments each city and region is interested in, so that "cities first" (the groups
a city has not joined yet in its segments of interest) has something to suggest."""

import random

from partners.models import CITY_KINDS

from .launch import Network


def load(rng: random.Random, network: Network) -> None:
    """Every city or region is interested in one to three segments; a lead city also in its own."""
    slugs = sorted(network.segments)
    for partner in network.partners.values():
        if partner.kind not in CITY_KINDS:
            continue
        chosen = rng.sample(slugs, rng.randint(1, 3))
        for slug in chosen:
            network.segments[slug].interested_partners.add(partner)
    for segment in network.segments.values():
        if segment.lead_city_id:
            segment.interested_partners.add(segment.lead_city_id)
