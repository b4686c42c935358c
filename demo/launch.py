"""The network as it stood at its launch on 28 January 2016, and the facts the source names about
2016: the segments, the General Assembly's four break-out groups, the calls GV8-2017 and MG4.2017,
the EIB meeting and the Gothenburg meeting. Organisations the source does not name are generated
and flagged `is_demo`."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from kpis.models import Target
from partners.models import LAUNCH_DATE, Partner, PartnerKind
from projects.models import FundingCall
from segments.models import Admission, Segment, WorkingGroup

from .builder import Builder, ensure_login
from .names import ASSOCIATIONS, PUBLIC_BODIES, RESEARCH, company_name, templated_name
from .places import LAUNCH_CITIES, LAUNCH_COUNTRIES, TOWNS

#: The 2016 General Assembly. The source gives no date; the demo assumes one between the launch
#: and the E-fleet meeting of 29 June 2016.
GENERAL_ASSEMBLY_DAY = date(2016, 4, 20)

SEGMENTS = [
    # (slug, short name, name, lead city, description)
    (
        "ev-fleets",
        "E-fleets",
        "Intelligent management of public and private EV fleets",
        "Stuttgart Region",
        "Electric vehicles in municipal, company, taxi and car-sharing fleets, managed with smart "
        "charging and telematics so that fleets electrify at scale.",
    ),
    (
        "urban-logistics",
        "E-logistics",
        "Smart urban logistics with light e-vehicles",
        "Aarhus",
        "Electric vans, cargo bikes and light electric vehicles for deliveries in city centres, with "
        "consolidation centres and access rules that reward clean freight.",
    ),
    (
        "public-transport",
        "E-bus",
        "Smart electrification of public transport",
        "Gothenburg",
        "Electric buses and their charging at depots and on the route, from pilots to whole lines.",
    ),
    (
        "infrastructure",
        "E-infrastructure",
        "Innovative integrated infrastructure solutions",
        "Île-de-France",
        "Planning and smart charging: where to put charge points, how to integrate them with the grid, "
        "buildings and street furniture, and how to make them interoperable.",
    ),
    (
        "multimodal",
        "Multi-modal",
        "Smart e-mobility serving multi-modal mobility services",
        "Eindhoven",
        "Electric vehicles in mobility hubs, sharing schemes and mobility-as-a-service, connected "
        "with public transport.",
    ),
]

GROUPS = [
    # (slug, name, segment, lead, admission, purpose, session outcome)
    (
        "e-freight",
        "E-freight",
        "urban-logistics",
        "Aarhus",
        Admission.REQUEST,
        "Freight operators and cities replicating electric urban freight, building on the FREVUE team's "
        "results.",
        "A consortium for H2020 call GV8-2017: freight operators with cities, Denmark and the FREVUE team. "
        "Partners agreed to draft a declaration to commit to e-freight.",
    ),
    (
        "e-planning-smart-charging",
        "E-planning and smart charging",
        "infrastructure",
        "Île-de-France",
        Admission.OPEN,
        "Planning charging infrastructure and smart charging across cities; led by Île-de-France and open "
        "to other cities.",
        "Led by Île-de-France, the group prepares a proposal for call MG4.2017 and stays open to other "
        "cities.",
    ),
    (
        "e-fleet",
        "E-fleet",
        "ev-fleets",
        "Stuttgart Region",
        Admission.REQUEST,
        "Pooling the electrification of public and private fleets so that it can be financed at scale.",
        "The group will meet the European Investment Bank on 29 June 2016 about financing 2,500 electric "
        "vehicles in 5 countries.",
    ),
    (
        "e-bus",
        "E-bus",
        "public-transport",
        "Gothenburg",
        Admission.OPEN,
        "Cities and operators electrifying bus lines, sharing procurement and operating experience.",
        'The group meets on 21-22 September 2016 in Gothenburg, at the conference "Electro-mobility in '
        'Smart Cities".',
    ),
]

CALLS = [
    (
        "GV8-2017",
        "Horizon 2020",
        "Electrified urban commercial vehicles integration with fast charging infrastructure",
        date(2017, 2, 1),
    ),
    ("MG4.2017", "Horizon 2020", 'Supporting "smart electric mobility" in cities', date(2017, 2, 1)),
]

TARGETS = [
    ("cities", Decimal(50), "count", "50 cities from across Europe joined the network."),
    ("sme_share", Decimal(50), "percent", "50% SME participation among the partners."),
    (
        "collaboration_growth",
        Decimal(50),
        "percent",
        "A 50% increase in the number of active collaborations between partners.",
    ),
    (
        "new_projects",
        Decimal(50),
        "count",
        "50 new projects by the end of 2017, each in a key market segment.",
    ),
]
TARGET_DEADLINE = date(2017, 12, 31)

#: How the 53 generated organisations divide at launch (beside the 19 cities and regions, Urban
#: Foresight and the FREVUE team: 74 partners, 28 of them SMEs).
LAUNCH_MIX = [
    (PartnerKind.COMPANY, True, 27),
    (PartnerKind.COMPANY, False, 10),
    (PartnerKind.RESEARCH, False, 8),
    (PartnerKind.ASSOCIATION, False, 4),
    (PartnerKind.PUBLIC_BODY, False, 4),
]


@dataclass
class Network:
    """What the later loaders build on."""

    partners: dict[str, Partner] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    groups: dict[str, WorkingGroup] = field(default_factory=dict)
    calls: dict[str, FundingCall] = field(default_factory=dict)
    danish_freight: list[Partner] = field(default_factory=list)


def at(day: date, hour: int, tz: str = "Europe/Brussels") -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(tz))


def load(builder: Builder) -> Network:
    network = Network()
    rng = builder.rng
    for name, kind, country, lat, lon, population in LAUNCH_CITIES:
        network.partners[name] = builder.partner(
            name=name,
            kind=kind,
            country=country,
            city=name,
            lat=lat,
            lon=lon,
            population=population,
            joined_on=LAUNCH_DATE,
            is_demo=name != "Île-de-France",
            people=2,
            description=f"{name} signed the EV4SCC manifesto at the launch of the network.",
        )
    network.partners["Urban Foresight"] = builder.partner(
        name="Urban Foresight",
        kind=PartnerKind.COMPANY,
        country="GB",
        city="Newcastle upon Tyne",
        lat=54.9733,
        lon=-1.6140,
        joined_on=LAUNCH_DATE,
        is_sme=True,
        is_demo=False,
        coordinator=True,
        people=2,
        website="https://urbanforesight.org",
        description="Urban Foresight coordinates the EV4SCC network.",
    )
    network.partners["FREVUE project team"] = builder.partner(
        name="FREVUE project team",
        kind=PartnerKind.ASSOCIATION,
        country="GB",
        city="London",
        lat=51.5074,
        lon=-0.1278,
        joined_on=LAUNCH_DATE,
        is_demo=False,
        description="The team of FREVUE (Freight Electric Vehicles in Urban Europe), bringing its experience "
        "of electric urban freight to the E-freight group.",
    )
    # 53 generated organisations, spread over the 19 countries; the Danish freight operators first.
    countries = list(LAUNCH_COUNTRIES)
    for index in range(2):
        town, lat, lon = TOWNS["DK"][index]
        network.danish_freight.append(
            builder.partner(
                name=company_name(rng, "DK", builder.names).replace(" ApS", " Freight ApS"),
                kind=PartnerKind.COMPANY,
                country="DK",
                city=town,
                lat=lat,
                lon=lon,
                joined_on=LAUNCH_DATE,
                is_sme=True,
                description="A Danish freight operator running electric vans in city centres.",
            )
        )
    mix = [(kind, sme) for kind, sme, count in LAUNCH_MIX for _ in range(count)]
    mix.remove((PartnerKind.COMPANY, True))  # the two Danish freight operators are SMEs
    mix.remove((PartnerKind.COMPANY, True))
    for index, (kind, sme) in enumerate(mix):
        country = countries[index % len(countries)]
        town, lat, lon = rng.choice(TOWNS[country])
        generated_partner(
            builder,
            network,
            kind=kind,
            is_sme=sme,
            country=country,
            town=town,
            lat=lat,
            lon=lon,
            joined_on=LAUNCH_DATE,
        )
    load_structure(network)
    return network


def generated_partner(
    builder: Builder,
    network: Network,
    *,
    kind: str,
    is_sme: bool,
    country: str,
    town: str,
    lat: float,
    lon: float,
    joined_on: date,
    left_on: date | None = None,
) -> Partner:
    rng = builder.rng
    if kind == PartnerKind.COMPANY:
        name = company_name(rng, country, builder.names)
    else:
        templates = {PartnerKind.RESEARCH: RESEARCH, PartnerKind.ASSOCIATION: ASSOCIATIONS}.get(
            kind, PUBLIC_BODIES
        )
        name = templated_name(rng, templates, town, country, builder.names)
    partner = builder.partner(
        name=name,
        kind=kind,
        country=country,
        city=town,
        lat=lat,
        lon=lon,
        joined_on=joined_on,
        left_on=left_on,
        is_sme=is_sme,
        people=rng.choice([1, 1, 2]),
        description=f"A generated {'SME' if is_sme else PartnerKind(kind).label.lower()} in {town}.",
    )
    network.partners[name] = partner
    return partner


def load_structure(network: Network) -> None:
    """Segments, the four General Assembly groups, the calls and the targets."""
    partners = network.partners
    companies = [p for p in partners.values() if p.kind == PartnerKind.COMPANY and p.is_demo]
    for position, (slug, short, name, lead, description) in enumerate(SEGMENTS, start=1):
        segment, created = Segment.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "position": position,
                "description": description,
                "lead_city": partners[lead],
            },
        )
        if created:
            segment.lead_companies.set(companies[position * 3 : position * 3 + 2])
        network.segments[slug] = segment
    for slug, name, segment, _lead, admission, purpose, _outcome in GROUPS:
        network.groups[slug], _ = WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "segment": network.segments[segment],
                "admission": admission,
                "description": purpose,
                "formed_on": GENERAL_ASSEMBLY_DAY,
            },
        )
    for identifier, programme, title, deadline in CALLS:
        network.calls[identifier], _ = FundingCall.objects.get_or_create(
            identifier=identifier, defaults={"programme": programme, "title": title, "deadline": deadline}
        )
    for metric, value, unit, description in TARGETS:
        Target.objects.get_or_create(
            metric=metric,
            deadline=TARGET_DEADLINE,
            defaults={
                "target_value": value,
                "unit": unit,
                "baseline_date": LAUNCH_DATE,
                "description": description,
            },
        )


#: Demo logins (username, partner, staff); their password is documented in the README.
LOGINS = [
    ("coordinator", "Urban Foresight", True),
    ("gothenburg", "Gothenburg", False),
    ("iledefrance", "Île-de-France", False),
    ("aarhus", "Aarhus", False),
    ("tartu", "Tartu", False),
]


def load_logins(network: Network) -> None:
    for username, partner, staff in LOGINS:
        ensure_login(
            network.partners[partner].people.representatives().order_by("id").first(), username, staff=staff
        )
