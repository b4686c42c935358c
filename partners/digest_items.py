"""What partners tells a subscriber in the digest email (see core.contributions.DIGEST_ITEMS): the
partners who joined during the period in the countries the subscriber follows, by country.

`collect` reads `subscription.countries` (country codes or `Country` objects) and `period.start`
and `period.end` (dates, inclusive); it runs one query.
"""

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django_countries.fields import Country

from core.contributions import DIGEST_ITEMS, DigestItems

from .models import Partner

#: Partners named per country; the rest are counted.
NAMES_PER_COUNTRY = 5


@dataclass
class CountryPartners:
    country: Country
    partners: list[Partner]

    @property
    def named(self) -> list[Partner]:
        return self.partners[:NAMES_PER_COUNTRY]

    @property
    def more(self) -> int:
        return max(0, len(self.partners) - NAMES_PER_COUNTRY)


@dataclass
class NewPartners:
    """The new partners of the followed countries, one entry per country in country order."""

    countries: list[CountryPartners]

    def __bool__(self) -> bool:
        return bool(self.countries)

    @property
    def total(self) -> int:
        return sum(len(entry.partners) for entry in self.countries)


def new_partners(subscription: Any, period: Any) -> NewPartners:
    codes = [getattr(country, "code", country) for country in subscription.countries]
    if not codes:
        return NewPartners([])
    partners = Partner.objects.filter(
        country__in=codes, joined_on__range=(period.start, period.end)
    ).order_by("country", "name")
    return NewPartners(
        [
            CountryPartners(Country(code), list(rows))
            for code, rows in groupby(partners, lambda p: p.country.code)
        ]
    )


DIGEST_ITEMS.register(
    DigestItems(
        key="new_partners",
        collect=new_partners,
        template="partners/email/digest_new_partners.html",
        text_template="partners/email/digest_new_partners.txt",
        order=10,
    )
)
