"""Get-or-create helpers shared by the demo loaders: every object has a natural key, so loading
twice changes nothing, and the random draws never depend on what the database already holds."""

import random
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from partners.models import CityProfile, Partner, PartnerKind, Person

from .names import person_name

DEMO_PASSWORD = "ev4scc-demo"  # noqa: S105 (set only with DEBUG on; see ensure_login)


class Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()

    def partner(
        self,
        *,
        name: str,
        kind: str,
        country: str,
        city: str,
        lat: float,
        lon: float,
        joined_on: date,
        is_sme: bool = False,
        is_demo: bool = True,
        left_on: date | None = None,
        description: str = "",
        website: str = "",
        population: int | None = None,
        coordinator: bool = False,
        people: int = 1,
    ) -> Partner:
        rng = self.rng
        self.names.add(name)
        if kind in (PartnerKind.CITY, PartnerKind.REGION):
            staff = turnover = balance = None
        elif is_sme:
            staff, turnover = rng.randint(4, 240), Decimal(rng.randint(3, 450)) / 10
            balance = (turnover * Decimal("0.8")).quantize(Decimal("0.01"))
        else:
            staff, turnover = rng.randint(300, 20_000), Decimal(rng.randint(60, 4_000))
            balance = (turnover * Decimal("0.9")).quantize(Decimal("0.01"))
        jitter_lat, jitter_lon = rng.uniform(-0.03, 0.03), rng.uniform(-0.05, 0.05)
        person_names = [person_name(rng) for _ in range(people)]
        slug = slugify(name)[:200]
        partner, _ = Partner.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "country": country,
                "city": city,
                "is_sme": is_sme,
                "staff_count": staff,
                "turnover_eur_m": turnover,
                "balance_sheet_eur_m": balance,
                "website": website or f"https://{slug}.example",
                "description": description,
                "joined_on": joined_on,
                "left_on": left_on,
                "latitude": Decimal(str(round(lat if population else lat + jitter_lat, 5))),
                "longitude": Decimal(str(round(lon if population else lon + jitter_lon, 5))),
                "is_demo": is_demo,
                "is_network_coordinator": coordinator,
            },
        )
        if population:
            CityProfile.objects.get_or_create(
                partner=partner, defaults={"population": population, "manifesto_signed_on": joined_on}
            )
        for index, full_name in enumerate(person_names):
            local = slugify(full_name).replace("-", ".")
            Person.objects.get_or_create(
                email=f"{local}@{slug}.example",
                defaults={
                    "partner": partner,
                    "name": full_name,
                    "role_title": "EV4SCC representative" if index == 0 else "Project officer",
                    "is_representative": index == 0,
                },
            )
        return partner


def ensure_login(person: Person, username: str, *, staff: bool = False) -> None:
    """A demo login for a person. Only with DEBUG on does it get the documented demo password, so
    loading the demo on a production database never opens an account with a known password."""
    if person.user_id:
        return
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"email": person.email, "is_staff": staff, "is_superuser": staff}
    )
    if created:
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    person.user = user
    person.save(update_fields=["user"])
