"""Deterministic, plausible names for generated organisations and people."""

import random

from django_countries import countries

LEGAL_SUFFIX = {
    "DE": "GmbH",
    "AT": "GmbH",
    "FR": "SAS",
    "NL": "B.V.",
    "BE": "NV",
    "DK": "ApS",
    "SE": "AB",
    "NO": "AS",
    "FI": "Oy",
    "ES": "S.L.",
    "PT": "Lda",
    "IT": "S.r.l.",
    "PL": "Sp. z o.o.",
    "IE": "Ltd",
    "GB": "Ltd",
    "CZ": "s.r.o.",
    "GR": "S.A.",
    "EE": "OÜ",
    "HU": "Kft.",
    "RO": "S.R.L.",
    "SI": "d.o.o.",
    "LT": "UAB",
}
ROOTS = [
    "Volt",
    "Ampere",
    "Elektra",
    "Circuit",
    "Verde",
    "Urbana",
    "Charge",
    "Flux",
    "Nordic",
    "Blue",
    "Spark",
    "Kinetic",
    "Current",
    "Move",
    "Eco",
    "Watt",
    "Helio",
    "Terra",
    "Swift",
    "Cargo",
    "Lumen",
    "Axon",
    "Orbit",
]
MIDS = ["", "ra", "io", "mark", "line", "way", "point", "grid", "tec", "nova"]
SECTORS = [
    "Mobility",
    "Logistics",
    "Charging",
    "Fleet Services",
    "Energy",
    "Transit",
    "Systems",
    "Solutions",
    "Cargo Bikes",
    "Motors",
    "Grid Services",
    "Software",
]
RESEARCH = [
    "{town} University of Technology",
    "{town} Institute for Sustainable Mobility",
    "{town} Energy Research Centre",
]
ASSOCIATIONS = [
    "{country} Electromobility Association",
    "{town} Cycle Logistics Federation",
    "{town} Clean Transport Alliance",
]
PUBLIC_BODIES = [
    "{town} Energy Agency",
    "{town} Transport Authority",
    "{country} Agency for Sustainable Transport",
]
FIRST_NAMES = [
    "Anna",
    "Lars",
    "Sophie",
    "Jan",
    "Marta",
    "Luca",
    "Eva",
    "Pieter",
    "Ines",
    "Tomas",
    "Clara",
    "Mikkel",
    "Elena",
    "Jonas",
    "Nora",
    "Pablo",
    "Katarzyna",
    "Sean",
    "Aino",
    "Giorgos",
    "Lena",
    "Matteo",
    "Sara",
    "Hugo",
]
LAST_NAMES = [
    "Jensen",
    "Andersson",
    "Dubois",
    "Müller",
    "Rossi",
    "de Vries",
    "García",
    "Silva",
    "Nowak",
    "Murphy",
    "Virtanen",
    "Papadopoulos",
    "Novák",
    "Tamm",
    "Kovács",
    "Hansen",
    "Peeters",
    "Berg",
    "Costa",
    "Wagner",
]


def country_name(code: str) -> str:
    return str(countries.name(code))


def any_company_name(rng: random.Random, country: str) -> str:
    return f"{rng.choice(ROOTS)}{rng.choice(MIDS)} {rng.choice(SECTORS)} {LEGAL_SUFFIX.get(country, 'Ltd')}"


def company_name(rng: random.Random, country: str, taken: set[str]) -> str:
    """A company name not in `taken` (the demo has a few hundred; there are thousands of names)."""
    while True:
        name = any_company_name(rng, country)
        if name not in taken:
            taken.add(name)
            return name


def templated_name(rng: random.Random, templates: list[str], town: str, country: str, taken: set[str]) -> str:
    for template in rng.sample(templates, len(templates)):
        name = template.format(town=town, country=country_name(country))
        if name not in taken:
            taken.add(name)
            return name
    name = f"{templates[0].format(town=town, country=country_name(country))} ({len(taken)})"
    taken.add(name)
    return name


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
