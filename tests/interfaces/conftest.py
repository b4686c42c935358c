"""Fixtures of the interface tests, on the shared cast (tests/cast.py)."""

import pytest
from rest_framework.test import APIClient

from tests.factories import EventFactory


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def event(db):
    return EventFactory(title="E-bus site visit", slug="e-bus-site-visit")
