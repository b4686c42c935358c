"""API clients for the shared cast (tests/cast.py): a token client for any user, and an anonymous one."""

import pytest
from rest_framework.test import APIClient

from partners.models import ApiToken


def client_for(user=None) -> APIClient:
    """A client authenticated by a token, as a third-party tool would be; anonymous without a user."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=user, name='tests')[1]}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
