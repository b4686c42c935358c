"""The cast for the API tests: anonymous, a representative of a partner (with a token), a member
who is not a representative, a representative of another partner, and a coordinator."""

from dataclasses import dataclass

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.models import Partner, Person
from tests.factories import PartnerFactory, PersonFactory, RepresentativeFactory, UserFactory


@dataclass
class Cast:
    partner: Partner
    representative: Person
    member: Person
    outsider: Person
    coordinator: object


@pytest.fixture
def cast(db) -> Cast:
    partner = PartnerFactory(name="Aarhus Kommune", slug="aarhus")
    return Cast(
        partner=partner,
        representative=RepresentativeFactory(partner=partner, name="Rita Rep", email="rita@example.org"),
        member=PersonFactory(partner=partner, name="Mads Member", user=UserFactory(username="member")),
        outsider=RepresentativeFactory(partner=PartnerFactory(name="Elsewhere GmbH"), name="Otto Out"),
        coordinator=UserFactory(username="coordinator", is_staff=True),
    )


def client_for(user=None) -> APIClient:
    """A client authenticated by a token, as a third-party tool would be; anonymous without a user."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
