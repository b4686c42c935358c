"""Europe's countries by region, to group long country lists (the digest's countries) the way
people look for them. The regions are the UN's geographic sub-regions (M49), which neither Babel
nor django-countries ships, with Cyprus and Turkey (Western Asia there) counted in Europe as the
network does; everything else is "Elsewhere"."""

from django.utils.translation import gettext_lazy as _

#: (region, ISO 3166-1 alpha-2 codes), in the order a list shows them.
EUROPE = (
    (_("Northern Europe"), ("DK", "EE", "FI", "FO", "GB", "IE", "IS", "LT", "LV", "NO", "SE")),
    (_("Western Europe"), ("AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL")),
    (
        _("Southern Europe"),
        (
            "AD",
            "AL",
            "BA",
            "CY",
            "ES",
            "GR",
            "HR",
            "IT",
            "ME",
            "MK",
            "MT",
            "PT",
            "RS",
            "SI",
            "SM",
            "VA",
            "XK",
        ),
    ),
    (_("Eastern Europe"), ("BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "TR", "UA")),
)
ELSEWHERE = _("Elsewhere")


def region_of(code: str) -> str:
    """The label of the region of the country `code`; "Elsewhere" outside Europe."""
    return next((str(region) for region, codes in EUROPE if code in codes), str(ELSEWHERE))
