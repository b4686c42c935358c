"""partners' part of the digest (partners.digest_items), on its own: the subscription and the period
are anything with the attributes it reads, so partners needs nothing from the digests app."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django_countries.fields import Country

from partners.digest_items import new_partners
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

PERIOD = SimpleNamespace(start=date(2026, 3, 2), end=date(2026, 3, 8))


def test_new_partners_of_the_followed_countries_by_country_in_one_query():
    for n in range(6):
        PartnerFactory(country="SE", name=f"Kommun {n}", joined_on=date(2026, 3, 2 + n))
    PartnerFactory(country="DK", name="Aarhus", joined_on=PERIOD.end)
    PartnerFactory(country="DK", name="Before", joined_on=date(2026, 3, 1))
    PartnerFactory(country="DE", name="Not followed", joined_on=PERIOD.start)
    subscription = SimpleNamespace(countries=["SE", Country("DK")])

    with CaptureQueriesContext(connection) as queries:
        found = new_partners(subscription, PERIOD)

    assert len(queries) == 1
    assert [(entry.country.code, [p.name for p in entry.partners]) for entry in found.countries] == [
        ("DK", ["Aarhus"]),
        ("SE", [f"Kommun {n}" for n in range(6)]),
    ]
    assert found.total == 7 and found.countries[1].more == 1
    text = render_to_string(
        "partners/email/digest_new_partners.txt", {"part": SimpleNamespace(items=found), "site_url": ""}
    )
    assert text == (
        "7 new partners\n"
        "- 1 new partner in Denmark: Aarhus\n"
        "- 6 new partners in Sweden: Kommun 0, Kommun 1, Kommun 2, Kommun 3, Kommun 4 and 1 more\n"
        "\n"
    )


def test_no_followed_country_no_query_and_nothing_to_tell():
    with CaptureQueriesContext(connection) as queries:
        found = new_partners(SimpleNamespace(countries=[]), PERIOD)
    assert not found and len(queries) == 0
