"""API clients for the shared cast (tests/cast.py): a token client for any user, and an anonymous one."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def client_for(user=None) -> APIClient:
    """A client authenticated by a token, as a third-party tool would be; anonymous without a user."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
