"""Europe, for the lists a European network shows first (no Django import: settings read it)."""

#: Europe's countries and territories (the UN's geographic Europe, with Cyprus, an EU member, and
#: the candidates Turkey and Georgia), first in every country list: settings.COUNTRIES_FIRST, read
#: by django-countries.
EUROPE = [
    "AD", "AL", "AT", "AX", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FO", "FR", "GB", "GE", "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT",
    "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK",
    "SJ", "SM", "TR", "UA", "VA",
]  # fmt: skip
