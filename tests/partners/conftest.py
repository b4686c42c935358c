"""The cast every partners test uses: a partner with its representative and a plain member, a
representative of another partner, a login without a person, a coordinator, and a former partner."""

from dataclasses import dataclass
from datetime import date

import pytest

from partners.models import Partner
from tests.factories import PartnerFactory, PersonFactory, RepresentativeFactory, UserFactory


@dataclass
class Cast:
    partner: Partner
    other: Partner
    former: Partner
    representative: object  # user representing `partner`
    member: object  # user of a non-representative person at `partner`
    other_representative: object  # user representing `other`
    stranger: object  # a login with no person
    coordinator: object


@pytest.fixture
def cast(db) -> Cast:
    partner = PartnerFactory(name="Voltaic Fleets", slug="voltaic-fleets", country="FR", city="Lyon")
    other = PartnerFactory(name="Other Co", slug="other-co", country="DE")
    former = PartnerFactory(
        name="Gone Ltd", slug="gone-ltd", country="IE", joined_on=date(2016, 2, 1), left_on=date(2018, 1, 1)
    )
    return Cast(
        partner=partner,
        other=other,
        former=former,
        representative=RepresentativeFactory(
            partner=partner, email="rep@voltaic.example", name="Rita Rep"
        ).user,
        member=PersonFactory(partner=partner, email="mem@voltaic.example", user=UserFactory()).user,
        other_representative=RepresentativeFactory(partner=other, email="rep@other.example").user,
        stranger=UserFactory(),
        coordinator=UserFactory(username="coordinator", is_staff=True),
    )
