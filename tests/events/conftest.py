"""The events tests' own objects, beside the shared cast (tests/cast.py): an event, and a colleague of
the member at partner A who has no login."""

import pytest

from partners.models import Person
from tests.factories import EventFactory, PersonFactory


@pytest.fixture
def colleague(cast) -> Person:
    """Carl Colleague works at partner A beside the member, with no login: others register him."""
    return PersonFactory(partner=cast.partner_a, name="Carl Colleague")


@pytest.fixture
def event(db):
    return EventFactory(
        title="E-bus site visit", slug="e-bus-site-visit", capacity=2, time_zone="Europe/Stockholm"
    )
